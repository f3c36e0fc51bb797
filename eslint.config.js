import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layers, enforced as VS Code's layersChecker does: a wrong import fails CI, not a review. */
const nodeBuiltins = { group: ['node:*'], message: 'shared/ and renderer/ are runtime-neutral: no Node built-ins.' };
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tmp/**', '.caredesk/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test collects these itself; awaiting them would serialise nothing.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  layer(['shared/**'], [
    nodeBuiltins,
    { group: ['electron', '**/electron/**', '**/renderer/**', '**/server/**', 'react', 'react-dom', 'zustand'], message: 'shared/ depends on nothing but itself and pure libraries.' },
  ]),
  layer(['renderer/**'], [
    nodeBuiltins,
    { group: ['electron', '**/electron/**', '**/server/**'], message: 'The renderer reaches main only through window.caredesk.' },
  ]),
  layer(['server/**'], [{ group: ['electron', '**/electron/**', '**/renderer/**'], message: 'The server never depends on the workstation.' }]),
  layer(['electron/**'], [{ group: ['**/server/**'], message: 'The workstation never imports the server: what both need lives in common/ or shared/.' }]),
  layer(['electron/core/**'], [
    { group: ['electron', '**/renderer/**'], message: 'The core is plain Node: it runs without Electron.' },
    { group: ['**/server/**'], message: 'The workstation never imports the server: what both need lives in common/ or shared/.' },
  ]),
  // common/ is Node code both programs run (password and verifier hashing): it depends on neither.
  layer(['common/**'], [{ group: ['electron', '**/electron/**', '**/renderer/**', '**/server/**'], message: 'common/ is shared by the workstation and the server: it imports neither.' }]),
  // Tests and test harnesses may run the real server against the workstation (STYLE: no mocks of our
  // own parts). Listed last so it lifts the layer rule above for those files only.
  { files: ['electron/**/*.test.ts', 'electron/**/testing/**'], rules: { 'no-restricted-imports': 'off' } },
  layer(['electron/core/**/*.test.ts', 'electron/core/**/testing/**'], [{ group: ['electron', '**/renderer/**'], message: 'The core is plain Node: it runs without Electron.' }]),
);
