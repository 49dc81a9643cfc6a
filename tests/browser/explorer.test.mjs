// The tradeoff explorer as a teacher or engineer uses it: step the threshold
// with the keyboard, drag the slider, click a curve or an operating point,
// save a chart, and reopen the demo from its URL. Fails on any console error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage as openAt, metricText, screenshot } from './harness.mjs';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const env = useBrowser();
const withPage = (query, body, options) => openAt(env, query, body, { acceptDownloads: true, ready: '[data-metric="precision"]', ...options });

const waitMetric = (page, id, text) => page.waitForFunction(([i, t]) => document.querySelector(`[data-metric="${i}"]`)?.textContent === t, [id, text]);

async function loadScores(page) {
  await page.getByRole('tab', { name: 'Load a predictions file' }).click();
  await page.getByLabel('Choose a CSV file of predictions').setInputFiles(path.join(FIXTURES, 'scores.csv'));
  await page.waitForSelector('#explorer:not([hidden])');
}

// scores.csv — positives 0.9 0.8 0.6 0.4, negatives 0.7 0.3 0.2 0.1; ranks 0..7 are the
// distinct scores from lowest (0.1) to highest (0.9). A score at or above t is positive.
test('the keyboard steps the threshold through the distinct scores', async () => {
  await withPage('', async (page) => {
    await loadScores(page);
    assert.equal(await page.locator('#threshold-slider').inputValue(), '4'); // 0.5 → lowest score above it, 0.6
    assert.equal(await metricText(page, 'roc_auc'), '0.8750'); // 14 of 16 pairs ordered
    assert.equal(await metricText(page, 'average_precision'), '0.8875');
    await page.locator('#threshold-slider').focus();
    await page.keyboard.press('ArrowRight'); // t = 0.7: tp 2, fp 1
    await waitMetric(page, 'precision', '0.6667');
    assert.equal(await metricText(page, 'recall'), '0.5000');
    assert.match(await page.locator('#threshold-value').textContent(), /^Threshold 0\.7: .* 3 of 8 examples/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // t = 0.4: tp 4, fp 1
    await waitMetric(page, 'recall', '1.0000');
    assert.equal(await metricText(page, 'precision'), '0.8000');
    assert.equal(await page.locator('#threshold').inputValue(), '0.4');
  });
});

test('dragging the slider and clicking a curve move the threshold', async () => {
  await withPage('', async (page) => {
    await loadScores(page);
    await page.locator('#threshold-slider').scrollIntoViewIfNeeded();
    const box = await page.locator('#threshold-slider').boundingBox();
    await page.mouse.click(box.x + 2, box.y + box.height / 2); // far left: rank 0, t = 0.1, everything positive
    await waitMetric(page, 'precision', '0.5000');
    assert.equal(await metricText(page, 'recall'), '1.0000');
    // Click the ROC chart near (FPR 0, TPR 0.5): the point of threshold 0.8 (tp 2, fp 0).
    await page.locator('#chart-roc').scrollIntoViewIfNeeded();
    const roc = await page.locator('#chart-roc').boundingBox();
    const plot = { left: 52 / 380, right: (380 - 14) / 380, top: 40 / 300, bottom: (300 - 44) / 300 };
    const x = roc.x + roc.width * (plot.left + 0.0 * (plot.right - plot.left));
    const y = roc.y + roc.height * (plot.bottom - 0.5 * (plot.bottom - plot.top));
    await page.mouse.click(x + 1, y);
    await waitMetric(page, 'precision', '1.0000');
    assert.equal(await metricText(page, 'recall'), '0.5000');
    // Click the histogram at score 0.65: t = 0.65 → tp 2, fp 1.
    await page.locator('#chart-hist').scrollIntoViewIfNeeded();
    const hist = await page.locator('#chart-hist').boundingBox();
    const span = [0.1, 0.9];
    const hx = hist.x + hist.width * (plot.left + ((0.65 - span[0]) / (span[1] - span[0])) * (plot.right - plot.left));
    await page.mouse.click(hx, hist.y + hist.height * 0.6);
    await waitMetric(page, 'precision', '0.6667');
    await screenshot(page, 'explorer-scores', false);
  });
});

test('operating points jump to their threshold and explain themselves', async () => {
  await withPage('', async (page) => {
    await loadScores(page);
    // Best F1 is at t = 0.4: tp 4, fp 1, fn 0 → F1 8/9.
    await page.getByRole('button', { name: /^Best F1 \(0\.4\)$/ }).click();
    await waitMetric(page, 'f1', '0.8889');
    assert.match(await page.locator('#point-sentence').textContent(), /^Threshold 0\.4 gives the highest F1, 0\.8889/);
    assert.equal(await page.locator('[data-point="best_f1"]').getAttribute('aria-pressed'), 'true');
    // Best recall while precision ≥ 0.9: t = 0.8 (precision 1, recall 0.5).
    await page.locator('[data-point="recall_at_precision"]').click();
    await waitMetric(page, 'recall', '0.5000');
    assert.equal(await metricText(page, 'precision'), '1.0000');
    // Costs change the lowest-cost point: misses 10× as costly → call everything from 0.4 down... t = 0.4 keeps recall 1.
    await page.getByText('Costs and targets for the operating points').click();
    await page.getByLabel('Cost of a false negative (a miss)').fill('10');
    await page.waitForFunction(() => /Lowest cost \(0\.4\)/.test(document.getElementById('operating-points').textContent));
  });
});

test('a chart can be saved as SVG', async () => {
  await withPage('', async (page) => {
    await loadScores(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-save="chart-roc:svg"]').click()]);
    assert.equal(download.suggestedFilename(), 'fitcheck-roc.svg');
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(text, /ROC curve — AUC 0\.8750/);
  });
});

test('the demo reopens from its URL, and its controls update the URL', async () => {
  await withPage('?demo=1&sep=2&prev=0.1&size=2000&seed=5&t=0.7', async (page) => {
    await page.waitForSelector('#explorer:not([hidden])');
    assert.equal(await page.getByRole('tab', { name: 'Demo data' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByLabel(/Class separation/).inputValue(), '2');
    assert.equal(await page.getByLabel(/Prevalence: share of positives/).inputValue(), '0.1');
    // The demo's threshold, as its explorer shows it (the file tab's threshold box is the file's own).
    const threshold = Number(/^Threshold ([\d.]+):/.exec(await page.locator('#threshold-value').textContent())[1]);
    assert.ok(threshold >= 0.7 && threshold < 0.701, `threshold restored near 0.7: ${threshold}`);
    const first = await metricText(page, 'precision');
    // Rarer positives: precision falls at the same threshold, ROC AUC hardly moves.
    const auc = Number(await metricText(page, 'roc_auc'));
    await page.getByLabel(/Prevalence: share of positives/).fill('0.02');
    await page.waitForFunction(() => location.search.includes('prev=0.02'));
    await page.waitForFunction((p) => document.querySelector('[data-metric="precision"]').textContent !== p, first);
    assert.ok(Number(await metricText(page, 'precision')) < Number(first));
    assert.ok(Math.abs(Number(await metricText(page, 'roc_auc')) - auc) < 0.1);
    assert.equal(await page.locator('[data-warning="accuracy_paradox"]').count(), 1);
    const url = await page.evaluate(() => location.href);
    assert.match(url, /demo=1&sep=2&prev=0\.02&size=2000&seed=5&t=0\.7/);
    await screenshot(page, 'demo-rare-positives', false);
  });
});

test('a threshold update on a million demo scores is fast', async () => {
  await withPage('?demo=1&sep=1.5&prev=0.3&size=1000000&seed=1&t=0.5', async (page) => {
    await page.waitForSelector('#explorer:not([hidden])', { timeout: 60_000 });
    // Measured inside the page: from the key press to the new value on screen.
    await page.evaluate(() => {
      window.updateTimes = [];
      let pressed = 0;
      document.getElementById('threshold-slider').addEventListener('keydown', () => { pressed = performance.now(); });
      new MutationObserver(() => {
        if (pressed) window.updateTimes.push(performance.now() - pressed);
        pressed = 0;
      }).observe(document.querySelector('[data-metric="precision"]'), { childList: true, characterData: true, subtree: true });
    });
    await page.locator('#threshold-slider').focus();
    for (let i = 0; i < 20; i += 1) {
      const before = await page.locator('[data-metric="precision"]').textContent();
      await page.keyboard.press(i % 2 ? 'PageUp' : 'PageDown');
      // Polled on a timer, not every frame (Playwright's default): a frame
      // kept pending by the test makes Chromium hold the worker's reply to a
      // key press until that frame is drawn, a wait the page alone does not
      // have (see bench/browser.mjs, recordFrames).
      await page.waitForFunction((b) => document.querySelector('[data-metric="precision"]').textContent !== b, before, { polling: 5 });
    }
    const times = (await page.evaluate(() => window.updateTimes)).sort((a, b) => a - b);
    assert.equal(times.length, 20);
    console.log(`# slider update on 1,000,000 scores (key press to new metrics in the page): median ${times[10].toFixed(1)} ms, worst ${times[19].toFixed(1)} ms`);
    assert.ok(Number(await metricText(page, 'roc_auc')) > 0.8);
  });
});
