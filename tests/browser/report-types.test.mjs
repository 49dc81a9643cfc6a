// The TypeScript `Report` of www/pkg/fitcheck.d.ts (from src/wasm/types.rs)
// against the JSON the core really sends: reports of every kind are made
// with the wasm core in Node, written into a TypeScript file as object
// literals typed `Report`, and checked with tsc. A field the JSON has and the
// types lack (or the reverse, or a wrong type) fails, so the page's
// type-check (`npm run typecheck`) rests on true types. Needs build_wasm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const PKG = path.join(ROOT, 'www/pkg');
const FIXTURES = path.join(ROOT, 'tests/browser/fixtures');
const TSC = path.join(ROOT, 'node_modules/.bin/tsc');

const { initSync, countsReport, CsvIngest, LoadedFile } = await import(path.join(PKG, 'fitcheck.js'));
initSync({ module: fs.readFileSync(path.join(PKG, 'fitcheck_bg.wasm')) });

/** Reads a fixture through CsvIngest, as the page's worker does, and reports on it. */
function fileReport(name, ingest = {}, report = {}) {
  const reader = new CsvIngest(ingest);
  reader.push(fs.readFileSync(path.join(FIXTURES, name)));
  const loaded = reader.finish();
  try {
    return loaded.report(report);
  } finally {
    loaded.free();
  }
}

/** One report of each shape the page receives, by name. */
function reports() {
  const demo = LoadedFile.demo({ size: 300, seed: 3 });
  try {
    return {
      counts: countsReport({ tp: '85', fn: '15', fp: '10', tn: '90' }),
      countsUndefined: countsReport({ tp: '0', fn: '0', fp: '0', tn: '5', task: 'misses_costly' }),
      binaryFile: fileReport('binary_labels.csv'),
      multiclassFile: fileReport('multiclass.csv'),
      skippedRows: fileReport('malformed.csv', { skipBadRows: true }),
      scoresWithCurves: fileReport('scores.csv', {}, { curves: 'display', threshold: 0.5 }),
      scoresHeaderless: fileReport('headerless.csv', { hasHeader: false, truth: 1, score: 2 }, { curves: 'complete' }),
      demo: demo.report({ curves: 'display', costFn: 5 }),
    };
  } finally {
    demo.free();
  }
}

/** Runs tsc on `const name: Report = json;` for each report; returns tsc's exit status and output. */
function typeCheck(named) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitcheck-report-types-'));
  const file = path.join(dir, 'reports.ts');
  const lines = [`import type { Report } from ${JSON.stringify(path.join(PKG, 'fitcheck.js'))};`];
  for (const [name, report] of Object.entries(named)) {
    lines.push(`export const ${name}: Report = ${JSON.stringify(report)};`);
  }
  fs.writeFileSync(file, lines.join('\n'));
  const run = spawnSync(TSC, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext',
    '--moduleResolution', 'bundler', '--lib', 'esnext,dom', '--types', '', file], { encoding: 'utf8', cwd: dir });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test('every kind of report the core sends matches the TypeScript Report', () => {
  const named = reports();
  // The cases cover what they claim to cover.
  assert.equal(named.counts.kind, 'binary');
  assert.ok(Object.keys(named.countsUndefined.undefined).length > 0);
  assert.equal(named.multiclassFile.kind, 'multiclass');
  assert.ok(named.skippedRows.source.skipped_rows > 0);
  assert.ok(named.scoresWithCurves.curves.roc.x.length > 0);
  assert.ok(named.scoresWithCurves.operating_points.length > 0);
  assert.ok(named.scoresWithCurves.score_summary.calibration !== null);
  assert.equal(named.scoresHeaderless.curves.complete, true);
  const { status, output } = typeCheck(named);
  assert.equal(status, 0, output);
});

test('the check fails when the JSON and the types differ', () => {
  const report = countsReport({ tp: '85', fn: '15', fp: '10', tn: '90' });
  const { watch_label, ...verdict } = report.verdict;
  const renamed = { ...report, verdict: { ...verdict, watch_text: watch_label } };
  const { status, output } = typeCheck({ renamed });
  assert.notEqual(status, 0);
  assert.match(output, /watch_text/);
});
