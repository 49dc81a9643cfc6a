// @ts-check
// The request loop the Compare, Training curves and Leakage check workers
// share: one read at a time (a new 'load' frees what was loaded and cancels
// a read in progress), 'cancel' by id (any read without id), the first
// report posted when the read ends, every other request answered from what
// is loaded, and every failure posted as {type: 'error', id, error}.
// Each worker says only how to start its read and what its requests answer.

import { coreReady } from './worker-core.js';
import { errorInfo } from './worker-errors.js';

/** What every tab's wasm read (CompareRead, TrainingRead, LeakageRead) offers. */
/**
 * @template L
 * @typedef {{run(): Promise<L>, cancel(): void, free(): void}} Read
 */

/**
 * Serves the worker's messages.
 * @template {{free(): void}} L the loaded data (LoadedComparison, LoadedTraining, LoadedLeakage)
 * @param {object} spec
 * @param {string} spec.missing the sentence when a request comes before anything is loaded
 * @param {(request: any) => Read<L>} spec.start starts the read of a 'load' request
 * @param {(loaded: L, request: any) => unknown} spec.firstReport the report posted when a read ends
 * @param {Record<string, (loaded: L, request: any) => Record<string, unknown>>} spec.answers
 *   the other request types: the fields of the answer (posted as {type, id, ...fields})
 */
export function serveReads({ missing, start, firstReport, answers }) {
  const ready = coreReady;
  /** @type {L | null} */
  let loaded = null;
  /** @type {{id: number, read: Read<L>} | null} */
  let reading = null; // the read in progress

  /** Drops what is loaded and stops any read in progress. */
  function forget() {
    reading?.read.cancel();
    reading = null;
    loaded?.free();
    loaded = null;
  }

  /** @returns {L} */
  function current() {
    if (!loaded) throw Object.assign(new Error(missing), { kind: 'file' });
    return loaded;
  }

  /** @param {any} request a 'load' request */
  async function load(request) {
    await ready;
    forget();
    const { id } = request;
    const started = performance.now();
    const read = start(request);
    reading = { id, read };
    let result;
    try {
      result = await read.run();
    } finally {
      if (reading?.read === read) reading = null;
      read.free();
    }
    loaded = result;
    postMessage({ type: 'report', id, report: firstReport(result, request), elapsedMs: performance.now() - started });
  }

  /** @param {MessageEvent<any>} event */
  self.onmessage = async (event) => {
    const message = event.data;
    if (message.type === 'cancel') {
      if (message.id === undefined || message.id === reading?.id) reading?.read.cancel();
      return;
    }
    try {
      if (message.type === 'load') await load(message);
      else if (Object.hasOwn(answers, message.type)) {
        postMessage({ type: message.type, id: message.id, ...answers[message.type](current(), message) });
      }
    } catch (err) {
      postMessage({ type: 'error', id: message.id, error: errorInfo(err) });
    }
  };
}
