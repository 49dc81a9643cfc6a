// Every load is one load (issue 13): a new file, a tab switch or a paste
// while a large file is read never lets that read's results show up where
// they do not belong. The races are real: the large file takes seconds to
// read. Fails on any console error or off-origin request.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage, metricText, screenshot, checkAxe, watchLongTasks, longestTask, ARTIFACTS, onFileTab as onFileTabOf, readDone } from './harness.mjs';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const env = useBrowser();
/**
 * 8,000,000 score rows (64 MB): long enough to read (about a second here)
 * that a Cancel click or a second pick after the first progress message
 * really lands during the read. 2M rows took about 0.4 s once the parser
 * and the sort got faster, and a Cancel click could come after the end.
 */
const BIG = path.join(ARTIFACTS, 'race-8m.csv');
const BIG_ROWS = 8_000_000;
/** How long reading BIG alone takes here (measured by the first test), in ms. */
let bigMs = 0;

before(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(BIG) || statSync(BIG).size < BIG_ROWS * 7) {
    // Label i % 4 == 0; score 0.pqr from a fixed sequence: every metric differs from the small fixtures'.
    const block = Array.from({ length: 100_000 }, (_, i) => `${i % 4 === 0 ? 1 : 0},0.${String((i * 7919) % 1000).padStart(3, '0')}`).join('\n');
    writeFileSync(BIG, `y_true,score\n${Array(BIG_ROWS / 100_000).fill(block).join('\n')}\n`);
  }
});

const onFileTab = (body) => onFileTabOf(env, body);

const chooser = (page) => page.getByLabel('Choose a CSV file of predictions');


/** Starts reading BIG and waits until rows are coming in. */
async function startBig(page) {
  await chooser(page).setInputFiles(BIG);
  await page.waitForFunction(() => /^[1-9][\d,]* rows/.test(document.getElementById('progress-text').textContent));
  assert.equal(await page.locator('#progress').getAttribute('data-state'), 'reading');
}

/** Long enough for BIG's read to have finished had it kept running. */
const outlastBig = (page) => page.waitForTimeout(2 * (bigMs || 5000) + 1000);

test('reading the large file alone (sets the race timing)', async () => {
  await onFileTab(async (page) => {
    const started = Date.now();
    await chooser(page).setInputFiles(BIG);
    await readDone(page);
    bigMs = Date.now() - started;
    assert.match(await page.locator('#file-summary').textContent(), /race-8m\.csv: 8,000,000 rows/);
    console.log(`# ${BIG_ROWS.toLocaleString('en-US')} rows (${(statSync(BIG).size / 1e6).toFixed(1)} MB) read in ${bigMs} ms`);
  });
});

test('a new file picked while a large one loads replaces it for good', async () => {
  await onFileTab(async (page) => {
    await startBig(page);
    await chooser(page).setInputFiles(path.join(FIXTURES, 'binary_labels.csv'));
    await page.waitForFunction(() => document.getElementById('progress').dataset.state === 'done');
    assert.match(await page.locator('#file-summary').textContent(), /^binary_labels\.csv: 10 rows/);
    assert.equal(await metricText(page, 'precision'), '0.6000'); // tp 3, fp 2
    // Had the large read kept running, it would have finished by now and taken over the loaded data.
    await outlastBig(page);
    await page.getByLabel(/Misses are costly/).check();
    await page.waitForFunction(() => document.querySelector('#verdict .verdict-watch').textContent.includes('Recall'));
    await page.waitForTimeout(300);
    assert.match(await page.locator('#file-summary').textContent(), /^binary_labels\.csv: 10 rows/);
    assert.equal(await metricText(page, 'precision'), '0.6000');
    assert.equal(await metricText(page, 'recall'), '0.7500'); // tp 3, fn 1
    assert.equal(await page.locator('#explorer').isVisible(), false, 'a label file has no threshold explorer');
  });
});

test('switching to the demo while a file loads: the demo keeps its own data', async () => {
  await onFileTab(async (page) => {
    await startBig(page);
    await page.getByRole('tab', { name: 'Demo data' }).click();
    await page.waitForFunction(() => /of 2,000 examples/.test(document.getElementById('threshold-value').textContent));
    await outlastBig(page);
    // Step the demo's threshold: the answer must come from the demo's 2,000 rows.
    const before = await page.locator('#threshold-value').textContent();
    await page.locator('#threshold-slider').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((b) => document.getElementById('threshold-value').textContent !== b, before);
    assert.match(await page.locator('#threshold-value').textContent(), /of 2,000 examples/);
    assert.equal(await page.getByRole('tab', { name: 'Demo data' }).getAttribute('aria-selected'), 'true');
    await screenshot(page, 'race-demo-during-load', false);
    // The file tab kept its own read going and shows its own result.
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await readDone(page);
    assert.match(await page.locator('#file-summary').textContent(), /^race-8m\.csv: 8,000,000 rows/);
    await page.waitForFunction(() => /of 8,000,000 examples/.test(document.getElementById('threshold-value').textContent));
  });
});

