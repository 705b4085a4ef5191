const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/hub'),
    clean: true,
    devtoolModuleFilenameTemplate: '[absolute-resource-path]',
  },
  // The SDK stays a separate package at run time: drop-in plugins load the same copy from
  // node_modules (workspace libraries are bundled; other node_modules are external anyway).
  externals: { '@crm-hub/plugin-sdk': 'commonjs @crm-hub/plugin-sdk' },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // Each CRM plugin runs in a worker thread started from this file (dist/apps/hub/plugin-host.worker.js),
      // which the plugin registry finds next to main.js: see libs/core/plugin-registry/src/lib/isolation.
      additionalEntryPoints: [{ entryName: 'plugin-host.worker', entryPath: '../../libs/core/plugin-registry/src/lib/isolation/plugin-host.worker.ts' }],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      externalDependencies: 'all',
      sourceMap: true,
    }),
  ],
};
