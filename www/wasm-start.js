// @ts-check
// Starts compiling the page's wasm core as soon as this tiny module arrives
// (index.html loads it `async`, ahead of app.js and its imports): the core is
// compiled while it streams in and while the page's other modules load,
// instead of after all of them. core-source.js hands the compiled module to
// app.js's init().
//
// The page's core (www/pkg-page, built without the `workers` feature) holds
// only what the page needs to open: the counts report. The tabs' workers
// use the whole core (www/pkg), fetched and compiled only when the first
// worker starts (workersModule), and so does the calculator's counts
// comparison, on the page's thread (compare-counts-view.js).
// Both resolve with undefined if streaming compilation fails: init() then
// fetches and compiles the core itself (with wasm-bindgen's own fallback).

// The built site starts that compile even earlier, from its <head>
// (www/page-core-start.js), and leaves it in globalThis.fitcheckPageCore.
/** @type {Promise<WebAssembly.Module | undefined>} */
export const wasmModule = /** @type {{ fitcheckPageCore?: Promise<WebAssembly.Module | undefined> }} */ (globalThis).fitcheckPageCore
  ?? WebAssembly.compileStreaming(fetch(new URL('./pkg-page/fitcheck_bg.wasm', import.meta.url))).catch(() => undefined);

/** @type {Promise<WebAssembly.Module | undefined> | null} */
let workers = null;

/**
 * The whole core for the workers, compiled once, on first call.
 * @returns {Promise<WebAssembly.Module | undefined>}
 */
export function workersModule() {
  workers ??= WebAssembly.compileStreaming(fetch(new URL('./pkg/fitcheck_bg.wasm', import.meta.url)))
    .catch(() => undefined);
  return workers;
}
