// ESLint: typescript-eslint's recommended rules, React's hooks rules for the window, and the layers of
// docs/ARCHITECTURE.md as import boundaries (a wrong import fails `npm test`; test/lint proves it).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import patterns (gitignore-style, matched against the import string) per forbidden layer. */
const LAYER = {
  api: ['**/api/endpoints*', '@api/*'],
  rp: ['**/rp/**', '**/rp'],
  cli: ['**/cli/**', '**/cli'],
  main: ['**/main/**', '**/main'],
  preload: ['**/preload/**', '**/preload'],
  renderer: ['**/renderer/**', '**/renderer'],
  node: ['node:*'],
  electron: ['electron'],
  react: ['react', 'react-dom', 'react-dom/*'],
};

/** A no-restricted-imports rule refusing the given layers, with the reason. */
function only(layer, forbidden, why) {
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: forbidden.map((f) => ({ group: LAYER[f], message: `src/${layer} must not import ${f}: ${why}` })) },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/lint/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Types from outside (CDP params, JSON bodies, test doubles) are narrowed where they are used.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks. Not the React Compiler's rules of the plugin's recommended set (refs,
    // set-state-in-effect, purity, immutability): the window is not compiled with it.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: {
      // Playwright fixtures declare "no fixtures needed" with an empty pattern.
      'no-empty-pattern': 'off',
      // The suite names the window's hooks through src/renderer/src/testids.ts, never by hand.
      'no-restricted-syntax': [
        'error',
        ...[
          "CallExpression[callee.property.name='getByTestId'] > Literal.arguments",
          "CallExpression[callee.property.name='getByTestId'] > TemplateLiteral.arguments",
          'Literal[value=/data-testid=/]',
          'TemplateElement[value.raw=/data-testid=/]',
        ].map((selector) => ({ selector, message: 'e2e: name test ids with src/renderer/src/testids.ts (TID…, testIdCss)' })),
      ],
    },
  },
  only(
    'decode',
    ['rp', 'cli', 'main', 'preload', 'renderer', 'node', 'electron', 'react', 'api'],
    'the dissector is pure and isomorphic (bytes in, field tree out)',
  ),
  only(
    'api',
    ['rp', 'cli', 'main', 'preload', 'renderer', 'node', 'electron', 'react'],
    'the contract is shared by the RP and the window and depends on neither',
  ),
  only(
    'rp',
    ['cli', 'main', 'preload', 'renderer', 'electron', 'react'],
    'the relying party is plain Node: the CLI and Electron main start it',
  ),
  only('cli', ['main', 'preload', 'renderer', 'electron', 'react'], 'the CLI runs without Electron'),
  only('main', ['cli', 'renderer', 'react'], 'Electron main reaches the window only over HTTP and preload'),
  only('preload', ['rp', 'cli', 'main', 'renderer', 'react', 'api'], 'the bridge copies a few fields and depends on nothing of the app'),
  {
    // The window may read the preload bridge's types (src/preload/api.d.ts), nothing else of preload.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...['rp', 'cli', 'main', 'node', 'electron'].map((f) => ({
              group: LAYER[f],
              message: `src/renderer must not import ${f}: the window talks to the RP over HTTP (src/api) and to Electron through preload only`,
            })),
            {
              group: ['**/preload/*', '!**/preload/api', '!**/preload/api.d.ts'],
              message: 'src/renderer may import only the bridge types of src/preload/api.d.ts',
            },
          ],
        },
      ],
    },
  },
);
