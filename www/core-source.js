// @ts-check
// Where the page gets the wasm core and its workers: the one place that
// knows. This file is the served page's: the page's core comes compiled from
// www/pkg-page/fitcheck_bg.wasm (wasm-start.js starts that early), the
// workers' whole core from www/pkg/fitcheck_bg.wasm when the first worker
// starts, and each worker from its module in www/. The offline single file (dist/fitcheck.html,
// scripts/build-single-file.mjs) bundles core-source-inline.js in its place,
// which has both inlined. Every worker gets the page's compiled core as its
// first message (worker-core.js), so the workers' core is compiled once, not
// once per worker, in both forms.

import { wasmModule, workersModule } from './wasm-start.js';

/** The workers the page starts, by name. */
/** @typedef {'ingest' | 'compare' | 'training' | 'leakage'} WorkerName */

/** The page's compiled core for init(); undefined when compiling failed (init() then fetches it itself). */
export const coreModule = wasmModule;

/** @type {Record<WorkerName, () => URL>} */
const WORKER_URLS = {
  ingest: () => new URL('./ingest-worker.js', import.meta.url),
  compare: () => new URL('./compare-worker.js', import.meta.url),
  training: () => new URL('./training-worker.js', import.meta.url),
  leakage: () => new URL('./leakage-worker.js', import.meta.url),
};

/**
 * The workers' compiled core (fetched and compiled once, on the first call,
 * shared with every worker); undefined when compiling failed. The page
 * instantiates it itself for the counts comparison (compare-counts-view.js).
 * @returns {Promise<WebAssembly.Module | undefined>}
 */
export function workersCore() {
  return workersModule();
}

/**
 * Starts fetching and compiling the workers' core (once), without waiting
 * for it: app.js calls it when a tab whose work runs in a worker opens, so
 * that a file picked there finds the core compiled.
 */
export function prepareWorkers() {
  void workersModule();
}

/**
 * Starts the named worker and posts it the workers' compiled core ({type: 'core', module}).
 * @param {WorkerName} name
 * @returns {Worker}
 */
export function startWorker(name) {
  const worker = new Worker(WORKER_URLS[name](), { type: 'module' });
  workersModule().then((module) => worker.postMessage({ type: 'core', module }));
  return worker;
}
