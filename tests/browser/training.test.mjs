// "Is the training healthy?" as a person uses it (issue 9): the Training
// curves tab with a Hugging Face trainer_state.json and a Keras CSVLogger
// file, the verdict and the checkpoint to keep, the charts (smoothing moves
// the smoothed line, never the number of points), early stopping's stop
// marker following the patience, the keyboard readout, exports, a malformed
// file's line and column, cancel, and the tab on a phone and in the dark.
// Fails on any console error or off-origin request.
//
// Hand-worked values of the fixtures:
// tests/fixtures/training/hf/trainer_state.json (make_fixtures.py, one run:
//   8 epochs of 64 steps): eval_loss at steps 64, 128, … 512 = 1.5 1.125
//   0.9375 0.859375 0.8203125 0.8515625 0.890625 0.9453125 → best 0.8203125
//   at step 320 (index 4), as the file's own best_model_checkpoint
//   out/checkpoint-320 says. Keras rules, patience 0: the first rise (step
//   384) stops the run; it keeps step 320. 32 training losses (every 16
//   steps), 8 evaluations; learning rate 0 at step 512.
// tests/fixtures/training/keras/training.log: the same val_loss by epoch
//   0–7 → best at epoch 4. Keras rules (wait += 1 each epoch, reset on an
//   improvement, stop when wait ≥ patience): patience 0 → stops at epoch 5;
//   2 → wait 1, 2 at epochs 5, 6: stops at 6; 3 (Lightning's) → stops at 7.
// tests/fixtures/training-page/training.log.csv (epochs 0–11, written for
//   this test): val_loss = 0.9 0.7 0.6 0.62 0.59 0.61 0.615 0.58 0.60 0.605
//   0.61 0.62 → best 0.58 at epoch 7; patience 2 → stops at epoch 6 and keeps
//   epoch 4 (0.59), not the best; patience 3 with min_delta 0.05 → only 0.7
//   and 0.6 improve: wait 1 2 3 at epochs 3 4 5, stops at 5, keeps epoch 2.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage, screenshot, checkAxe, ARTIFACTS, ROOT } from './harness.mjs';

const SHARED = path.join(ROOT, 'tests/fixtures/training');
const FIXTURES = path.join(ROOT, 'tests/fixtures/training-page');
const fixture = (name) => path.join(FIXTURES, name);
const HF = path.join(SHARED, 'hf/trainer_state.json');
const KERAS = path.join(SHARED, 'keras/training.log');
const PLATEAU = fixture('training.log.csv');
const env = useBrowser();

/** Opens the page on the Training curves tab, runs `body`, then checks for problems (as withPage). */
function onTrainingTab(body, options = {}, query = '') {
  return withPage(env, query, async (page) => {
    if (query === '') await page.getByRole('tab', { name: 'Training curves' }).click();
    await body(page);
  }, { ready: query === '' ? '[data-metric="precision"]' : '#training-panel:not([hidden])', ...options });
}

/** Waits until the tab's read has finished, failed or been cancelled. */
function trainingDone(page, timeout = 120_000) {
  return page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('training-progress')?.dataset.state ?? ''), null, { timeout });
}

/** Picks log files and waits for the report (or its error). */
async function pickLogs(page, files) {
  await page.getByLabel('Choose training log files').setInputFiles(files);
  await trainingDone(page);
}

/** Number of points a path draws (its M and L commands). */
const vertices = (d) => (d?.match(/[ML]/g) ?? []).length;

/** The `d` of the raw and smoothed paths of series style `t-i` on a chart. */
async function paths(page, chart, i) {
  return {
    raw: await page.locator(`#${chart} path.series.t-${i}.raw`).getAttribute('d'),
    smooth: await page.locator(`#${chart} path.series.t-${i}.smooth`).getAttribute('d'),
  };
}

/** The x of early stopping's stop line on a chart, or null when there is none. */
function stopLineX(page, chart) {
  return page.locator(`#${chart} .marker-line`).evaluateAll((lines) => (lines.length === 0 ? null : Number(lines[0].getAttribute('x1'))));
}

