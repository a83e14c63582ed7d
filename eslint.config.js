// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      '.tsbuild/**',
      'test-results/**',
      'playwright-report/**',
      'tools/electronegativity/node_modules/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'bin/*.mjs', 'tools/*/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      // no-restricted-paths only sees imports it can resolve: resolve TypeScript paths too.
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'react-hooks/rules-of-hooks': 'error',
      // The store's query hooks take (build, deps) like useMemo, so their deps are checked too.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^(useRxQuery|useCount)$' }],
      // Layering (CONVENTIONS.md): the folder says where the code may run.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src-shared',
              from: ['./src-main', './src-renderer', './src-server', './src-cli'],
              message: 'src-shared is imported by every side and imports none of them.',
            },
            {
              target: './src-renderer',
              from: ['./src-main', './src-server', './src-cli'],
              message: 'The renderer talks to main only through the preload API in src-shared/ipc.',
            },
            {
              target: './src-server',
              from: ['./src-main', './src-renderer', './src-cli'],
              message: 'The server imports src-shared only.',
            },
            {
              target: './src-main',
              from: ['./src-renderer', './src-server', './src-cli'],
              message: 'Main imports src-shared, node and electron only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'src-shared must not use Node APIs.',
            })),
            { name: 'electron', message: 'src-shared must not use electron.' },
            { name: 'react', message: 'src-shared must not use React or the DOM.' },
          ],
          patterns: [
            { group: ['rxdb/plugins/storage-*'], message: 'Storages are chosen by each side.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'indexedDB',
          'process',
          'Buffer',
        ].map((name) => ({ name, message: 'src-shared is pure: no DOM and no Node globals.' })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer never imports electron; use window.fieldbook.',
            },
            ...nodeBuiltins.map((name) => ({ name, message: 'No Node in the renderer.' })),
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Services stay free of electron so vitest tests them.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
);
