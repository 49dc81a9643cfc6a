// "Is the training healthy?" as a person uses it (issue 9): the Training
// curves tab with a Hugging Face trainer_state.json and a Keras CSVLogger
// file, the verdict and the checkpoint to keep, the charts (smoothing moves
// the smoothed line, never the number of points), early stopping's stop
// marker following the patience, the keyboard readout, exports, a malformed
// file's line and column, and the tab on a phone and in the dark. Fails on
// any console error or off-origin request.
//
// Hand-worked values of the fixtures (tests/fixtures/training-page/):
// trainer_state.json: eval_loss every 100 steps = 1.30 0.95 0.78 0.66 0.60
//   0.57 0.59 0.62 0.66 0.70 → best 0.57 at step 600 (index 5), the file's own
//   best_global_step 600 (agrees). Keras rules, patience 0: the first rise
//   (0.59 at step 700, index 6) stops the run; it keeps step 600.
//   20 training losses (every 50 steps), 10 evaluations.
// training.log.csv (epochs 0–11): val_loss = 0.9 0.7 0.6 0.62 0.59 0.61 0.615
//   0.58 0.60 0.605 0.61 0.62 → best 0.58 at epoch 7. Keras rules (wait += 1
//   each epoch, reset on an improvement, stop when wait ≥ patience):
//   patience 0 or 1 → stops at epoch 3 (keeps epoch 2, 0.6); patience 2 → wait
//   1 at 5, 2 at 6: stops at epoch 6 (keeps 4, 0.59); patience 3 → 7 improves,
//   wait 1 2 3 at 8 9 10: stops at epoch 10 (keeps 7, 0.58).
//
// While the core's training door is not on main, FITCHECK_TRAINING_STUB=1
// serves tests/fixtures/training-page/stub-worker.js in its place.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage, screenshot, checkAxe, ARTIFACTS, ROOT } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/training-page');
const fixture = (name) => path.join(FIXTURES, name);
const HF = fixture('trainer_state.json');
const KERAS = fixture('training.log.csv');
const STUB = process.env.FITCHECK_TRAINING_STUB === '1';
const env = useBrowser();

