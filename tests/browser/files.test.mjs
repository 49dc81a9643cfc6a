// Predictions files as a person loads them: pick a file, read the report,
// fix the mapping, move the threshold, recover from a bad row, watch a big
// file's progress. Fails on any console error or off-origin request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, metricText, screenshot, ARTIFACTS, onFileTab, pickFile, withPage } from './harness.mjs';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const env = useBrowser();

/** Opens the page on the file tab, runs `body`, then checks for problems. */
const withFilePage = (body) => onFileTab(env, body);
const pick = pickFile;

test('a binary label file gives exact metrics and the per-class table', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'binary_labels.csv'));
    // tp 3, fn 1, fp 2, tn 4
    assert.equal(await metricText(page, 'precision'), '0.6000');
    assert.equal(await metricText(page, 'recall'), '0.7500');
    assert.equal(await metricText(page, 'accuracy'), '0.7000');
    assert.match(await page.locator('#file-summary').textContent(), /binary_labels\.csv: 10 rows, true labels in "y_true", predictions in "y_pred"/);
    assert.equal(await page.locator('#per-class tbody tr[data-class="1"] td').first().textContent(), '0.6000');
    assert.equal(await page.locator('#per-class tbody tr[data-average="macro"] td').nth(2).textContent(), '0.6970'); // (0.8 + 0.6) / 2 ... F1 macro
  });
});

test('a score file is thresholded at 0.5, and moving the threshold updates the metrics', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'scores.csv'));
    assert.match(await page.locator('#file-summary').textContent(), /scores in "probability" at threshold 0\.5/);
    assert.equal(await metricText(page, 'precision'), '0.7500'); // 3 / 4
    assert.equal(await metricText(page, 'recall'), '0.7500');
    await page.getByLabel(/Threshold: a score at or above it/).fill('0.65');
    await page.waitForFunction(() => document.querySelector('[data-metric="recall"]').textContent === '0.5000');
    assert.equal(await metricText(page, 'precision'), '0.6667'); // 2 / 3
    await page.getByLabel(/Threshold: a score at or above it/).fill('0.7'); // ties count as positive
    await page.waitForFunction(() => document.querySelector('[data-metric="precision"]').textContent === '0.6667');
    await page.getByLabel(/Threshold: a score at or above it/).fill('0.75');
    await page.waitForFunction(() => document.querySelector('[data-metric="precision"]').textContent === '1.0000');
  });
});

test('a multiclass file shows the heatmap with a counts / row % / column % toggle', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'multiclass.csv'));
    assert.equal(await metricText(page, 'accuracy'), '0.7143'); // 5 / 7
    assert.equal(await metricText(page, 'balanced_accuracy'), '0.7222'); // (1/2 + 2/3 + 1) / 3
    const heads = await page.locator('#matrix .m-row:first-child .m-head').allTextContents();
    assert.deepEqual(heads, ['bird', 'cat', 'dog']);
    const cells = await page.locator('#matrix .h-cell').allTextContents();
    assert.deepEqual(cells, ['1', '1', '0', '0', '2', '1', '0', '0', '2']);
    await page.getByLabel('row %').check();
    assert.deepEqual((await page.locator('#matrix .h-cell').allTextContents()).slice(0, 3), ['50.0%', '50.0%', '0.0%']);
    await page.getByLabel('column %').check();
    assert.deepEqual((await page.locator('#matrix .h-cell').allTextContents()).slice(3, 6), ['0.0%', '66.7%', '33.3%']);
    assert.equal(await page.locator('#per-class tbody tr[data-class]').count(), 3);
    assert.equal(await page.locator('#per-class tbody tr[data-class="dog"] td').nth(2).textContent(), '0.8000');
    assert.equal(await page.locator('[data-warning="weak_class"]').count(), 1);
    await screenshot(page, 'multiclass-file');
  });
});

test('a malformed file gets a precise error; skipping bad rows recovers and says so', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'malformed.csv'));
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'failed');
    assert.match(await page.locator('#file-error').textContent(), /^line 3: expected 2 fields, found 3/);
    await screenshot(page, 'malformed-file', false);
    await page.getByRole('button', { name: 'Skip bad rows and continue' }).click();
    await page.waitForFunction(() => document.getElementById('progress').dataset.state === 'done');
    assert.equal(await page.locator('[data-warning="skipped_rows"]').count(), 1);
    assert.match(await page.locator('[data-warning="skipped_rows"]').textContent(), /1 bad row was skipped; the numbers cover the other 2\. First skipped: line 3: expected 2 fields, found 3/);
    assert.deepEqual(await page.locator('#skipped-list li').allTextContents(), ['line 3: expected 2 fields, found 3']);
    assert.equal(await metricText(page, 'recall'), '0.5000'); // 1 of the 2 positives
  });
});

