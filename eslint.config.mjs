import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-globals': [
        'error',
        { name: 'Excel', message: 'Only src/excel/runtime.ts touches Excel.' },
      ],
    },
  },
  {
    // The pure core must not reach for Office, the DOM or the file system.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'fs',
            'node:*',
            'react',
            'react-dom',
            '@fluentui/*',
            'exceljs',
            '../excel/*',
            '../xlsx/*',
            '../host/*',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'window', 'document'],
    },
  },
  {
    // No code from strings anywhere (the task pane's Content-Security-Policy forbids it too).
    files: ['**/*.{ts,tsx,js,cjs,mjs}'],
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
    },
  },
  {
    // Code that runs in the task pane must run on the declared target (scripts/browser-target.cjs):
    // Safari 15.0 parses ES2020 but lacks these newer built-ins.
    files: ['src/{app,core,excel,commands,taskpane}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Object',
          property: 'hasOwn',
          message: 'Safari 15.0 lacks Object.hasOwn; use Object.prototype.hasOwnProperty.call.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(at|findLast|findLastIndex|toSorted|toReversed|toSpliced)$/]',
          message: 'Safari 15.0 lacks Array.prototype.at/findLast/toSorted/…; write it out.',
        },
        {
          selector: "CallExpression[callee.name='structuredClone']",
          message: 'Safari 15.0 lacks structuredClone.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
