// @ts-check
// Starts compiling the wasm core as soon as this tiny module arrives (index.html
// loads it `async`, ahead of app.js and its imports): the core is compiled
// while it streams in and while the page's other modules load, instead of
// after all of them. core-source.js hands the compiled module to app.js's
// init() and to every worker.
// Resolves with undefined if streaming compilation fails: init() then
// fetches and compiles the core itself (with wasm-bindgen's own fallback).

/** @type {Promise<WebAssembly.Module | undefined>} */
export const wasmModule = WebAssembly.compileStreaming(fetch(new URL('./pkg/fitcheck_bg.wasm', import.meta.url)))
  .catch(() => undefined);
