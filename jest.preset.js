const nxPreset = require('@nx/jest/preset').default;

// Jest's default of 5 s per test and hook fails tests that start a hub or an emulator whenever
// `npm test` runs them in parallel on a busy machine (two cores, lint and builds alongside):
// a slow machine is not a failure. Projects may still set their own (hub-e2e: 60 s).
module.exports = { ...nxPreset, testTimeout: 30_000 };
