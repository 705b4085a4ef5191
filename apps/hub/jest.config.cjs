module.exports = {
  displayName: 'hub',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // Plugins are loaded as shipped (plain JavaScript, through a real import(): see the plugin
  // registry); the test target sets NODE_OPTIONS=--experimental-vm-modules for that.
  transformIgnorePatterns: ['/node_modules/', '\\.[cm]?js$'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
