// The fitcheck wasm core in Node, as the page's Web Worker drives it: stream
// a CSV file in 4 MiB chunks into `CsvIngest`, finish, and ask for the report.
//
//   node bench/wasm_report.mjs FILE [THRESHOLD]
//
// Prints one JSON line: `ms` (reading + parsing + report, after the wasm
// module is loaded), the rows read, and the numbers bench/run.py compares
// across engines. Needs bench/pkg-node, built by bench/run.py with
// `wasm-bindgen --target nodejs` (CommonJS, hence createRequire).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { CsvIngest, memoryBytes } = require(path.join(here, 'pkg-node', 'fitcheck.js'));

const CHUNK_BYTES = 4 * 1024 * 1024;
const file = process.argv[2];
const threshold = Number(process.argv[3] ?? '0.5');
if (!file) {
  console.error('usage: node bench/wasm_report.mjs FILE [THRESHOLD]');
  process.exit(2);
}

const started = performance.now();
// As the page's worker does: give the file size so the columns are allocated once.
const ingest = new CsvIngest({ expectedBytes: fs.statSync(file).size });
for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
  ingest.push(chunk);
}
const loaded = ingest.finish();
const report = loaded.report({ threshold });
const ms = performance.now() - started;

console.log(JSON.stringify({
  ms,
  wasm_memory_bytes: memoryBytes(),
  rows: loaded.rows,
  kind: report.kind,
  labels: report.labels,
  confusion: report.confusion,
  accuracy: report.metrics.accuracy,
  balanced_accuracy: report.metrics.balanced_accuracy,
  mcc: report.metrics.mcc,
  cohen_kappa: report.metrics.cohen_kappa,
  macro_f1: report.averages.macro.f1,
}));
