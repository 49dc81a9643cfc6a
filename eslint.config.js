// ESLint for the page (www/), the browser tests, the benchmark's Node
// script and the single-file build (scripts/*.mjs): the recommended rules,
// plus the globals each one runs with.
// Run: npm run lint (scripts/test.sh does).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['www/pkg/', 'www/pkg-page/', 'dist/', 'www/vendor/', 'node_modules/', 'target/', 'pkg/', '.venv/', 'tests/browser/artifacts/', 'bench/data/', 'bench/pkg-node/'] },
  js.configs.recommended,
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  { files: ['www/**/*.js'], ignores: ['www/ingest-worker.js', 'www/compare-worker.js', 'www/training-worker.js', 'www/leakage-worker.js', 'www/worker-errors.js', 'www/worker-loop.js', 'www/worker-core.js'], languageOptions: { globals: globals.browser } },
  { files: ['www/ingest-worker.js', 'www/compare-worker.js', 'www/training-worker.js', 'www/leakage-worker.js', 'www/worker-errors.js', 'www/worker-loop.js', 'www/worker-core.js'], languageOptions: { globals: globals.worker } },
  {
    // Node scripts; the callbacks they pass to page.evaluate run in the page.
    files: ['tests/browser/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  { files: ['eslint.config.js', 'scripts/**/*.mjs'], languageOptions: { globals: globals.node } },
];
