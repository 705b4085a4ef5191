// Unit tests of the console's logic that has no DOM (settings forms, job forms, filters, schedules).
// The screens themselves are tested in a real browser by apps/hub-e2e (console-*.spec.ts).
module.exports = {
  displayName: 'console',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
