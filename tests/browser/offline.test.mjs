// The offline single file (issue 12): dist/fitcheck.html, as build_wasm
// writes it (scripts/build-single-file.mjs), opened from disk (file://)
// with the network off — the context offline and every request that is not
// file:, data: or blob: aborted and recorded. Every tab is used (counts,
// predictions files read in the worker, the threshold explorer, the demo,
// Compare, Training curves, Leakage check) and must show exactly what the
// served page shows, with no CSP violation, console error or request
// attempted. Its CSP hashes its inline code and allows nothing looser.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, withPage, openSingleFile, cspViolations, metricText, readDone, SINGLE_FILE, ROOT } from './harness.mjs';
import { useEveryTab, allMetrics } from './every-tab.mjs';

const env = useBrowser(); // the served page, to compare with

before(() => {
  // The file must be built from the page as it is now, not from an older one.
  const built = statSync(SINGLE_FILE, { throwIfNoEntry: false })?.mtimeMs;
  assert.ok(built, `${SINGLE_FILE} is missing: run "source scripts/setup-lib.sh && build_wasm"`);
  const inputs = ['index.html', 'www/pkg/fitcheck_bg.wasm', 'www/pkg/fitcheck.js', 'www/pkg-page/fitcheck_bg.wasm', 'www/pkg-page/fitcheck.js',
    ...readdirSync(path.join(ROOT, 'www')).filter((f) => /\.(js|css)$/.test(f)).map((f) => `www/${f}`)];
  for (const input of inputs) {
    assert.ok(statSync(path.join(ROOT, input)).mtimeMs <= built, `${input} is newer than ${SINGLE_FILE}: run "source scripts/setup-lib.sh && build_wasm" (or node scripts/build-single-file.mjs)`);
  }
});

