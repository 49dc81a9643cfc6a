// The fitcheck wasm core in Node, as the page's Compare tab drives it:
// read a `y_true,a,b` file through `CompareRead` and ask for the comparison.
//
//   node bench/wasm_compare.mjs FILE
//
// Prints one JSON line: `ms` (reading + parsing + comparison, after the wasm
// module is loaded) and the numbers bench/run.py compares across engines.
// Needs bench/pkg-node, built by bench/run.py. Exits 3 when the package has
// no `CompareRead` (the Compare tab's wasm door, COMPARE_CONTRACT.md, not
// built yet), so bench/run.py can say so.
//
// Written against the draft contract (`new CompareRead(sources, names,
// readOptions, id)`, `.run()`, `LoadedComparison.report(options)` giving the
// JSON text); not yet run against the real door.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const wasm = require(path.join(here, 'pkg-node', 'fitcheck.js'));

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/wasm_compare.mjs FILE');
  process.exit(2);
}
if (typeof wasm.CompareRead !== 'function') {
  console.error('bench/pkg-node has no CompareRead: the wasm door for comparisons is not built yet');
  process.exit(3);
}

const started = performance.now();
const blob = await fs.openAsBlob(file);
const read = new wasm.CompareRead([blob], [path.basename(file)], {}, 1);
const loaded = await read.run();
read.free();
const report = loaded.report({});
const ms = performance.now() - started;

console.log(JSON.stringify({
  ms,
  wasm_memory_bytes: wasm.memoryBytes(),
  report,
}));
