// "Did it get better?" as a person uses it (issue 8): the Compare tab with
// one file (truth and two model columns) or two files (before, after), the
// verdict, the side-by-side table, the paired tests, both curves on one
// chart, the flips and their CSV, a truth mismatch, cancel; and the counts
// comparison in the calculator. Fails on any console error or off-origin
// request.
//
// Hand-worked values of tests/fixtures/compare/one_file.csv (40 rows, 16
// positives; a score at or above 0.5 predicts 1):
//   base right on 23 rows (accuracy 0.575), finetuned on 32 (0.8);
//   both right 19, A right only 4 (lines 11, 16, 24, 36), B right only 13
//   (lines 4 5 7 9 10 14 17 20 22 26 31 32 34), both wrong 4.
//   McNemar (b, c) = (4, 13), n = 17: exact p = 2·P(X ≤ 4) = 2·3214/131072
//   = 0.0490417…; mid-p = 2·P(X ≤ 4) − P(X = 4) = 0.0308838…;
//   χ² = 9² / 17 = 4.7647; corrected (9 − 1)² / 17 = 3.7647.
// At threshold 0.6: accuracy 0.675 and 0.875; (b, c) = (3, 11), both right 24.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage, screenshot, checkAxe, ARTIFACTS, ROOT } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/compare');
const fixture = (name) => path.join(FIXTURES, name);
const env = useBrowser();

/** Opens the page on the Compare tab, runs `body`, then checks for problems (as withPage). */
function onCompareTab(body, options = {}) {
  return withPage(env, '', async (page) => {
    await page.getByRole('tab', { name: 'Compare two models' }).click();
    await body(page);
  }, { ready: '[data-metric="precision"]', ...options });
}

/** Waits until the Compare tab's read has finished, failed or been cancelled. */
function compareDone(page, timeout = 120_000) {
  return page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('compare-progress')?.dataset.state ?? ''), null, { timeout });
}

/** Picks one or two files in the Compare tab and waits for the comparison (or its error). */
async function pickCompare(page, files) {
  await page.getByLabel('Choose one or two CSV files to compare').setInputFiles(files);
  await compareDone(page);
}

/** The side-by-side row of a metric: [A, B, Δ, interval, change]. */
function diffRow(page, id) {
  return page.locator(`#compare-table tr[data-diff="${id}"] td`).allTextContents();
}

/** Line numbers of a flips table ('worse' or 'better'). */
function flipLines(page, which) {
  return page.locator(`#flips-${which} tbody th`).allTextContents();
}

const WORSE_LINES = ['11', '16', '24', '36'];
const BETTER_LINES = ['4', '5', '7', '9', '10', '14', '17', '20', '22', '26', '31', '32', '34'];

