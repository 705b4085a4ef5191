import jsdoc from 'eslint-plugin-jsdoc';
import baseConfig, { testFiles } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The SDK is what vendors read: every export carries TSDoc with an example.
    files: ['src/**/*.ts'],
    ignores: testFiles,
    plugins: { jsdoc },
    rules: {
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true },
          contexts: ['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSEnumDeclaration'],
        },
      ],
      'jsdoc/require-example': [
        'error',
        {
          contexts: [
            'ExportNamedDeclaration > FunctionDeclaration',
            'ExportNamedDeclaration > ClassDeclaration',
            'ExportNamedDeclaration > TSInterfaceDeclaration',
            'ExportNamedDeclaration > TSTypeAliasDeclaration',
            'ExportNamedDeclaration > VariableDeclaration',
          ],
          exemptedBy: ['internal'],
        },
      ],
    },
  },
];
