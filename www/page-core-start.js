// @ts-check
// Built site only: scripts/prerender.mjs puts this file's text in a <script>
// first in index.html's <head> (allowed by its hash in the page's
// Content-Security-Policy), so the page's wasm core is fetched and compiled
// while it streams in from the moment the document starts to be parsed,
// before the body's markup (the prerendered report), the stylesheet and
// app.js's modules. wasm-start.js (bundled with app.js there) hands this
// compile to app.js; the source page, which has no such script, starts the
// compile in wasm-start.js itself. Resolves with undefined if streaming
// compilation fails: init() then fetches and compiles the core itself.
/** @type {{ fitcheckPageCore?: Promise<WebAssembly.Module | undefined> }} */ (globalThis).fitcheckPageCore = WebAssembly
  .compileStreaming(fetch('www/pkg-page/fitcheck_bg.wasm'))
  .catch(() => undefined);
