// ESLint for everything written by hand: the library, its tests, the demo, the benchmark and the scripts.
// Formatting is Prettier's job (`prettier --check .` in `npm run lint`), so no style rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-demo/', 'bench-results/', 'node_modules/', 'data/', '.vite/', 'custom-elements.json'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.{ts,js}', 'demo/**/*.ts', 'bench/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], litA11y.configs.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'demo/server/**', 'test/node/**', '*.config.{js,mjs,ts}', 'vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Functions handed to puppeteer's page.evaluate run in the page.
    files: ['scripts/bench.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['test/**', 'src/testing/**'],
    languageOptions: { globals: globals.mocha },
    // Chai asserts with properties (`expect(x).to.be.true`).
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // File names are cleaned of control characters on purpose.
    files: ['src/core/file-policy.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    rules: {
      // `_`-prefixed names mark a parameter a signature needs but the body does not use (tsc's noUnusedParameters agrees).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // `void (x = y)` and `() => void task()` say on purpose that a value is dropped.
      'no-void': 'off',
      // `let x; … () => x?.run(); x = …`: a closure made before the value exists must not meet const's dead zone.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
);