/** Opens the page on the Training curves tab, runs `body`, then checks for problems (as withPage). */
function onTrainingTab(body, options = {}, query = '') {
  return withPage(env, query, async (page) => {
    if (STUB) {
      await page.context().route('**/www/training-worker.js', (route) => route.fulfill({
        contentType: 'text/javascript', body: readFileSync(fixture('stub-worker.js'), 'utf8'),
      }));
    }
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
    // eval_loss is monitored (lower is better); its best is 0.57 at step 600, as the file's own best says.
    assert.match(await fact(page, 'monitor'), /^eval_loss \(lower is better/);
    assert.equal(await fact(page, 'best'), '0.57 at step 600');
    assert.match(await fact(page, 'hf_best'), /^out\/checkpoint-600 \(best_metric 0\.57\): ✔ agrees$/);
    // Keras defaults (patience 0): the first rise, at step 700, stops the run, which keeps step 600.
    assert.equal(await fact(page, 'early_stopping'), 'stops at step 700; keeps step 600 (0.57)');
    assert.equal(await page.getByLabel('Patience (early stopping)').inputValue(), '0');
    assert.equal(await page.locator('#training-smoothing').inputValue(), '0.6');
    assert.equal(await page.locator('#training-smoothing-value').textContent(), '0.600');
    // The monitored series can be any series of the file (in the file's order: the keys of its first entry are sorted).
    assert.deepEqual(await page.locator('#training-monitor option').allTextContents(), ['grad_norm', 'learning_rate', 'loss', 'eval_accuracy', 'eval_loss']);
    // Loss chart: training loss (20 points) and validation loss (10), each raw and smoothed.
    assert.deepEqual(await page.locator('#training-loss .legend text').allTextContents(), ['loss', 'eval_loss']);
    const train = await paths(page, 'training-loss', 0);
    const val = await paths(page, 'training-loss', 1);
    assert.deepEqual([vertices(train.raw), vertices(train.smooth), vertices(val.raw), vertices(val.smooth)], [20, 20, 10, 10]);
    assert.equal(await page.locator('#training-metrics .legend text').allTextContents().then((t) => t.join()), 'eval_accuracy');
    assert.equal(await page.locator('#training-lr .legend text').allTextContents().then((t) => t.join()), 'learning_rate');
    assert.equal(vertices(await page.locator('#training-lr path.series.t-0.smooth').getAttribute('d')), 20);
    // The best checkpoint on the loss chart, and the stop line on every chart at the same step.
    assert.equal(await page.locator('#training-loss .marker.m-best').count(), 1);
    assert.deepEqual(await page.locator('#training-loss .marker-label').allTextContents(), ['early stop: step 700', 'best: step 600']);
    assert.equal(await stopLineX(page, 'training-lr'), await stopLineX(page, 'training-loss'));
    // The checkpoint to keep, and the way to test it against the base model.
    const link = page.getByRole('button', { name: /^Evaluate checkpoint [\d,]+ against your base model in Compare two models$/ });
    assert.equal(await link.count(), 1);
    assert.ok(!(await page.locator('body').textContent()).includes('NaN'));
    await screenshot(page, 'training-hf');
    await checkAxe(page);
    await link.click();
    assert.equal(await page.locator('#tab-compare').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#compare-panel').isVisible(), true);
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

test('a Keras CSVLogger file: patience moves the stop marker; presets are one click away', async () => {
  let link;
  await onTrainingTab(async (page) => {
    await pickLogs(page, KERAS);
    assert.match(await page.locator('#training-file-summary').textContent(), /^training\.log\.csv: Keras CSVLogger file, 4 series .* by epoch\.$/);
    assert.match(await fact(page, 'monitor'), /^val_loss \(lower is better/);
    assert.equal(await fact(page, 'best'), '0.58 at epoch 7');
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 3; keeps epoch 2 (0.6)');
    const x0 = await stopLineX(page, 'training-loss');
    const patience = page.getByLabel('Patience (early stopping)');
    await patience.fill('2');
    await patience.press('Enter');
    await page.waitForFunction(() => /epoch 6/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 6; keeps epoch 4 (0.59)');
    const x2 = await stopLineX(page, 'training-loss');
    assert.ok(x2 > x0, `the stop line moved right (${x0} → ${x2})`);
    assert.deepEqual(await page.locator('#training-loss .marker-label').allTextContents(), ['early stop: epoch 6', 'best: epoch 7', 'kept: epoch 4']);
    // Lightning's default patience is 3: the run stops at epoch 10 and keeps the best, epoch 7.
    await page.getByRole('button', { name: /^Lightning \(patience 3, min_delta 0\)$/ }).click();
    await page.waitForFunction(() => /epoch 10/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 10; keeps epoch 7 (0.58)');
    assert.equal(await patience.inputValue(), '3');
    assert.equal(await page.getByRole('button', { name: /^Lightning/ }).getAttribute('aria-pressed'), 'true');
    assert.ok((await stopLineX(page, 'training-loss')) > x2);
    // A min_delta larger than every later gain: 0.59 and 0.58 no longer count as improvements.
    await page.getByLabel('min_delta (early stopping)').fill('0.05');
    await page.getByLabel('min_delta (early stopping)').press('Enter');
    await page.waitForFunction(() => /epoch 5;/.test(document.querySelector('[data-fact="early_stopping"]')?.textContent ?? ''));
    assert.equal(await fact(page, 'early_stopping'), 'stops at epoch 5; keeps epoch 2 (0.6)');
    // Monitoring accuracy instead: higher is better, guessed from the name.
    await page.getByLabel('Series that picks the best checkpoint').selectOption('val_accuracy');
    await page.waitForFunction(() => /^val_accuracy/.test(document.querySelector('[data-fact="monitor"]')?.textContent ?? ''));
    assert.match(await fact(page, 'monitor'), /^val_accuracy \(higher is better, guessed from the name\)$/);
    link = await page.evaluate(() => location.search);
    assert.match(link, /^\?training=1&monitor=val_accuracy&patience=3&min_delta=0\.05$/);
    await screenshot(page, 'training-keras');
    await checkAxe(page);
  });
  // The link keeps the options, not the data.
  await onTrainingTab(async (page) => {
    assert.equal(await page.locator('#tab-training').getAttribute('aria-selected'), 'true');
    assert.match(await page.locator('#training-verdict .verdict-headline').textContent(), /not its logs: load the same logs again/);
    await pickLogs(page, KERAS);
    assert.equal(await page.getByLabel('Series that picks the best checkpoint').inputValue(), 'val_accuracy');
    assert.equal(await page.getByLabel('Patience (early stopping)').inputValue(), '3');
  }, {}, link);
});

test('the charts read out by keyboard and hover', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    await page.locator('#training-loss').focus();
    await page.keyboard.press('End');
    const readout = page.locator('#training-loss-readout');
    assert.match(await readout.textContent(), /^step 1,000: loss [\d.]+, smoothed [\d.]+; eval_loss 0\.7, smoothed [\d.]+$/);
    await page.keyboard.press('ArrowLeft');
    // Step 950 has a training loss but no evaluation: the nearest evaluation (the earlier on a tie) is named with its step.
    assert.match(await readout.textContent(), /^step 950: loss [\d.]+, smoothed [\d.]+; eval_loss 0\.66, smoothed [\d.]+ \(at step 900\)$/);
    await page.keyboard.press('Home');
    assert.match(await readout.textContent(), /^step 50: loss /);
    assert.equal(await page.locator('#training-loss .cursor-line').count(), 1);
    assert.equal(await readout.getAttribute('aria-live'), 'polite');
    // The learning rate reads as logged (no smoothing).
    await page.locator('#training-lr').focus();
    await page.keyboard.press('End');
    assert.match(await page.locator('#training-lr-readout').textContent(), /^step 1,000: learning_rate 0$/);
    const box = await page.locator('#training-metrics').boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    assert.match(await page.locator('#training-metrics-readout').textContent(), /^step [\d,]+: eval_accuracy 0\.\d+, smoothed/);
    // The log scale: a toggle of the drawing only (and kept in the link).
    await page.getByLabel('Logarithmic y axis').check();
    assert.match(await page.locator('#training-loss .axis-label').nth(1).textContent(), /\(log scale\)$/);
    assert.match(await page.evaluate(() => location.search), /log=1/);
    assert.equal(vertices((await paths(page, 'training-loss', 0)).raw), 20);
  });
});

test('exports: Markdown from the core and the report as JSON', async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, HF);
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    assert.equal(md.suggestedFilename(), 'fitcheck-training.md');
    assert.match(readFileSync(await md.path(), 'utf8'), /^#/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    assert.equal(json.suggestedFilename(), 'fitcheck-training.json');
    const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(report.kind, 'training');
    assert.equal(report.format, 'hf_trainer_state');
    assert.equal(report.best.x, 600);
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
    assert.equal(await page.locator('#training-results').isVisible(), true);
  });
});

test('two TensorBoard CSV exports at once: one series per file, named after it', { skip: STUB && 'the stub answers every CSV as Keras' }, async () => {
  await onTrainingTab(async (page) => {
    await pickLogs(page, [fixture('run-train-tag-loss.csv'), fixture('run-validation-tag-loss.csv')]);
    assert.match(await page.locator('#training-file-summary').textContent(),
      /^run-train-tag-loss\.csv, run-validation-tag-loss\.csv: TensorBoard scalar CSV export, 2 series \(up to 20 points\) by step\.$/);
    assert.deepEqual(await page.locator('#training-monitor option').allTextContents(), ['run-train-tag-loss', 'run-validation-tag-loss']);
    const drawn = await page.locator('svg.chart path.series.smooth').count();
    assert.equal(drawn, 2, 'both series are drawn');
  });
});

test('a new load cancels the old, and Cancel stops a large read', { skip: STUB && 'the stub does not read' }, async () => {
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
    assert.match(await page.locator('#training-file-summary').textContent(), /^training\.log\.csv: /);
    await page.waitForTimeout(500);
    assert.match(await page.locator('#training-file-summary').textContent(), /^training\.log\.csv: /);
  });
});

test('pasted text is read like a file', async () => {
  await onTrainingTab(async (page) => {
    await page.getByText('…or paste a log').click();
    await page.getByLabel('Training log text (JSON or CSV)').fill(readFileSync(KERAS, 'utf8'));
    await page.getByRole('button', { name: 'Read the pasted log' }).click();
    await trainingDone(page);
    assert.equal(await fact(page, 'best'), '0.58 at epoch 7');
  });
});

test('the Training curves tab is part of the keyboard tab set', async () => {
  await withPage(env, '', async (page) => {
    await page.locator('#tab-compare').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tab-training').getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-training');
    assert.equal(await page.locator('#training-panel').isVisible(), true);
    assert.equal(await page.locator('#verdict').isVisible(), false, 'the other tabs\' results step aside');
    assert.equal(await page.locator('#settings-form').isVisible(), false, 'the task and bars do not apply');
    assert.match(await page.locator('#training-verdict .verdict-headline').textContent(), /^No log loaded yet/);
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