const fact = (page, id) => page.locator(`[data-fact="${id}"]`).textContent();

test('a Hugging Face trainer_state.json: verdict, best checkpoint agreeing with the file, three charts, markers', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    assert.equal(await page.locator('#training-progress').getAttribute('data-state'), 'done');
    assert.match(await page.locator('#training-file-summary').textContent(), /^trainer_state\.json: Hugging Face trainer_state\.json, \d+ series .* by step\.$/);
    const status = await page.locator('#training-verdict').getAttribute('data-status');
    assert.ok(['healthy', 'watch', 'unhealthy'].includes(status), status);
    assert.match(await page.locator('#training-verdict .verdict-status').textContent(), /^(✔ Healthy|▲ Watch|✖ Unhealthy)$/);
    assert.notEqual(await page.locator('#training-verdict .verdict-headline').textContent(), '');
    // eval_loss is monitored (lower is better); its best is 0.8203125 at step 320, as the file's own best says.
    assert.equal(await fact(page, 'monitor'), 'eval_loss (lower is better, guessed from the name)');
    assert.equal(await fact(page, 'best'), '0.82031 at step 320');
    assert.equal(await fact(page, 'hf_best'), 'out/checkpoint-320 (best_metric 0.82031): ✔ agrees');
    // Keras defaults (patience 0): the first rise, at step 384, stops the run, which keeps step 320.
    assert.equal(await fact(page, 'early_stopping'), 'stops at step 384; keeps step 320 (0.82031)');
    assert.equal(await page.locator('#training-verdict .verdict-watch').textContent(), 'Checkpoint to keep: step 320');
    assert.equal(await page.locator('[data-warning="overfitting"]').count(), 1);
    assert.equal(await fact(page, 'summary-train_loss'), '1.125');
    assert.equal(await fact(page, 'summary-total_flos'), '1.2346e+15');
    assert.equal(await page.getByLabel('Patience (early stopping)').inputValue(), '0');
    assert.equal(await page.locator('#training-smoothing').inputValue(), '0.6');
    assert.equal(await page.locator('#training-smoothing-value').textContent(), '0.600');
    // The monitored series can be any series of the file (in the file's order: the keys of its first entry are sorted).
    assert.deepEqual(await page.locator('#training-monitor option').allTextContents(),
      ['grad_norm', 'learning_rate', 'loss', 'eval_accuracy', 'eval_loss', 'eval_runtime', 'eval_samples_per_second', 'eval_steps_per_second']);
    // Loss chart: training loss (32 points) and validation loss (8), each raw and smoothed.
    assert.deepEqual(await page.locator('#training-loss .legend text').allTextContents(), ['loss', 'eval_loss']);
    const train = await paths(page, 'training-loss', 0);
    const val = await paths(page, 'training-loss', 1);
    assert.deepEqual([vertices(train.raw), vertices(train.smooth), vertices(val.raw), vertices(val.smooth)], [32, 32, 8, 8]);
    assert.equal(await page.locator('#training-metrics .legend text').allTextContents().then((t) => t.join()), 'eval_accuracy');
    assert.equal(await page.locator('#training-lr .legend text').allTextContents().then((t) => t.join()), 'learning_rate');
    assert.equal(vertices(await page.locator('#training-lr path.series.t-0.smooth').getAttribute('d')), 32);
    // The other logged values, one at a time (their scales differ).
    assert.deepEqual(await page.locator('#training-other-series option').allTextContents(), ['grad_norm', 'eval_runtime', 'eval_samples_per_second', 'eval_steps_per_second']);
    assert.deepEqual(await page.locator('#training-other .legend text').allTextContents(), ['grad_norm']);
    await page.getByLabel('Other logged value:').selectOption('eval_runtime');
    assert.deepEqual(await page.locator('#training-other .legend text').allTextContents(), ['eval_runtime']);
    // The best checkpoint on the loss chart, and the stop line on every chart at the same step.
    assert.equal(await page.locator('#training-loss .marker.m-best').count(), 1);
    assert.deepEqual(await page.locator('#training-loss .marker-label').allTextContents(), ['early stop: step 384', 'best: step 320']);
    assert.equal(await stopLineX(page, 'training-lr'), await stopLineX(page, 'training-loss'));
    // The checkpoint to keep, and the way to test it against the base model.
    const link = page.getByRole('button', { name: 'Evaluate checkpoint 320 against your base model in Compare two models' });
    assert.equal(await link.count(), 1);
    assert.ok(!(await page.locator('body').textContent()).includes('NaN'));
    await screenshot(page, 'training-hf');
    await checkAxe(page);
    await link.click();
    assert.equal(await page.locator('#tab-compare').getAttribute('aria-selected'), 'true');
    // The tab's code comes when it first opens: its panel shows once wired.
    await page.locator('#compare-panel').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('#training-summary-panel').isVisible(), false);
  });
});

