// The module scripts/build-single-file.mjs provides to core-source-inline.js
// when it bundles the offline single file (it exists only in that build).
declare module 'fitcheck:inlined' {
    /** The page's wasm core (www/pkg-page/fitcheck_bg.wasm after wasm-opt), base64. */
    export const pageWasmBase64: string;
    /** The workers' wasm core (www/pkg/fitcheck_bg.wasm after wasm-opt), base64. */
    export const workersWasmBase64: string;
    /** Each worker bundled with its imports into one classic script. */
    export const workerScripts: Record<import('./core-source.js').WorkerName, string>;
}
