module.exports = {
  displayName: 'plugin-salesforce',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Emulator specs seed and read thousands of records over HTTPS; none needs more than a few seconds.
  testTimeout: 60_000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