test('a file without a header prompts to check the guessed columns', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'headerless.csv'));
    assert.equal(await page.locator('#mapping-prompt').isVisible(), true);
    assert.match(await page.locator('#mapping-prompt').textContent(), /guessed from their position/);
    assert.equal(await page.getByLabel('The model\'s output is').inputValue(), 'score');
    assert.equal(await metricText(page, 'accuracy'), '0.5000'); // tp 1, fn 1, fp 1, tn 1 at 0.5
  });
});

test('two labels that do not read as positive ask which is positive', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'catdog.csv'));
    assert.equal(await page.locator('#positive-prompt').isVisible(), true);
    assert.equal(await page.locator('[data-warning="positive_label_guess"]').count(), 1);
    // "dog" (sorts last) taken as positive: tp 2, fn 1, fp 1 → precision 2/3
    assert.equal(await metricText(page, 'precision'), '0.6667');
    await page.getByLabel('Positive class').selectOption('cat');
    // "cat" positive: tp 1, fn 1, fp 1 → precision 1/2
    await page.waitForFunction(() => document.querySelector('[data-metric="precision"]').textContent === '0.5000');
    assert.equal(await metricText(page, 'recall'), '0.5000');
  });
});

test('a threshold set on the scores is not sent once the mapping switches to predicted labels', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'labels_and_scores.csv'));
    assert.match(await page.locator('#file-summary').textContent(), /predictions in "y_pred"/);
    /** Waits until the file summary matches `pattern` (the remapped file was read). */
    const summary = (pattern) => page.waitForFunction((source) => document.getElementById('progress').dataset.state === 'done'
      && new RegExp(source).test(document.getElementById('file-summary').textContent), pattern.source);
    await page.getByLabel('The model\'s output is').selectOption('score');
    await summary(/scores in "y_pred"/);
    await page.getByLabel('…in column').selectOption('score');
    await summary(/scores in "score"/);
    await page.getByLabel(/Threshold: a score at or above it/).fill('0.7');
    // Scores 0.9 and 0.8 are called positive, both truly positive.
    await page.waitForFunction(() => document.querySelector('[data-metric="recall"]').textContent === '0.6667');
    assert.equal(await metricText(page, 'precision'), '1.0000');
    await page.getByLabel('…in column').selectOption('y_pred');
    await summary(/scores in "y_pred"/);
    await page.getByLabel('The model\'s output is').selectOption('pred');
    await summary(/predictions in "y_pred"/);
    assert.equal(await metricText(page, 'precision'), '0.6667'); // tp 2, fp 1
    // The 0.7 belonged to the scores: the labels' report has no "threshold ignored" warning.
    assert.equal(await page.locator('[data-warning="threshold_ignored"]').count(), 0);
  });
});

test('mapping the same column twice shows the core\'s message, and a real mapping recovers', async () => {
  await withFilePage(async (page) => {
    await pick(page, path.join(FIXTURES, 'binary_labels.csv'));
    await page.getByLabel('…in column').selectOption('y_true');
    await page.waitForFunction(() => document.getElementById('progress').dataset.state === 'failed');
    // The rule lives in the core's column resolution (as for the CLI), not in the page.
    assert.equal(await page.locator('#file-error').textContent(),
      'the true labels and the predictions must be in different columns, but both are set to "y_true"; the columns are: y_true, y_pred');
    assert.equal(await page.locator('#mapping-prompt').isVisible(), true);
    await page.getByLabel('…in column').selectOption('y_pred');
    await page.waitForFunction(() => document.getElementById('progress').dataset.state === 'done');
    assert.equal(await metricText(page, 'precision'), '0.6000'); // tp 3, fp 2
  });
});