test('smoothing moves the smoothed line only: the number of points drawn stays', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    const before = await paths(page, 'training-loss', 0);
    await page.locator('#training-smoothing').fill('0.95');
    await page.waitForFunction((d) => document.querySelector('#training-loss path.series.t-0.smooth')?.getAttribute('d') !== d, before.smooth);
    const after = await paths(page, 'training-loss', 0);
    assert.equal(await page.locator('#training-smoothing-value').textContent(), '0.950');
    assert.notEqual(after.smooth, before.smooth, 'the smoothed line changed');
    assert.equal(after.raw, before.raw, 'the values as logged did not');
    assert.equal(vertices(after.smooth), vertices(before.smooth));
    assert.equal(vertices(after.raw), vertices(before.raw));
    assert.match(await page.evaluate(() => location.search), /^\?training=1&smooth=0\.95$/);
    // No smoothing: the smoothed line is the raw one.
    await page.locator('#training-smoothing').fill('0');
    await page.waitForFunction((d) => document.querySelector('#training-loss path.series.t-0.smooth')?.getAttribute('d') === d, before.raw);
  });
});

test('a Keras CSVLogger file: patience moves the stop marker; presets are one click away; the link keeps the options', async () => {
  let link;
  await onTrainingTab(async (page) => {
    await pickLogs(page, KERAS);
    assert.match(await page.locator('#training-file-summary').textContent(), /^training\.log: Keras CSVLogger file, 4 series \(up to 8 points\) by epoch\.$/);
    assert.equal(await fact(page, 'monitor'), 'val_loss (lower is better, guessed from the name)');
    assert.equal(await fact(page, 'best'), '0.82031 at epoch 4');
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 5; keeps epoch 4 (0.82031)');
    assert.equal(await page.getByRole('button', { name: /^Keras/ }).getAttribute('aria-pressed'), 'true');
    const x0 = await stopLineX(page, 'training-loss');
    const patience = page.getByLabel('Patience (early stopping)');
    await patience.fill('2');
    await patience.press('Enter');
    await page.waitForFunction(() => /epoch 6/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 6; keeps epoch 4 (0.82031)');
    const x2 = await stopLineX(page, 'training-loss');
    assert.ok(x2 > x0, `the stop line moved right (${x0} → ${x2})`);
    assert.deepEqual(await page.locator('#training-loss .marker-label').allTextContents(), ['early stop: epoch 6', 'best: epoch 4']);
    assert.equal(await stopLineX(page, 'training-metrics'), x2, 'every chart shows the same stop');
    // Lightning's default patience is 3: the run stops at the last epoch, 7.
    await page.getByRole('button', { name: 'Lightning (patience 3, min_delta 0)' }).click();
    await page.waitForFunction(() => /epoch 7/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 7; keeps epoch 4 (0.82031)');
    assert.equal(await patience.inputValue(), '3');
    assert.equal(await page.getByRole('button', { name: /^Lightning/ }).getAttribute('aria-pressed'), 'true');
    assert.ok((await stopLineX(page, 'training-loss')) > x2);
    // Hugging Face's default patience is 1: as 0 under Keras's rule, the first rise stops the run.
    await page.getByRole('button', { name: 'Hugging Face (patience 1, min_delta 0)' }).click();
    await page.waitForFunction(() => /epoch 5/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await stopLineX(page, 'training-loss'), x0);
    // Monitoring accuracy instead: higher is better, guessed from the name; best 0.75390625 at epoch 4.
    await page.getByLabel('Series that picks the best checkpoint').selectOption('val_accuracy');
    await page.waitForFunction(() => /^val_accuracy/.test(document.querySelector('[data-fact="monitor"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'monitor'), 'val_accuracy (higher is better, guessed from the name)');
    assert.equal(await fact(page, 'best'), '0.75391 at epoch 4');
    assert.equal(await page.locator('#training-metrics .marker.m-best').count(), 1, 'the best is marked on the chart that holds the monitored series');
    assert.equal(await page.locator('#training-loss .marker.m-best').count(), 0);
    // Forcing the direction: lowest accuracy (epoch 0) is then "best".
    await page.getByLabel('Better is').selectOption('min');
    await page.waitForFunction(() => /epoch 0$/.test(document.querySelector('[data-fact="best"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'monitor'), 'val_accuracy (lower is better)');
    link = await page.evaluate(() => location.search);
    assert.equal(link, '?training=1&monitor=val_accuracy&mode=min&patience=1&min_delta=0');
    await screenshot(page, 'training-keras');
    await checkAxe(page);
  });
  // The link keeps the options, not the data.
  await onTrainingTab(async (page) => {
    assert.equal(await page.locator('#tab-training').getAttribute('aria-selected'), 'true');
    assert.match(await page.locator('#training-verdict .verdict-headline').textContent(), /not its logs: load the same logs again/);
    await pickLogs(page, KERAS);
    assert.equal(await page.getByLabel('Series that picks the best checkpoint').inputValue(), 'val_accuracy');
    assert.equal(await page.getByLabel('Better is').inputValue(), 'min');
    assert.equal(await page.getByLabel('Patience (early stopping)').inputValue(), '1');
    assert.equal(await fact(page, 'best'), '0.58594 at epoch 0');
  }, {}, link);
});

test('early stopping can keep a checkpoint other than the best; min_delta decides what improves', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, PLATEAU);
    assert.equal(await fact(page, 'best'), '0.58 at epoch 7');
    await page.getByLabel('Patience (early stopping)').fill('2');
    await page.getByLabel('Patience (early stopping)').press('Enter');
    await page.waitForFunction(() => /epoch 6/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 6; keeps epoch 4 (0.59)');
    assert.deepEqual(await page.locator('#training-loss .marker-label').allTextContents(), ['early stop: epoch 6', 'best: epoch 7', 'kept: epoch 4']);
    await page.getByLabel('Patience (early stopping)').fill('3');
    await page.getByLabel('min_delta (early stopping)').fill('0.05');
    await page.getByLabel('min_delta (early stopping)').press('Enter');
    await page.waitForFunction(() => /epoch 5;/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 5; keeps epoch 2 (0.6)');
    assert.equal(await page.evaluate(() => location.search), '?training=1&patience=3&min_delta=0.05');
  });
});

test('the charts read out by keyboard and hover', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    await page.locator('#training-loss').focus();
    await page.keyboard.press('End');
    const readout = page.locator('#training-loss-readout');
    // The core's values, to 5 significant digits: loss 0.5 (smoothed 0.55016…), eval_loss 0.9453125 (smoothed 0.91219…).
    assert.equal(await readout.textContent(), 'step 512: loss 0.5, smoothed 0.55017; eval_loss 0.94531, smoothed 0.9122');
    await page.keyboard.press('ArrowLeft');
    // Step 496 has a training loss but no evaluation: the nearest evaluation is named with its step.
    assert.equal(await readout.textContent(), 'step 496: loss 0.5625, smoothed 0.58361; eval_loss 0.94531, smoothed 0.9122 (at step 512)');
    await page.keyboard.press('Home');
    assert.match(await readout.textContent(), /^step 16: loss 2\.5, smoothed 2\.5; eval_loss 1\.5, smoothed 1\.5 \(at step 64\)$/);
    assert.equal(await page.locator('#training-loss .cursor-line').count(), 1);
    assert.equal(await readout.getAttribute('aria-live'), 'polite');
    // The learning rate reads as logged (no smoothing).
    await page.locator('#training-lr').focus();
    await page.keyboard.press('End');
    assert.equal(await page.locator('#training-lr-readout').textContent(), 'step 512: learning_rate 0');
    const box = await page.locator('#training-metrics').boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    assert.match(await page.locator('#training-metrics-readout').textContent(), /^step [\d,]+: eval_accuracy 0\.\d+, smoothed/);
    // The log scale: a toggle of the drawing only (and kept in the link).
    await page.getByLabel('Logarithmic y axis').check();
    assert.match(await page.locator('#training-loss .axis-label').nth(1).textContent(), /\(log scale\)$/);
    assert.match(await page.evaluate(() => location.search), /log=1/);
    assert.equal(vertices((await paths(page, 'training-loss', 0)).raw), 32);
  });
});

test('exports: Markdown from the core and the report as JSON', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    assert.equal(md.suggestedFilename(), 'fitcheck-training.md');
    assert.match(readFileSync(await md.path(), 'utf8'), /^## Training: \*\*WATCH\*\*/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    assert.equal(json.suggestedFilename(), 'fitcheck-training.json');
    const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(report.kind, 'training');
    assert.equal(report.format, 'hf_trainer_state');
    assert.equal(report.best.x, 320);
    assert.equal(report.series.loss.y.length, 32);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('[data-training-save="training-loss:svg"]').click()]);
    assert.equal(svg.suggestedFilename(), 'fitcheck-training-loss.svg');
    assert.equal((readFileSync(await svg.path(), 'utf8').match(/class="series t-\d smooth"/g) ?? []).length, 2);
  }, { acceptDownloads: true });
});

