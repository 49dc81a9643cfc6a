// @ts-check
// Web Worker for the Compare tab: the wasm core reads the one or two files
// (CompareRead: Blob slices, progress, cancel), joins them row by row and
// keeps the paired columns, so a new threshold costs a report, not a re-read.
// Mirrors ingest-worker.js.
//
// Protocol (every message carries the `id` of the request it belongs to; the
// page ignores answers whose id is not its latest):
// Messages in:  {type: 'load', id, sources: (File|Blob|string)[] (1 or 2), names, read, report}
//               {type: 'report', id, report}
//               {type: 'flips', id}              the flipped examples as CSV
//               {type: 'markdown', id}           the last report as Markdown
//               {type: 'cancel', id?}            stops the read with that id (any read without id)
// Messages out: {type: 'progress', id, bytes, total, rows, elapsedMs, file}  (posted by the core)
//               {type: 'report', id, report, elapsedMs?}
//               {type: 'flips', id, csv} · {type: 'markdown', id, markdown}
//               {type: 'error', id, error: {message, kind, line, columns, field}}
// A new 'load' cancels a read still in progress; the cancelled read answers
// with an error of kind 'cancelled' under its own id.

import { CompareRead } from './pkg/fitcheck.js';
import { serveReads } from './worker-loop.js';

/** @typedef {import('./pkg/fitcheck.js').CompareWorkerRequest} CompareWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').LoadedComparison} LoadedComparison */

serveReads({
  missing: 'No comparison is loaded.',
  /** @param {Extract<CompareWorkerRequest, {type: 'load'}>} request */
  start: (request) => new CompareRead(request.sources, request.names, request.read ?? {}, request.id),
  firstReport: (loaded, request) => loaded.report(request.report ?? {}),
  answers: {
    report: (loaded, request) => ({ report: loaded.report(request.report ?? {}) }),
    flips: (loaded) => ({ csv: loaded.flipsCsv() }),
    markdown: (loaded) => ({ markdown: loaded.markdown() }),
  },
});