test('one file with the truth and two score columns: verdict, table, paired tests, both curves, flips', async () => {
  await onCompareTab(async (page) => {
    await pickCompare(page, fixture('one_file.csv'));
    assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'done');
    assert.match(await page.locator('#compare-file-summary').textContent(), /^one_file\.csv: 40 rows, true labels in "y_true"; A: "base" \(scores.*\), B: "finetuned" \(scores.*\); binary\.$/);
    // The verdict on top, with a status in words.
    const status = await page.locator('#compare-verdict').getAttribute('data-status');
    assert.ok(['better', 'worse', 'no_detectable_difference'].includes(status), status);
    assert.notEqual(await page.locator('#compare-verdict .verdict-status').textContent(), '');
    assert.notEqual(await page.locator('#compare-verdict .verdict-headline').textContent(), '');
    // Side by side: accuracy 23/40 → 32/40.
    const accuracy = await diffRow(page, 'accuracy');
    assert.deepEqual(accuracy.slice(0, 3), ['0.5750', '0.8000', '+0.2250']);
    assert.match(accuracy[3], /^[+−]\d\.\d{4} to [+−]\d\.\d{4}$/);
    assert.match(accuracy[4], /better|worse|no detectable difference/);
    const headers = await page.locator('#compare-table thead th').allTextContents();
    assert.deepEqual(headers.slice(1, 3), ['A: base', 'B: finetuned']);
    // McNemar's table and p-values.
    const cells = Object.fromEntries(await page.locator('#mcnemar-counts td[data-cell]').evaluateAll((tds) => tds.map((td) => [td.dataset.cell, td.firstChild.textContent])));
    assert.deepEqual(cells, { both_right: '19', a_only: '4', b_only: '13', both_wrong: '4' });
    const stat = (id) => page.locator(`dd[data-stat="${id}"]`).textContent();
    assert.equal(await stat('exact_p'), '0.0490');
    assert.equal(await stat('mid_p'), '0.0309');
    assert.match(await stat('chi2'), /^4\.7647, p = 0\.02\d\d$/);
    assert.match(await stat('chi2_corrected'), /^3\.7647, p = 0\.05\d\d$/);
    assert.match(await stat('delong_p'), /^\d\.\d{4}$|e-/);
    assert.match(await page.locator('[data-stat="bootstrap"]').textContent(), /^Intervals of the differences: .*bootstrap.*2000 resamples \(seed 42\)/);
    // Both curves, two series each, labelled by the column names, both operating points marked.
    for (const chart of ['compare-roc', 'compare-pr']) {
      for (const series of ['s-a', 's-b']) {
        const d = await page.locator(`#${chart} path.series.${series}`).getAttribute('d');
        assert.ok(d && d.split('L').length + d.split('H').length > 6, `${chart} ${series} is drawn`);
      }
      assert.deepEqual((await page.locator(`#${chart} .legend text`).allTextContents()).slice(0, 2), ['A: base', 'B: finetuned']);
      assert.equal(await page.locator(`#${chart} .marker.m-a`).count(), 1);
      assert.equal(await page.locator(`#${chart} .marker.m-b`).count(), 1);
    }
    // The flips, with their line numbers and values.
    assert.deepEqual(await flipLines(page, 'worse'), WORSE_LINES);
    assert.deepEqual(await flipLines(page, 'better'), BETTER_LINES);
    assert.match(await page.locator('#flips-worse caption').textContent(), /Got worse: A right → B wrong \(4 examples\)/);
    assert.match(await page.locator('#flips-better caption').textContent(), /Got better: A wrong → B right \(13 examples\)/);
    // Line 11 of the file: 0,0.04,0.5 (the threshold 0.5 calls it positive: B is wrong).
    assert.deepEqual(await page.locator('#flips-worse tbody tr').first().locator('td').allTextContents(), ['0', '0.04', '0.5']);
    assert.ok(!(await page.locator('body').textContent()).includes('NaN'));
    // The overlaid ROC chart saves as SVG like the explorer's charts.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('[data-save="compare-roc:svg"]').click()]);
    assert.equal(svg.suggestedFilename(), 'fitcheck-compare-roc.svg');
    const saved = readFileSync(await svg.path(), 'utf8');
    assert.equal((saved.match(/class="series s-[ab]"/g) ?? []).length, 2, 'both models\' curves are in the saved SVG');
    await screenshot(page, 'compare-one-file');
    await checkAxe(page);
  }, { acceptDownloads: true });
});

test('the Compare tab is part of the keyboard tab set', async () => {
  await withPage(env, '', async (page) => {
    await page.locator('#tab-demo').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tab-compare').getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-compare');
    // The tab's code comes when it first opens: its panel shows once wired.
    await page.locator('#compare-panel').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('#verdict').isVisible(), false, 'the other tabs\' results step aside');
    assert.match(await page.locator('#compare-verdict .verdict-headline').textContent(), /^No files loaded yet/);
    await page.keyboard.press('ArrowRight'); // the Training curves tab (training.test.mjs)
    assert.equal(await page.locator('#tab-training').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowRight'); // the Leakage check tab (leakage.test.mjs), then round to the first tab
    assert.equal(await page.locator('#tab-leakage').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tab-counts').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#compare-summary-panel').isVisible(), false);
    assert.equal(await page.locator('#verdict').isVisible(), true);
  }, { ready: '[data-metric="precision"]' });
});