test('a malformed JSON file: the core\'s error with its line and column; a good file then loads', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, fixture('malformed.json'));
    assert.equal(await page.locator('#training-progress').getAttribute('data-state'), 'failed');
    // Line 4 is `    {"loss": 0.9 "step": 20}`: the comma is missing before column 18.
    assert.match(await page.locator('#training-error').textContent(), /^line 4: malformed JSON at column 18: /);
    assert.match(await page.locator('#training-verdict .verdict-headline').textContent(), /^No report: malformed\.json could not be read/);
    assert.equal(await page.locator('#training-results').isVisible(), false);
    await pickLogs(page, KERAS);
    assert.equal(await page.locator('#training-error').isVisible(), false);
    assert.match(await page.locator('#training-file-summary').textContent(), /^training\.log: /);
    assert.equal(await page.locator('#training-results').isVisible(), true);
  });
});

test('four TensorBoard CSV exports at once: one series per file, named after it, each on its chart', async () => {
  const dir = path.join(SHARED, 'tensorboard');
  const files = ['run-train-tag-epoch_learning_rate', 'run-train-tag-epoch_loss', 'run-validation-tag-epoch_accuracy', 'run-validation-tag-epoch_loss'];
  await onTrainingTab(async (page) => {
    await pickLogs(page, files.map((f) => path.join(dir, `${f}.csv`)));
    assert.equal(await page.locator('#training-file-summary').textContent(),
      `${files.map((f) => `${f}.csv`).join(', ')}: TensorBoard scalar CSV export, 4 series (up to 8 points) by step.`);
    assert.deepEqual(await page.locator('#training-monitor option').allTextContents(), files);
    assert.equal(await page.getByLabel('Series that picks the best checkpoint').inputValue(), 'run-validation-tag-epoch_loss');
    // Long names keep their start and their end in the legends.
    assert.deepEqual(await page.locator('#training-loss .legend text').allTextContents(), ['run-train-tag-epoch_loss', 'run-va…on-tag-epoch_loss']);
    assert.deepEqual(await page.locator('#training-metrics .legend text').allTextContents(), ['run-va…ag-epoch_accuracy']);
    assert.deepEqual(await page.locator('#training-lr .legend text').allTextContents(), ['run-tr…och_learning_rate']);
    assert.equal(await page.locator('[data-training-chart="other"]').isVisible(), false, 'no other values: no empty chart');
    // The same run as the Keras file: best validation loss at step (epoch) 4.
    assert.equal(await fact(page, 'best'), '0.82031 at step 4');
    await screenshot(page, 'training-tensorboard');
  });
});