test('the page takes its defaults and task descriptions from the core', async () => {
  await withFilePage(async (page) => {
    const core = await page.evaluate(async () => {
      const { defaults } = await import('./www/pkg-page/fitcheck.js'); // the page's own core (app.js initialised it)
      return defaults();
    });
    assert.equal(core.min_precision, 0.85);
    assert.equal(core.max_classes, 100);
    assert.deepEqual(core.demo, { separation: 1.5, prevalence: 0.3, size: 2000, seed: 1 });
    for (const id of ['min_precision', 'min_recall', 'min_f1', 'beta']) {
      assert.equal(await page.locator(`#${id}`).inputValue(), String(core[id]));
    }
    const labels = await page.locator('input[name="task"]').evaluateAll((radios) => radios.map((r) => r.parentElement.textContent.trim()));
    assert.deepEqual(labels, core.tasks.map((t) => `${t.description} (watch ${t.watch_name})`));
    assert.equal(labels[0], 'Balanced: both cost about the same (watch F1)');
    // A label file with no threshold set: no "threshold ignored" warning.
    await pick(page, path.join(FIXTURES, 'binary_labels.csv'));
    assert.equal(await page.locator('[data-warning="threshold_ignored"]').count(), 0);
  });
});

/**
 * A sideways-scrolling box's cue (www/side-scroll.js): its data-more
 * (null when absent) and whether its edge is faded.
 * @returns {Promise<[string | null, boolean]>}
 */
const sideFade = (page, selector) => page.locator(selector).evaluate((b) => [b.dataset.more ?? null, getComputedStyle(b).maskImage !== 'none']);

/** Waits until the box's data-more is `value` (null: absent). */
const untilSideFade = (page, selector, value) => page.waitForFunction(([s, v]) => (document.querySelector(s).dataset.more ?? null) === v, [selector, value]);

