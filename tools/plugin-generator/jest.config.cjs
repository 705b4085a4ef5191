module.exports = {
  displayName: 'plugin-generator',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // The spec builds and tests a generated plugin (tsc, then the conformance kit).
  testTimeout: 180_000,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
};
