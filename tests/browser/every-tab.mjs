// Every tab of the page used once, as a person would, with hand-worked
// values: the served page runs it in csp.test.mjs (no CSP violation on the
// way) and the offline single file in offline.test.mjs (the same values,
// from file:// with the network off). Not a test file itself.
//
// Hand-worked values (the fixtures' own tests explain them at length):
// - counts 85/15/10/90: precision 85/95 = 0.8947, recall 0.85, F1 170/195
//   = 0.8718; 40/10/20/30: precision 40/60 = 0.6667, accuracy 70/100 = 0.7;
//   model B 90/10/12/88: accuracy 175/200 → 178/200, +0.0150.
// - tests/browser/fixtures/binary_labels.csv: tp 3, fn 1, fp 2, tn 4 →
//   precision 0.6, recall 0.75, accuracy 0.7.
// - tests/browser/fixtures/scores.csv: positives 0.9 0.8 0.6 0.4, negatives
//   0.7 0.3 0.2 0.1 → ROC AUC 14/16 = 0.875; at 0.5: precision 3/4; one step
//   up (t = 0.7): tp 2, fp 1 → precision 0.6667, recall 0.5.
// - tests/fixtures/compare/one_file.csv: accuracy 23/40 → 32/40; McNemar
//   cells both right 19, A only 4, B only 13, both wrong 4.
// - tests/fixtures/training/hf/trainer_state.json: best eval_loss 0.8203125
//   at step 320.
// - tests/fixtures/leakage/train.csv and test.csv: with the id compared,
//   no test row is in training; without it, 3 of 5 (60%).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, metricText, screenshot } from './harness.mjs';

const BROWSER_FIXTURES = path.join(ROOT, 'tests/browser/fixtures');
const FIXTURES = path.join(ROOT, 'tests/fixtures');