test('the flips download as CSV: every flipped line, both ways', async () => {
  await onCompareTab(async (page) => {
    await pickCompare(page, fixture('one_file.csv'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download flips (CSV)' }).click()]);
    assert.equal(download.suggestedFilename(), 'fitcheck-flips.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    // Every flipped row in file order, the change first; values as written in the file.
    // Line 4 (0, 0.53, 0.37): base calls it 1 (wrong), finetuned 0 (right). Line 11 (0, 0.04, 0.5): the reverse.
    assert.deepEqual(csv.trim().split(/\r?\n/), [
      'change,line,y_true,base,finetuned',
      'got_better,4,0,0.53,0.37',
      'got_better,5,0,0.54,0.3',
      'got_better,7,1,0.4,0.78',
      'got_better,9,0,0.52,0.37',
      'got_better,10,0,0.56,0.32',
      'got_worse,11,0,0.04,0.5',
      'got_better,14,0,0.66,0.39',
      'got_worse,16,0,0.24,0.52',
      'got_better,17,1,0.33,0.72',
      'got_better,20,0,0.62,0.23',
      'got_better,22,1,0.34,0.59',
      'got_worse,24,0,0.15,0.57',
      'got_better,26,0,0.65,0.45',
      'got_better,31,0,0.79,0.46',
      'got_better,32,1,0.31,0.71',
      'got_better,34,0,0.58,0.31',
      'got_worse,36,0,0.13,0.53',
    ]);
    assert.equal(await page.locator('#flips-status').textContent(), 'Flips downloaded.');
  }, { acceptDownloads: true });
});

test('two files, before and after, are joined row by row; A and B can be swapped', async () => {
  await onCompareTab(async (page) => {
    await pickCompare(page, [fixture('before.csv'), fixture('after.csv')]);
    assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'done');
    assert.equal(await page.locator('#compare-order-text').textContent(), 'A (before): before.csv · B (after): after.csv');
    assert.deepEqual((await diffRow(page, 'accuracy')).slice(0, 3), ['0.5750', '0.8000', '+0.2250']);
    assert.equal(await page.locator('#mcnemar-counts td[data-cell="a_only"]').evaluate((td) => td.firstChild.textContent), '4');
    assert.deepEqual(await flipLines(page, 'worse'), WORSE_LINES);
    assert.deepEqual((await page.locator('#compare-roc .legend text').allTextContents()).slice(0, 2), ['A: before.csv', 'B: after.csv']);
    await page.getByRole('button', { name: 'Swap A and B' }).click();
    await page.waitForFunction(() => document.getElementById('compare-order-text').textContent.startsWith('A (before): after.csv'));
    await compareDone(page);
    assert.deepEqual((await diffRow(page, 'accuracy')).slice(0, 3), ['0.8000', '0.5750', '−0.2250']);
    assert.deepEqual(await flipLines(page, 'worse'), BETTER_LINES);
    await screenshot(page, 'compare-two-files', false);
  });
});

test('two files whose true labels differ: the error names the line', async () => {
  await onCompareTab(async (page) => {
    await pickCompare(page, [fixture('before.csv'), fixture('after_mismatch.csv')]);
    assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'failed');
    const message = await page.locator('#compare-error').textContent();
    assert.match(message, /line 7/);
    assert.equal(await page.locator('#compare-error').isVisible(), true);
    assert.match(await page.locator('#compare-verdict .verdict-headline').textContent(), /^No comparison: before\.csv and after_mismatch\.csv could not be compared/);
    assert.equal(await page.locator('#compare-results').isVisible(), false);
    // The next load works.
    await pickCompare(page, fixture('one_file.csv'));
    assert.equal(await page.locator('#compare-error').isVisible(), false);
    assert.deepEqual((await diffRow(page, 'accuracy')).slice(0, 2), ['0.5750', '0.8000']);
  });
});

test('the threshold slider moves both models: new metrics, both markers, and the link keeps the options', async () => {
  let link;
  await onCompareTab(async (page) => {
    await pickCompare(page, fixture('one_file.csv'));
    await page.locator('#compare-threshold-slider').fill('0.6');
    await page.waitForFunction(() => document.querySelector('#compare-table tr[data-diff="accuracy"] td')?.textContent === '0.6750');
    assert.deepEqual((await diffRow(page, 'accuracy')).slice(0, 3), ['0.6750', '0.8750', '+0.2000']);
    assert.equal(await page.locator('#mcnemar-counts td[data-cell="both_right"]').evaluate((td) => td.firstChild.textContent), '24');
    assert.deepEqual(await page.locator('#compare-roc .marker-label').allTextContents(), ['A: t = 0.6', 'B: t = 0.6']);
    link = await page.evaluate(() => location.search);
    assert.match(link, /^\?compare=1&/);
    assert.match(link, /[?&]t=0\.6(&|$)/);
  });
  // The link opens the Compare tab with its options (the data never goes in the URL).
  await withPage(env, link, async (page) => {
    assert.equal(await page.getByRole('tab', { name: 'Compare two models' }).getAttribute('aria-selected'), 'true');
    assert.match(await page.locator('#compare-verdict .verdict-headline').textContent(), /load the same files again/);
    await pickCompare(page, fixture('one_file.csv'));
    assert.deepEqual((await diffRow(page, 'accuracy')).slice(0, 2), ['0.6750', '0.8750']);
  }, { ready: '#compare-panel:not([hidden])' });
});

test('a multiclass file of labels: per-class ΔF1 and the flips', async () => {
  await onCompareTab(async (page) => {
    await pickCompare(page, fixture('multiclass.csv'));
    assert.match(await page.locator('#compare-file-summary').textContent(), /12 rows.*labels.*multiclass/);
    assert.deepEqual((await diffRow(page, 'accuracy')).slice(0, 3), ['0.5833', '0.8333', '+0.2500']); // 7/12 → 10/12
    // F1 per class: bird 4/7 → 8/9, cat 1/2 → 6/7, dog 2/3 → 3/4 (4 examples each).
    const row = (label) => page.locator(`#compare-per-class tr[data-class="${label}"] td`).allTextContents();
    assert.deepEqual(await row('bird'), ['0.5714', '0.8889', '+0.3175', '4']);
    assert.deepEqual(await row('cat'), ['0.5000', '0.8571', '+0.3571', '4']);
    assert.deepEqual(await row('dog'), ['0.6667', '0.7500', '+0.0833', '4']);
    assert.deepEqual(await flipLines(page, 'worse'), ['7']);
    assert.deepEqual(await flipLines(page, 'better'), ['3', '6', '9', '13']);
    assert.equal(await page.locator('#compare-curves').isVisible(), false, 'no curves without scores');
    await checkAxe(page);
  });
});

test('a new load cancels the old, and Cancel stops a large read', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const big = path.join(ARTIFACTS, 'compare-cancel-me.csv');
  if (!existsSync(big)) {
    const block = Array.from({ length: 100_000 }, (_, i) => `${i % 2},0.${String(i % 997).padStart(3, '0')},0.${String((i * 7) % 991).padStart(3, '0')}`).join('\n');
    writeFileSync(big, `y_true,base,finetuned\n${Array(30).fill(block).join('\n')}\n`); // 3,000,000 rows, ~50 MB
  }
  await onCompareTab(async (page) => {
    await page.getByLabel('Choose one or two CSV files to compare').setInputFiles(big);
    await page.waitForFunction(() => /[1-9][\d,]* rows/.test(document.getElementById('compare-progress-text').textContent));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await compareDone(page);
    assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'cancelled');
    assert.equal(await page.locator('#compare-error').textContent(), 'Reading was cancelled.');
    assert.match(await page.locator('#compare-verdict .verdict-headline').textContent(), /^No comparison: reading compare-cancel-me\.csv was cancelled/);
    // A new load while the large one is read: only the new one's results show.
    await page.getByLabel('Choose one or two CSV files to compare').setInputFiles(big);
    await page.waitForFunction(() => /[1-9][\d,]* rows/.test(document.getElementById('compare-progress-text').textContent));
    await pickCompare(page, fixture('one_file.csv'));
    assert.match(await page.locator('#compare-file-summary').textContent(), /^one_file\.csv: 40 rows/);
    await page.waitForTimeout(500);
    assert.match(await page.locator('#compare-file-summary').textContent(), /^one_file\.csv: 40 rows/);
  });
});