test('a ten-class matrix of large counts shows every count whole, and its box scrolls by keyboard with its hidden side faded', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'ten-classes-1m.csv');
  const classes = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  if (!existsSync(file)) {
    // Row i: true class i % 10, right 9 times in 10 (so each diagonal cell is
    // 108,000 and each other cell 1,333 or 1,334: 1,200,000 rows).
    const lines = ['y_true,y_pred'];
    for (let i = 0; i < 1_200_000; i += 1) {
      const truth = i % 10;
      const step = Math.floor(i / 10);
      const pred = step % 10 === 0 ? (truth + 1 + (Math.floor(step / 10) % 9)) % 10 : truth;
      lines.push(`${classes[truth]},${classes[pred]}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  await withFilePage(async (page) => {
    await pick(page, file);
    const cells = await page.locator('#matrix .h-cell').allTextContents();
    assert.equal(cells.length, 100);
    assert.equal(cells[0], '108,000');
    // Every count is shown whole: no cell's text is wider than its cell.
    const cut = await page.locator('#matrix .h-cell').evaluateAll((all) => all
      .filter((c) => c.scrollWidth > c.clientWidth + 1)
      .map((c) => `${c.textContent} (${c.scrollWidth} > ${c.clientWidth} px)`));
    assert.deepEqual(cut, []);
    // The matrix is wider than its panel here: its box scrolls, and takes the keyboard's focus to do so.
    assert.equal(await page.locator('#matrix').getAttribute('tabindex'), '0');
    assert.ok(await page.locator('#matrix').evaluate((b) => b.scrollWidth > b.clientWidth + 50), 'the matrix is wider than its box');
    // The right edge, with columns out of view, fades (data-more); scrolled to the end, it does not,
    // and the row labels have stayed in view.
    const more = () => sideFade(page, '#matrix');
    await untilSideFade(page, '#matrix', 'right');
    assert.deepEqual(await more(), ['right', true]);
    await screenshot(page, 'ten-classes-large-counts');
    const firstRowLabel = page.locator('#matrix [role="rowheader"]').first();
    const labelLeft = (await firstRowLabel.boundingBox()).x;
    await page.locator('#matrix').evaluate((b) => { b.scrollLeft = b.scrollWidth; });
    await untilSideFade(page, '#matrix', null);
    assert.deepEqual(await more(), [null, false]);
    assert.equal((await firstRowLabel.boundingBox()).x, labelLeft);
    await screenshot(page, 'ten-classes-large-counts-scrolled');
  });
});

test('on a phone, a table wider than the screen fades at its right edge until scrolled to its end', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'three-classes.csv');
  writeFileSync(file, 'y_true,y_pred\ncat,cat\ncat,dog\ndog,dog\nbird,bird\nbird,cat\n');
  await withPage(env, '', async (page) => {
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await pick(page, file);
    const selector = '#per-class-panel .table-wrap';
    const more = () => sideFade(page, selector);
    const until = (value) => untilSideFade(page, selector, value);
    assert.ok(await page.locator(selector).evaluate((b) => b.scrollWidth > b.clientWidth + 20), 'the per-class table is wider than a phone');
    await until('right');
    assert.deepEqual(await more(), ['right', true]);
    await screenshot(page, 'phone-per-class-faded');
    await page.locator(selector).evaluate((b) => { b.scrollLeft = b.scrollWidth; });
    await until(null);
    assert.deepEqual(await more(), [null, false]);
    await page.locator(selector).evaluate((b) => { b.scrollLeft = 0; });
    await until('right');
    // Wide enough for the whole table: no fade.
    await page.setViewportSize({ width: 1280, height: 900 });
    await until(null);
    assert.deepEqual(await more(), [null, false]);
  }, { ready: '[data-metric="precision"]', viewport: { width: 390, height: 844 } });
});

test('a one-million-row score file shows progress and finishes', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'million.csv');
  if (!existsSync(file) || statSync(file).size < 1_000_000) {
    // Deterministic rows: label i % 3 == 0, score from a fixed sequence.
    const lines = ['y_true,score'];
    let seed = 12345;
    for (let i = 0; i < 1_000_000; i += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const positive = i % 3 === 0;
      const score = ((seed / 2147483648) * 0.6 + (positive ? 0.35 : 0.05)).toFixed(4);
      lines.push(`${positive ? 1 : 0},${score}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  await withFilePage(async (page) => {
    const seen = [];
    await page.exposeFunction('noteProgress', (text) => seen.push(text));
    await page.evaluate(() => new MutationObserver(() => window.noteProgress(document.getElementById('progress-text').textContent))
      .observe(document.getElementById('progress-text'), { childList: true, characterData: true, subtree: true }));
    const started = Date.now();
    await pick(page, file);
    const elapsed = Date.now() - started;
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
    assert.match(await page.locator('#file-summary').textContent(), /1,000,000 rows/);
    assert.ok(seen.some((t) => /^[\d,]+ rows · [\d.]+ MB of [\d.]+ MB · \d+ MB\/s$/.test(t)), `progress shown: ${seen.slice(0, 3)}`);
    const value = Number(await metricText(page, 'recall'));
    assert.ok(value > 0 && value < 1);
    console.log(`# 1,000,000-row file (${(statSync(file).size / 1e6).toFixed(1)} MB) read and reported in the browser in ${elapsed} ms`);
    await screenshot(page, 'million-rows', false);
  });
});

test('pasted CSV text is read like a file', async () => {
  await withFilePage(async (page) => {
    await page.getByText('…or paste CSV text').click();
    await page.getByLabel('CSV text').fill('gold\tguess\n"a, b"\ta, b\nc\tc\nc\t"a, b"\n');
    await page.getByRole('button', { name: 'Read the pasted text' }).click();
    await page.waitForFunction(() => document.getElementById('progress').dataset.state === 'done');
    // Tab-delimited, quoted labels holding the other delimiter; two classes "a, b" and "c".
    assert.match(await page.locator('#file-summary').textContent(), /Pasted text: 3 rows, true labels in "gold", predictions in "guess"; 2 classes, compared as text/);
    assert.equal(await metricText(page, 'accuracy'), '0.6667');
    assert.equal(await page.locator('[data-warning="positive_label_guess"]').count(), 1);
  });
});

test('reading a large file can be cancelled, and the page stays usable', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'cancel-me.csv');
  if (!existsSync(file)) {
    const block = Array.from({ length: 100_000 }, (_, i) => `${i % 2},0.${String(i % 997).padStart(3, '0')}`).join('\n');
    writeFileSync(file, `y_true,score\n${Array(60).fill(block).join('\n')}\n`); // 6,000,000 rows, ~50 MB
  }
  await withFilePage(async (page) => {
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
    await page.waitForFunction(() => /^[1-9][\d,]* rows/.test(document.getElementById('progress-text').textContent));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(() => document.getElementById('progress').dataset.state !== 'reading', null, { timeout: 60_000 });
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'cancelled');
    assert.equal(await page.locator('#file-error').textContent(), 'Reading was cancelled.');
    assert.match(await page.locator('#progress-text').textContent(), /cancelled$/);
    // The page stays usable: the next file reads normally.
    await pick(page, path.join(FIXTURES, 'binary_labels.csv'));
    assert.equal(await metricText(page, 'precision'), '0.6000');
  });
});