/** Text of every [data-metric] element, by metric id. */
export function allMetrics(page) {
  return page.locator('[data-metric]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.metric, e.textContent])));
}

/** Waits until the element with `id` has data-state done, failed or cancelled. */
function readEnded(page, id) {
  return page.waitForFunction((i) => ['done', 'failed', 'cancelled'].includes(document.getElementById(i)?.dataset.state ?? ''), id, { timeout: 60_000 });
}

/** Waits until metric `id` shows `text`. */
function waitMetric(page, id, text) {
  return page.waitForFunction(([i, t]) => document.querySelector(`[data-metric="${i}"]`)?.textContent === t, [id, text]);
}

/**
 * Uses every tab of `page` (open, first result shown; its context accepts
 * downloads) and asserts the hand-worked values above. Returns what the
 * page showed at each step, to compare one form of the page with the other.
 * Screenshots go to tests/browser/artifacts/NAME-*.png.
 * @param {import('playwright-core').Page} page
 * @param {string} name prefix of the screenshots
 */
export async function useEveryTab(page, name) {
  const seen = {};
  // Type the four counts.
  assert.equal(await metricText(page, 'precision'), '0.8947');
  assert.equal(await metricText(page, 'recall'), '0.8500');
  assert.equal(await metricText(page, 'f1'), '0.8718');
  seen.worked = await allMetrics(page);
  await screenshot(page, `${name}-counts`, false);
  for (const [label, value] of [['True positives', '40'], ['False negatives', '10'], ['False positives', '20'], ['True negatives', '30']]) {
    await page.getByLabel(label).fill(value);
  }
  await waitMetric(page, 'precision', '0.6667');
  assert.equal(await metricText(page, 'accuracy'), '0.7000');
  seen.typed = await allMetrics(page);
  await page.getByRole('button', { name: '85 / 15 / 10 / 90' }).click();
  await waitMetric(page, 'precision', '0.8947');
  await page.getByRole('button', { name: 'Compare with another model' }).click();
  for (const [label, value] of [['Model B hits', '90'], ['Model B misses', '10'], ['Model B false alarms', '12'], ['Model B correct rejections', '88']]) {
    await page.getByLabel(label).fill(value);
  }
  await page.waitForSelector('#counts-compare-panel:not([hidden])');
  seen.countsCompare = await page.locator('#counts-compare-table tr[data-diff="accuracy"] td').allTextContents();
  assert.deepEqual(seen.countsCompare.slice(0, 3), ['0.8750', '0.8900', '+0.0150']);
  await page.getByRole('button', { name: 'Stop comparing' }).click();

  // Load a predictions file: labels, then scores and the threshold explorer.
  await page.getByRole('tab', { name: 'Load a predictions file' }).click();
  const pick = async (file) => {
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
    await readEnded(page, 'progress');
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
  };
  await pick(path.join(BROWSER_FIXTURES, 'binary_labels.csv'));
  assert.equal(await metricText(page, 'precision'), '0.6000');
  assert.equal(await metricText(page, 'recall'), '0.7500');
  assert.equal(await metricText(page, 'accuracy'), '0.7000');
  assert.match(await page.locator('#file-summary').textContent(), /^binary_labels\.csv: 10 rows, true labels in "y_true", predictions in "y_pred"/);
  seen.labels = await allMetrics(page);
  await pick(path.join(BROWSER_FIXTURES, 'scores.csv'));
  await page.waitForSelector('#explorer:not([hidden])');
  assert.equal(await metricText(page, 'roc_auc'), '0.8750');
  assert.equal(await metricText(page, 'precision'), '0.7500');
  seen.scores = await allMetrics(page);
  await page.locator('#threshold-slider').focus();
  await page.keyboard.press('ArrowRight'); // t = 0.7
  await waitMetric(page, 'precision', '0.6667');
  assert.equal(await metricText(page, 'recall'), '0.5000');
  assert.match(await page.locator('#threshold-value').textContent(), /^Threshold 0\.7: .* 3 of 8 examples/);
  seen.moved = await allMetrics(page);
  // Saving a chart as PNG draws it through a blob: image (img-src blob:).
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-save="chart-roc:png"]').click()]);
  assert.equal(png.suggestedFilename(), 'fitcheck-roc.png');
  assert.deepEqual([...readFileSync(await png.path()).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await page.evaluate(() => document.getElementById('explorer').scrollIntoView());
  await screenshot(page, `${name}-explorer`, false);

  // Demo data: the seeded demo, then a new sample.
  await page.getByRole('tab', { name: 'Demo data' }).click();
  await page.waitForFunction(() => /of 2,000 examples/.test(document.getElementById('threshold-value').textContent));
  seen.demo = await allMetrics(page);
  assert.match(seen.demo.roc_auc, /^0\.\d{4}$/);
  await page.getByLabel('Random seed').fill('7');
  await page.waitForFunction((auc) => document.querySelector('[data-metric="roc_auc"]').textContent !== auc, seen.demo.roc_auc);
  seen.demoSeed7 = await allMetrics(page);

  // Compare two models: one file with the truth and both models' scores.
  await page.getByRole('tab', { name: 'Compare two models' }).click();
  await page.getByLabel('Choose one or two CSV files to compare').setInputFiles(path.join(FIXTURES, 'compare/one_file.csv'));
  await readEnded(page, 'compare-progress');
  assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'done');
  seen.compare = await page.locator('#compare-table tr[data-diff="accuracy"] td').allTextContents();
  assert.deepEqual(seen.compare.slice(0, 3), ['0.5750', '0.8000', '+0.2250']);
  const cells = Object.fromEntries(await page.locator('#mcnemar-counts td[data-cell]').evaluateAll((tds) => tds.map((td) => [td.dataset.cell, td.firstChild.textContent])));
  assert.deepEqual(cells, { both_right: '19', a_only: '4', b_only: '13', both_wrong: '4' });
  await screenshot(page, `${name}-compare`, false);

  // Training curves: a Hugging Face trainer_state.json.
  await page.getByRole('tab', { name: 'Training curves' }).click();
  await page.getByLabel('Choose training log files').setInputFiles(path.join(FIXTURES, 'training/hf/trainer_state.json'));
  await readEnded(page, 'training-progress');
  assert.equal(await page.locator('#training-progress').getAttribute('data-state'), 'done');
  seen.training = await page.locator('[data-fact="best"]').textContent();
  assert.equal(seen.training, '0.82031 at step 320');
  assert.equal(await page.locator('#training-verdict .verdict-watch').textContent(), 'Checkpoint to keep: step 320');
  await screenshot(page, `${name}-training`, false);

  // Leakage check: a training and a test file, then without the id column.
  await page.getByRole('tab', { name: 'Leakage check' }).click();
  await page.getByLabel('Training file', { exact: true }).setInputFiles(path.join(FIXTURES, 'leakage/train.csv'));
  await page.getByLabel('Test file', { exact: true }).setInputFiles(path.join(FIXTURES, 'leakage/test.csv'));
  await readEnded(page, 'leakage-progress');
  assert.equal(await page.locator('#leakage-verdict').getAttribute('data-status'), 'clean');
  await page.evaluate(() => { document.getElementById('leakage-progress').dataset.state = 'reading'; });
  await page.locator('#leakage-column-list label', { hasText: 'id' }).getByRole('checkbox').uncheck();
  await readEnded(page, 'leakage-progress');
  assert.equal(await page.locator('#leakage-verdict').getAttribute('data-status'), 'leaky');
  seen.leakage = await page.locator('#leakage-measures tbody tr[data-row="test_in_train"] td').allTextContents();
  assert.deepEqual(seen.leakage, ['3', '60.0%']);
  await screenshot(page, `${name}-leakage`, false);
  return seen;
}
