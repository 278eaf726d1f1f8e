import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-results/', 'custom-elements.json', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'No skipped tests.' },
      ],
    },
  },
  {
    // The floors: src/ imports neither OpenLayers nor Lit, layers/ does not import Lit, nothing imports upward.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['ol', 'ol/*', 'lit', 'lit/*', '@lit/*'],
              message: 'src/ is the core: no OpenLayers, no Lit.',
            },
            {
              group: ['**/layers/**', '**/widgets/**', '**/styles/**'],
              message: 'src/ must not import upward.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['layers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*'], message: 'layers/ is plain OpenLayers: no Lit.' },
            {
              group: ['**/widgets/**', '**/styles/**'],
              message: 'layers/ must not import upward.',
            },
          ],
        },
      ],
    },
  },
);
