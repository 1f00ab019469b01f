import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import anxin from './scripts/eslint/plugin.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    // Rooms and their doors (Signal-style fences, checked on resolved paths): the main process
    // never reaches into the UI, services stay plain Node below their transports, the component
    // kit stays below the features, and the respondents' pages never bundle staff code.
    files: ['**/*.{ts,tsx}'],
    plugins: { anxin },
    rules: {
      'anxin/fences': [
        'error',
        [
          {
            from: 'electron/',
            forbid: ['renderer/'],
            why: 'the main process talks to the UI over the contract only',
          },
          {
            from: 'shared/',
            forbid: ['electron/', 'renderer/'],
            why: 'shared/ is pure domain code both sides use',
          },
          {
            from: 'electron/services/',
            forbid: ['electron/transports/', 'electron/cli/', 'electron/main', 'electron/preload'],
            why: 'services are plain functions over a Db; transports and shells sit above them',
          },
          {
            from: 'electron/preload',
            forbid: ['electron/services/', 'electron/db/', 'electron/api/'],
            why: 'the sandboxed preload only forwards IPC',
          },
          { from: 'renderer/', forbid: ['electron/'], why: 'the renderer calls the typed API only' },
          {
            from: 'renderer/src/ui/',
            forbid: ['renderer/src/features/', 'renderer/src/shell/'],
            why: 'the component kit knows no feature',
          },
          {
            from: 'renderer/src/features/respondent/',
            forbid: [
              'renderer/src/features/',
              'renderer/src/api/',
              'renderer/src/store/',
              'renderer/src/shell/',
            ],
            except: ['renderer/src/features/respondent/', 'renderer/src/features/screening/i18n.'],
            why: 'the respondent core is shared with the station page, which has no staff API',
          },
          {
            from: 'renderer/src/features/station/',
            forbid: [
              'renderer/src/features/',
              'renderer/src/api/',
              'renderer/src/store/',
              'renderer/src/shell/',
            ],
            except: [
              'renderer/src/features/station/',
              'renderer/src/features/respondent/',
              'renderer/src/features/screening/i18n.',
            ],
            why: 'the LAN page must not bundle staff screens or the staff API',
          },
          {
            from: 'electron/services/',
            forbid: ['electron/hub/'],
            why: 'an installation reports to its hub by bundle only; it never reaches into the hub',
          },
          {
            from: 'electron/hub/services/',
            forbid: [
              'electron/hub/transport',
              'electron/hub/dispatch',
              'electron/cli/',
              'electron/transports/',
            ],
            why: 'hub services are plain functions over the hub store; its server and commands sit above them',
          },
        ],
      ],
    },
  },
  {
    // Parsed data is checked with zod in the product; tests may assert what they just wrote.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { anxin },
    rules: { 'anxin/no-cast-parse': 'error' },
  },
  {
    // Fences by process: shared code runs in the browser too, the renderer only talks to the API.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'better-sqlite3*', '../electron/*', '../../electron/*'],
              message: 'shared/ must stay free of Node and Electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, anxin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'anxin/no-jsx-literals': 'error',
      // Views fetch their data through the API in effects and show a loading state meanwhile;
      // without a data library that is the plain pattern, so this compiler-oriented rule stays off.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'better-sqlite3*', '**/electron/**'],
              message: 'The renderer calls the typed API only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly', Buffer: 'readonly' },
    },
  },
);