test('a Lightning metrics.csv: step and epoch training losses, validation and learning rate on their charts', async () => {
  await onTrainingTab(async (page) => {
    // The same run, logged by Lightning at 0-based batch indices: validation at steps 63, 127, … → best at step 319.
    await pickLogs(page, path.join(SHARED, 'lightning/version_0/metrics.csv'));
    assert.match(await page.locator('#training-file-summary').textContent(), /^metrics\.csv: Lightning metrics\.csv, 5 series \(up to 32 points\) by step\.$/);
    assert.deepEqual(await page.locator('#training-loss .legend text').allTextContents(), ['train_loss_epoch', 'train_loss_step', 'val_loss']);
    assert.deepEqual(await page.locator('#training-lr .legend text').allTextContents(), ['lr-AdamW']);
    assert.equal(await fact(page, 'best'), '0.82031 at step 319');
    assert.equal(await fact(page, 'early_stopping'), 'stops at step 383; keeps step 319 (0.82031)');
    await screenshot(page, 'training-lightning');
  });
});

test('a new load cancels the old, and Cancel stops a large read', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const big = path.join(ARTIFACTS, 'training-cancel-me.csv');
  if (!existsSync(big)) {
    const block = Array.from({ length: 100_000 }, (_, i) => `${i},${(1 + (i % 997) / 1000).toFixed(4)}`).join('\n');
    writeFileSync(big, `step,loss\n${Array(40).fill(block).join('\n')}\n`); // 4,000,000 rows, ~50 MB
  }
  await onTrainingTab(async (page) => {
    await page.getByLabel('Choose training log files').setInputFiles(big);
    await page.waitForFunction(() => /[1-9][\d,.]* (rows|[kMG]B of)/.test(document.getElementById('training-progress-text').textContent));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await trainingDone(page);
    assert.equal(await page.locator('#training-progress').getAttribute('data-state'), 'cancelled');
    assert.equal(await page.locator('#training-error').textContent(), 'Reading was cancelled.');
    assert.match(await page.locator('#training-verdict .verdict-headline').textContent(), /^No report: reading training-cancel-me\.csv was cancelled/);
    // A new load while the large one is read: only the new one's results show.
    await page.getByLabel('Choose training log files').setInputFiles(big);
    await page.waitForFunction(() => /[1-9][\d,.]* (rows|[kMG]B of)/.test(document.getElementById('training-progress-text').textContent));
    await pickLogs(page, KERAS);
    assert.match(await page.locator('#training-file-summary').textContent(), /^training\.log: /);
    await page.waitForTimeout(500);
    assert.match(await page.locator('#training-file-summary').textContent(), /^training\.log: /);
  });
});

