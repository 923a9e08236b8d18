// Lint is part of `npm test`; the rules stay close to the recommended sets so that a
// failure means something.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'screenshots/**', 'coverage/**', '.kvx-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Sources only; the emulator has its own UsageError, used inside one bundle.
    files: ['src/**'],
    ignores: ['src/emulator/**'],
    rules: {
      // kvx's own error classes are told apart by name (isActionRefused, isUsageError), not
      // instanceof: a copy of the class from another bundle (they were once split in two) or
      // from the sources beside a build still counts.
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator='instanceof'][right.name=/^(ActionRefusedError|UsageError)$/]",
          message: 'instanceof fails across bundles; use isActionRefused / isUsageError',
        },
      ],
    },
  },
);
