import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

/** Relative imports, at any depth, of the layers around the core. */
const OUTER_LAYERS =
  '^(\\.{1,2}/)+(.*/)?(excel|xlsx|host|app|taskpane|workbench|commands|cli|workbook|sample)(/|$)';
/** Relative imports of the UI and the simulated host. */
const UI_LAYERS = '^(\\.{1,2}/)+(.*/)?(taskpane|workbench|host|xlsx|cli)(/|$)';
const BROWSER_AND_OFFICE = [
  'Office',
  'Excel',
  'OfficeExtension',
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
].map((name) => ({ name, message: 'Not available in this layer: pass it in from an edge.' }));

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
    // The pure core must not reach for Office, the DOM, the file system or any outer layer, from any depth.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fs',
                'fs/*',
                'node:*',
                'react',
                'react/*',
                'react-dom',
                'react-dom/*',
                '@fluentui/*',
                'exceljs',
                'fast-formula-parser',
              ],
              message: 'src/core is pure TypeScript.',
            },
            { regex: OUTER_LAYERS, message: 'src/core may not import an outer layer.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...BROWSER_AND_OFFICE],
    },
  },
  {
    // The workbook model and the application services run in the shared runtime and the command line
    // alike: no Office, DOM, React or file system there either.
    files: ['src/workbook/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fs',
                'fs/*',
                'node:*',
                'react',
                'react/*',
                'react-dom',
                'react-dom/*',
                '@fluentui/*',
                'exceljs',
              ],
              message: 'No file system, React or ExcelJS here.',
            },
            {
              regex: UI_LAYERS,
              message: 'The workbook model and the app layer may not import the UI or the simulated host.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...BROWSER_AND_OFFICE],
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