test('switching to the counts while a file loads: no explorer appears under the counts report', async () => {
  await onFileTab(async (page) => {
    await startBig(page);
    await page.getByRole('tab', { name: 'Type the four counts' }).click();
    assert.equal(await metricText(page, 'precision'), '0.8947'); // 85 / 95
    await outlastBig(page);
    assert.equal(await page.locator('#explorer').isVisible(), false);
    assert.equal(await metricText(page, 'precision'), '0.8947');
    assert.equal(await page.locator('[data-metric="roc_auc"]').count(), 0);
    assert.equal(await page.locator('#per-class-panel').isVisible(), false);
  });
});

test('a failed load clears the previous file\'s report', async () => {
  await onFileTab(async (page) => {
    // First load of the tab fails: the counts tab's 85/15/10/90 report is not shown as if it were the file's.
    await chooser(page).setInputFiles(path.join(FIXTURES, 'malformed.csv'));
    await readDone(page);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'failed');
    assert.equal(await page.locator('[data-metric]').count(), 0);
    assert.equal(await page.locator('#verdict').getAttribute('data-status'), null);
    assert.match(await page.locator('#verdict .verdict-headline').textContent(), /^No report: malformed\.csv could not be read/);
    // A good file, then a bad one: nothing of the good file's report stays.
    await chooser(page).setInputFiles(path.join(FIXTURES, 'scores.csv'));
    await readDone(page);
    assert.equal(await metricText(page, 'precision'), '0.7500');
    await chooser(page).setInputFiles(path.join(FIXTURES, 'malformed.csv'));
    await readDone(page);
    assert.equal(await page.locator('[data-metric]').count(), 0);
    assert.equal(await page.locator('#matrix > *').count(), 0);
    assert.equal(await page.locator('#explorer').isVisible(), false);
    assert.equal(await page.locator('#file-summary').textContent(), '');
    assert.match(await page.locator('#file-error').textContent(), /^line 3: expected 2 fields, found 3/);
    await screenshot(page, 'failed-load-cleared', false);
    await checkAxe(page);
  });
});

test('the same file can be picked again after a cancel and after an error', async () => {
  await onFileTab(async (page) => {
    await startBig(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await readDone(page);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'cancelled');
    assert.match(await page.locator('#verdict .verdict-headline').textContent(), /^No report: reading race-8m\.csv was cancelled/);
    // The same file again: a person's browser fires no change for an unchanged selection, so the page must empty it.
    assert.equal(await chooser(page).inputValue(), '', 'the chooser is emptied after each pick');
    await startBig(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await chooser(page).setInputFiles(path.join(FIXTURES, 'malformed.csv'));
    await readDone(page);
    assert.equal(await chooser(page).inputValue(), '');
  });
});

test('a 5 MB paste is read by the worker without freezing the page', async () => {
  const rows = 1_250_000;
  const text = `y_true,y_pred\n${'1,1\n0,1\n0,0\n1,0\n'.repeat(rows / 4)}`; // 5.0 MB; tp, fp, tn, fn each a quarter
  await withPage(env, '', async (page) => {
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await page.getByText('…or paste CSV text').click();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await watchLongTasks(page);
    const started = Date.now();
    await page.getByLabel('CSV text').focus();
    await page.keyboard.press('Control+V');
    await readDone(page, 20_000);
    const elapsed = Date.now() - started;
    assert.match(await page.locator('#file-summary').textContent(), /^Pasted text: 1,250,000 rows/);
    assert.equal(await metricText(page, 'precision'), '0.5000');
    assert.match(await page.locator('#paste-note').textContent(), /^5\.0 MB of pasted text: too large to show in the box/);
    assert.equal(await page.getByLabel('CSV text').inputValue(), '');
    const longest = await longestTask(page);
    console.log(`# 5 MB paste read in ${elapsed} ms; longest main-thread task ${longest.toFixed(0)} ms`);
    assert.ok(longest < 1000, `the main thread was blocked for ${longest} ms`);
  }, { ready: '[data-metric="precision"]', permissions: ['clipboard-read', 'clipboard-write'] });
});
