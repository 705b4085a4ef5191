import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Deno entry points, run by `deno test` (not by Nx's TypeScript build): Deno knows no tsconfig
    // paths, so each imports its plugin's conformance suites by path — test code only, and the
    // plugins' own code is loaded from their built packages at run time. The other rules apply.
    files: ['src/**/*.test.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