test('a run that broke (NaN values): unhealthy, the gaps left out of the lines, no NaN drawn or shown as a number', async () => {
  await onTrainingTab(async (page) => {
    // hf_nan: loss 2.0, 1.75, NaN at steps 10, 20, 30; the only evaluation's eval_loss is NaN.
    await pickLogs(page, path.join(SHARED, 'hf_nan/trainer_state.json'));
    assert.equal(await page.locator('#training-verdict').getAttribute('data-status'), 'unhealthy');
    assert.equal(await page.locator('#training-verdict .verdict-status').textContent(), '✖ Unhealthy');
    assert.equal(await page.locator('[data-warning="non_finite_loss"]').count(), 1);
    assert.equal(await fact(page, 'best'), 'none: the monitored series has no finite value');
    assert.equal(await page.locator('#training-compare').isVisible(), false, 'no checkpoint to evaluate');
    assert.equal(vertices(await page.locator('#training-loss path.series.t-0.raw').getAttribute('d')), 2);
    // The core's sentence names the NaN ("loss became NaN at step 30"); no number the page shows is one.
    assert.match(await page.locator('#training-verdict .verdict-headline').textContent(), /NaN at step 30/);
    assert.equal(await fact(page, 'early_stopping'), 'never stops: the run ends first; keeps step 30 (—)');
    await page.locator('#training-loss').focus();
    await page.keyboard.press('End');
    assert.equal(await page.locator('#training-loss-readout').textContent(), 'step 30: loss not finite, smoothed not finite; eval_loss not finite, smoothed not finite');
    assert.ok(!(await page.locator('#training-facts, .readout').allTextContents()).join().includes('NaN'));
    const attributes = await page.locator('svg.chart *').evaluateAll((nodes) => nodes.flatMap((n) => [...n.attributes].map((a) => a.value)));
    assert.ok(!attributes.some((v) => /NaN|Infinity/.test(v)), 'no NaN in the drawing');
    await checkAxe(page);
  });
});

