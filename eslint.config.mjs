// Lint for the TypeScript sources (run by `npm run lint`, which `npm test` runs after compiling). Type-aware where
// a rule needs the checker (floating promises). The import boundaries are the architecture's, see docs/architecture.md:
// the engine and the CLI never import `vscode`; outside the engine, only src/engine/index.ts is imported.
// Import cycles, the engine's layer order and unused exports are checked by scripts/checkArchitecture.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_VSCODE = { name: 'vscode', message: 'The engine and the CLI run without VS Code: pass what you need in an options object.' };
const ENGINE_INTERNALS = {
  regex: '(^|/)engine/.+',
  message: 'Import the engine from its public surface (src/engine/index.ts); export what you need there.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '**/*.js', '**/*.mjs'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'test/unit/**/*.ts', 'test/integration/**/*.ts', 'test/builders/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE] }] },
  },
  { files: ['src/cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [ENGINE_INTERNALS] }] } },
  { files: ['src/extension/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [ENGINE_INTERNALS] }] } },
);
