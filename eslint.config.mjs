import nx from '@nx/eslint-plugin';

/**
 * Architecture boundaries (see README "Where things live"): who may import whom.
 * Test files get a little more room (the conformance kit, CRM emulators), never production code.
 */
const sdkBannedImports = ['@nestjs/*', 'typeorm', 'jsforce', 'express', '@odata/*', 'pg', 'better-sqlite3'];

function boundaries({ forTests }) {
  const testOnly = forTests ? ['type:testing', 'type:tool'] : [];
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:sdk', ...testOnly] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:sdk', 'type:data-access', 'type:testing', 'type:tool'] },
    { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:sdk', ...testOnly] },
    { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: [...testOnly] },
    { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: [], bannedExternalImports: sdkBannedImports },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:sdk', ...(forTests ? ['type:tool'] : [])], bannedExternalImports: sdkBannedImports },
    { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:sdk', ...testOnly] },
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:sdk', 'type:testing', 'type:tool', 'type:feature', 'type:data-access'] },
  ];
}

export const testFiles = ['**/*.spec.ts', '**/*.test.ts', '**/__fixtures__/**', '**/test-support/**'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', 'tmp', 'data', 'plugins.d', 'coverage'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'], depConstraints: boundaries({ forTests: false }) },
      ],
    },
  },
  {
    // Tests of buildable packages (plugins) may use the emulators and other test-only tools, which are not built.
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'], depConstraints: boundaries({ forTests: true }) },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
