import baseConfig, { testFiles } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Runtime-neutral: the plugin's code uses the SDK (ctx.http, timers through its helpers) and
    // web-standard globals only, so it can run on Deno as well as Node. Tests may use Node.
    files: ['src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'No Node-only APIs in the plugin: use the SDK and web-standard globals (runtime-neutral).' }] }],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'Buffer is Node-only: use TextEncoder/Uint8Array.' }, { name: 'process', message: 'process is Node-only.' }],
    },
  },
];
