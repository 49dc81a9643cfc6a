// @ts-check
// core-source.js for the offline single file (dist/fitcheck.html): the
// build (scripts/build-single-file.mjs) bundles this module in place of
// core-source.js and provides 'fitcheck:inlined', both wasm cores (the
// page's, www/pkg-page, and the workers', www/pkg) as base64 and each worker
// bundled into one script. Nothing is fetched: the page's core is compiled
// from the inlined bytes at once, the workers' when the first worker starts;
// each worker starts from a blob: URL (the file's CSP allows worker-src
// blob:) and gets the workers' compiled core as its first message, as in the
// served page (worker-core.js). Never loaded by the served page.

import { pageWasmBase64, workersWasmBase64, workerScripts } from 'fitcheck:inlined';

/** @typedef {import('./core-source.js').WorkerName} WorkerName */

/** @param {string} base64 @returns {Uint8Array<ArrayBuffer>} */
function decodeBase64(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The page's compiled core for init(), as core-source.js's (never undefined here: there is nothing to fetch instead). */
export const coreModule = /** @type {Promise<WebAssembly.Module | undefined>} */ (WebAssembly.compile(decodeBase64(pageWasmBase64)));

/** @type {Promise<WebAssembly.Module | undefined> | null} the workers' core, compiled on first use */
let workersModule = null;

/**
 * The workers' compiled core, compiled on the first call; undefined if
 * compiling failed, as wasm-start.js's (core-source.js's workersCore): the worker's init() then tries to
 * fetch the core, fails with an error the tab shows, and nothing waits
 * forever for a core that never comes.
 */
export function workersCore() {
  workersModule ??= WebAssembly.compile(decodeBase64(workersWasmBase64)).catch(() => undefined);
  return workersModule;
}

/** Starts compiling the workers' core (once), as core-source.js's. */
export function prepareWorkers() {
  void workersCore();
}

/** @type {Map<WorkerName, string>} one blob: URL per worker script, made on first use */
const urls = new Map();

/**
 * Starts the named worker from its inlined script and posts it the workers' compiled core.
 * @param {WorkerName} name
 * @returns {Worker}
 */
export function startWorker(name) {
  let url = urls.get(name);
  if (url === undefined) {
    url = URL.createObjectURL(new Blob([workerScripts[name]], { type: 'text/javascript' }));
    urls.set(name, url);
  }
  // Classic, not a module worker: Chromium refuses module workers from
  // blob: URLs in a page opened from disk (its origin is opaque).
  const worker = new Worker(url);
  workersCore().then((module) => worker.postMessage({ type: 'core', module }));
  return worker;
}