/** The single file's text, its one inline script and its one style sheet. */
function singleFile() {
  const html = readFileSync(SINGLE_FILE, 'utf8');
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  assert.equal(scripts.length, 1, 'one script');
  assert.equal(styles.length, 1, 'one style sheet');
  return { html, attributes: scripts[0][1], script: scripts[0][2], style: styles[0][1] };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('the single file holds everything, and its CSP hashes its inline code and allows nothing looser', () => {
  const { html, attributes, script, style } = singleFile();
  assert.equal(attributes, ' type="module"');
  // No other file: no src or href but the data: icon, no www/ path.
  assert.deepEqual([...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]), ['data:,']);
  assert.doesNotMatch(html, /www\//);
  // The wasm core is inside, as base64 (its first bytes: \0asm, version 1).
  // (assert.ok, not assert.match: a failure would print the whole script.)
  assert.ok(/"AGFzbQEAAAA[A-Za-z0-9+/]{1000,}={0,2}"/.test(script), 'the wasm core is inlined as base64');
  assert.ok(script.includes(JSON.stringify(readFileSync(path.join(ROOT, 'www/pkg/fitcheck_bg.wasm')).toString('base64'))), 'the workers\' inlined core is www/pkg\'s, byte for byte');
  assert.ok(script.includes(JSON.stringify(readFileSync(path.join(ROOT, 'www/pkg-page/fitcheck_bg.wasm')).toString('base64'))), 'the page\'s inlined core is www/pkg-page\'s, byte for byte');
  // The four workers are inside, as strings.
  assert.equal(script.match(/new Worker\(/g)?.length, 1, 'one place starts workers: core-source-inline.js');
  assert.equal(script.match(/__wbg_instanceof_DedicatedWorkerGlobalScope_[0-9a-f]+:/g)?.length, 5,
    'the workers\' core\'s glue: once in each of the four workers, and once for the counts comparison (compare-counts-view.js; the page\'s own core reads no files)');
  assert.ok(/URL\.createObjectURL\(new Blob\(/.test(script), 'workers start from blob: URLs');
  const policies = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]);
  assert.deepEqual(policies, [[
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'img-src data: blob:',
    "connect-src 'none'",
    'worker-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')]);
  // The policy comes before any script or style it governs.
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'));
  const size = statSync(SINGLE_FILE).size;
  console.log(`# ${path.relative(ROOT, SINGLE_FILE)}: ${(size / 1e6).toFixed(2)} MB`);
});

test('opened from disk with the network off, every tab works and shows what the served page shows', async () => {
  // The served page first: what each step shows there.
  let served;
  await withPage(env, '', async (page) => { served = await useEveryTab(page, 'served'); }, { acceptDownloads: true, ready: '[data-metric="precision"]' });

  const { context, page, problems, requests } = await openSingleFile(env.browser, SINGLE_FILE, { acceptDownloads: true });
  try {
    await page.waitForSelector('[data-metric="precision"]', { timeout: 60_000 });
    assert.equal(await page.evaluate(() => navigator.onLine), false, 'the network is off');
    assert.equal(await page.evaluate(() => location.protocol), 'file:');
    const offline = await useEveryTab(page, 'offline');
    assert.deepEqual(offline, served);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    // The page asked for nothing but itself (and the blob: URLs of its workers).
    assert.deepEqual(requests.filter((u) => !u.startsWith('blob:')), [pathToFileURL(SINGLE_FILE).href]);
  } finally {
    await context.close();
  }
});

test('the single file shows the worked example exactly as the served page does, and a link\'s counts', async () => {
  let served;
  await withPage(env, '?tp=18&fn=132&fp=68&tn=9782', async (page) => { served = await allMetrics(page); });
  const { context, page, problems } = await openSingleFile(env.browser);
  try {
    await page.waitForSelector('[data-metric="precision"]', { timeout: 60_000 });
    assert.equal(await page.locator('[data-metric="precision"]').textContent(), '0.8947'); // 85 / 95
    // A link with counts works from disk too: the query of a file:// URL.
    await page.goto(`${pathToFileURL(SINGLE_FILE).href}?tp=18&fn=132&fp=68&tn=9782`);
    await page.waitForFunction(() => document.querySelector('[data-metric="recall"]')?.textContent === '0.1200'); // 18 / 150
    assert.deepEqual(await allMetrics(page), served);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('from disk, a file of more than one of the reader\'s 4 MiB slices is read in the worker, with exact counts', async () => {
  // 1,000,000 rows "y,score" (7 bytes each, 7 MB: two slices): row i is
  // positive when i % 4 = 0, its score (i % 5) / 4. At threshold 0.5 a row is
  // called positive when i % 5 ≥ 2, 3 residues of 5, independent of i % 4
  // (4 and 5 are coprime): per 20 rows, 5 positives → tp 3, fn 2; 15
  // negatives → fp 9, tn 6. So tp 150,000, fn 100,000, fp 450,000,
  // tn 300,000: precision 0.25, recall 0.6, accuracy 0.45.
  const dir = mkdtempSync(path.join(tmpdir(), 'fitcheck-offline-'));
  const file = path.join(dir, 'slices.csv');
  const rows = ['y_true,score'];
  for (let i = 0; i < 1_000_000; i += 1) rows.push(`${i % 4 === 0 ? 1 : 0},${((i % 5) / 4).toFixed(2).padEnd(4, '0')}`);
  writeFileSync(file, `${rows.join('\n')}\n`);
  assert.ok(statSync(file).size > 4 * 1024 * 1024, 'more than one slice');
  const { context, page, problems } = await openSingleFile(env.browser);
  try {
    await page.waitForSelector('[data-metric="precision"]', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
    await readDone(page);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
    assert.match(await page.locator('#file-summary').textContent(), /^slices\.csv: 1,000,000 rows, /);
    assert.equal(await metricText(page, 'precision'), '0.2500');
    assert.equal(await metricText(page, 'recall'), '0.6000');
    assert.equal(await metricText(page, 'accuracy'), '0.4500');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true });
  }
});

test('a violation in the single file is seen: an injected inline script is refused and reported', async () => {
  const { context, page, problems } = await openSingleFile(env.browser);
  try {
    await page.waitForSelector('[data-metric="precision"]', { timeout: 60_000 });
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    });
    await page.waitForFunction(() => window.cspViolations.length > 0);
    assert.equal(await page.evaluate(() => window.injected), undefined, 'the inline script did not run');
    const violations = await cspViolations(page);
    assert.equal(violations.length, 1, violations.join(' | '));
    assert.match(violations[0], /^script-src-elem refused inline \(.*\): default-src 'none'; script-src 'sha256-/);
    assert.equal(problems.length, 1, problems.join(' | '));
    assert.match(problems[0], /^console error: .*Content Security Policy/);
  } finally {
    await context.close();
  }
});
