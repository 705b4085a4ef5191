module.exports = {
  displayName: 'plugin-hubspot',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Emulator specs seed and read thousands of records over HTTPS (15,000 in the search-cap spec).
  testTimeout: 60_000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