test('a log of a million points is thinned for drawing: the page draws what the core sends', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const long = path.join(ARTIFACTS, 'training-million.csv');
  if (!existsSync(long)) {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i + 1},${(2 / Math.sqrt(1 + i / 1000) + ((i * 7919) % 101) / 1000).toFixed(5)}`);
    writeFileSync(long, `step,loss\n${rows.join('\n')}\n`);
  }
  await onTrainingTab(async (page) => {
    const started = Date.now();
    await pickLogs(page, long);
    const ms = Date.now() - started;
    assert.match(await page.locator('#training-file-summary').textContent(), /^training-million\.csv: CSV, 1 series \(up to 1,000,000 points\) by step\.$/);
    const drawn = vertices(await page.locator('#training-loss path.series.t-0.raw').getAttribute('d'));
    assert.ok(drawn > 100 && drawn <= 2000, `${drawn} points drawn`);
    assert.equal(vertices(await page.locator('#training-loss path.series.t-0.smooth').getAttribute('d')), drawn);
    console.log(`# a million-point log read, reported and drawn in ${ms} ms (${drawn} points drawn)`);
  });
});

test('pasted text is read like a file', async () => {
  await onTrainingTab(async (page) => {
    await page.getByText('…or paste a log').click();
    await page.getByLabel('Training log text (JSON or CSV)').fill(readFileSync(KERAS, 'utf8'));
    await page.getByRole('button', { name: 'Read the pasted log' }).click();
    await trainingDone(page);
    assert.equal(await fact(page, 'best'), '0.82031 at epoch 4');
    assert.match(await page.locator('#training-file-summary').textContent(), /^Pasted text: Keras CSVLogger file/);
  });
});

test('the Training curves tab is part of the keyboard tab set', async () => {
  await withPage(env, '', async (page) => {
    await page.locator('#tab-compare').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tab-training').getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-training');
    // The tab's code comes when it first opens: its panel shows once wired.
    await page.locator('#training-panel').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('#verdict').isVisible(), false, 'the other tabs\' results step aside');
    assert.equal(await page.locator('#settings-form').isVisible(), false, 'the task and bars do not apply');
    assert.match(await page.locator('#training-verdict .verdict-headline').textContent(), /^No log loaded yet/);
    await page.keyboard.press('ArrowRight'); // the Leakage check tab (issue 10) comes next, then the set wraps
    assert.equal(await page.locator('#tab-leakage').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#training-summary-panel').isVisible(), false);
    // The tab's code comes when it first opens: its panel shows once wired.
    await page.locator('#leakage-panel').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tab-counts').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#training-summary-panel').isVisible(), false);
    assert.equal(await page.locator('#verdict').isVisible(), true);
  }, { ready: '[data-metric="precision"]' });
});

test('the Training curves tab on a phone and in the dark', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'the page does not scroll sideways');
    await screenshot(page, 'training-390');
  }, { viewport: { width: 390, height: 844 } });
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    await screenshot(page, 'training-dark');
    await checkAxe(page);
  }, { colorScheme: 'dark' });
});