test('counts only: a comparison whose code arrives after the user moved to another tab stays off that tab', async () => {
  await withPage(env, '', async (page) => {
    // The comparison's view (and the workers' core it runs) comes when first needed: held back 1.5 s here.
    await page.route('**/compare-counts-view.js', async (route) => {
      await new Promise((resolve) => { setTimeout(resolve, 1500); });
      await route.continue();
    });
    await page.getByRole('button', { name: 'Compare with another model' }).click();
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await page.locator('#file-panel').waitFor({ state: 'visible' });
    await page.waitForTimeout(3000);
    assert.equal(await page.locator('#counts-compare-panel').isVisible(), false, 'the counts comparison shows on the file tab');
    // Back on the counts tab, it shows (model B starts from A's counts).
    await page.getByRole('tab', { name: 'Type the four counts' }).click();
    await page.waitForSelector('#counts-compare-panel:not([hidden])');
  });
});

test('counts only: model B\'s four counts give the bounds of the paired test, and the link keeps both sets', async () => {
  let link;
  await withPage(env, '', async (page) => {
    await page.getByRole('button', { name: 'Compare with another model' }).click();
    assert.equal(await page.getByRole('button', { name: 'Stop comparing' }).getAttribute('aria-expanded'), 'true');
    // Model B: 90 / 10 / 12 / 88 against A's 85 / 15 / 10 / 90 (200 examples each).
    for (const [label, value] of [['Model B hits', '90'], ['Model B misses', '10'], ['Model B false alarms', '12'], ['Model B correct rejections', '88']]) {
      await page.getByLabel(label).fill(value);
    }
    await page.waitForSelector('#counts-compare-panel:not([hidden])');
    const row = (id) => page.locator(`#counts-compare-table tr[data-diff="${id}"] td`).allTextContents();
    assert.deepEqual((await row('accuracy')).slice(0, 3), ['0.8750', '0.8900', '+0.0150']); // 175/200 → 178/200
    assert.match((await row('accuracy'))[3], /^[+−]\d\.\d{4} to [+−]\d\.\d{4}$/);
    const ends = await page.locator('#counts-discordant tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.equal(ends.length, 2);
    // Paired within each true class. Positives: A right on 85, B on 90; negatives: A on 90, B on 88.
    // Fewest disagreements: 0 + 2 (negatives) A-only, 5 + 0 B-only → (2, 5); exact p = 2·(1 + 7 + 21)/128 = 0.453125,
    // mid-p = 0.453125 − 21/128 = 0.2890625.
    assert.deepEqual(ends[0], ['2', '5', '0.4531', '0.2891']);
    // Most: positives B-only ≤ A's 15 misses → (10, 15); negatives A-only ≤ B's 12 mistakes → (12, 10); total (22, 25).
    assert.deepEqual(ends[1].slice(0, 2), ['22', '25']);
    assert.match(await page.locator('#counts-compare-advice').textContent(), /predictions/);
    link = await page.evaluate(() => location.search);
    assert.match(link, /b_tp=90&b_fn=10&b_fp=12&b_tn=88/);
    await page.getByLabel('Model B hits').fill('x');
    assert.match(await page.locator('#b_tp-error').textContent(), /^Model B: /);
    assert.equal(await page.locator('#counts-compare-panel').isVisible(), false);
    await page.getByLabel('Model B hits').fill('90');
    await screenshot(page, 'counts-compare');
    await checkAxe(page);
  });
  await withPage(env, link, async (page) => {
    assert.equal(await page.getByLabel('Model B hits').inputValue(), '90');
    await page.waitForSelector('#counts-compare-panel:not([hidden])');
  });
});

test('the Compare tab on a phone and in the dark', async () => {
  await onCompareTab(async (page) => {
    await pickCompare(page, fixture('one_file.csv'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'the page does not scroll sideways (wide tables scroll inside their box)');
    await screenshot(page, 'compare-390');
  }, { viewport: { width: 390, height: 844 } });
  await onCompareTab(async (page) => {
    await pickCompare(page, fixture('one_file.csv'));
    await screenshot(page, 'compare-dark');
    await checkAxe(page);
  }, { colorScheme: 'dark' });
});

test('the header box read both ways: the core finds the columns again each time', async () => {
  // one_file.csv without its header line: 40 rows, columns numbered.
  mkdirSync(ARTIFACTS, { recursive: true });
  const headerless = path.join(ARTIFACTS, 'compare-headerless.csv');
  writeFileSync(headerless, readFileSync(fixture('one_file.csv'), 'utf8').split('\n').slice(1).join('\n'));
  await onCompareTab(async (page) => {
    await pickCompare(page, headerless);
    const summary = () => page.locator('#compare-file-summary').textContent();
    assert.equal(await summary(), 'compare-headerless.csv: 40 rows, true labels in "column 1"; A: "column 2" (scores, guessed), B: "column 3" (scores, guessed); binary.');
    assert.equal(await page.locator('#cmp-has-header').isChecked(), false);
    // Ticked: the first row (1, 0.69, 0.99) names the columns; a choice of
    // "column 2" would mean nothing now, so none is kept.
    await page.locator('#cmp-has-header').check();
    await page.waitForFunction(() => document.getElementById('compare-file-summary')?.textContent?.includes('39 rows'));
    await compareDone(page);
    assert.equal(await summary(), 'compare-headerless.csv: 39 rows, true labels in "1"; A: "0.69" (scores, guessed), B: "0.99" (scores, guessed); binary.');
    assert.equal(await page.locator('#compare-error').textContent(), '');
    await page.locator('#cmp-has-header').uncheck();
    await page.waitForFunction(() => document.getElementById('compare-file-summary')?.textContent?.includes('40 rows'));
    await compareDone(page);
    assert.equal(await summary(), 'compare-headerless.csv: 40 rows, true labels in "column 1"; A: "column 2" (scores, guessed), B: "column 3" (scores, guessed); binary.');
  });
});
