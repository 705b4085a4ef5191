module.exports = {
  displayName: 'hub-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Each spec starts real hub processes; they compete for the same two cores and for port 3000.
  maxWorkers: 1,
  testTimeout: 60_000,
};
