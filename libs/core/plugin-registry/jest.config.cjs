module.exports = {
  displayName: 'plugin-registry',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // The specs load real plugin packages written as plain JavaScript (and the built SDK): run them as
  // shipped. The preset would hand .js files to ts-jest, which is not how the hub loads plugins.
  transformIgnorePatterns: ['/node_modules/', '\\.[cm]?js$'],
  // The loader's import() needs Jest's ESM support (NODE_OPTIONS=--experimental-vm-modules, set by
  // the `test` target in project.json): say so up front instead of failing in every spec.
  globalSetup: '<rootDir>/src/lib/test-support/require-vm-modules.cjs',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Every load starts worker threads (one per plugin, ~0.5 s each on a busy machine), and the
  // isolation specs wait out load time limits and heartbeats on purpose.
  testTimeout: 30_000,
};
