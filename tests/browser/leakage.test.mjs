// "Is the test set honest?" as a person uses it (issue 10): the Leakage
// check tab with a training CSV and a test CSV, the columns to compare (an
// id column unticked), the overlap counts and the warning, the examples
// table and its CSV download, Markdown, a column missing from the test file
// named in the error and offered to ignore, and the tab on a phone. Fails on
// any console error or off-origin request.
//
// Hand-worked values of tests/fixtures/leakage/ (see its README): ignoring
// `id`, test lines 2 and 3 (hello world, 1.0 / 1e0, 1) are copies of
// training line 2; test line 6 (good day, 2, 0) of training line 3; test
// line 4 has the features of training line 4 with another label.
// test_in_train 3 of 5 (60.0%), ignoring the label 4 (80.0%), conflicting
// labels 1 (20.0%), duplicates 1 of 5 in each set (20.0%). With `id`
// compared (every id differs) nothing overlaps.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage, screenshot, checkAxe, ROOT } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/leakage');
const TRAIN = path.join(FIXTURES, 'train.csv');
const TEST = path.join(FIXTURES, 'test.csv');
const TEST_NO_AMOUNT = path.join(FIXTURES, 'test_no_amount.csv');
const env = useBrowser();

/** Opens the page on the Leakage check tab (by its tab, or by a link), runs `body`, then checks for problems. */
function onLeakageTab(body, options = {}, query = '') {
  return withPage(env, query, async (page) => {
    if (query === '') await page.getByRole('tab', { name: 'Leakage check' }).click();
    await body(page);
  }, { ready: query === '' ? '[data-metric="precision"]' : '#leakage-panel:not([hidden])', ...options });
}

/** Waits until the tab's read has finished, failed or been cancelled. */
function leakageDone(page) {
  return page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('leakage-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
}

/** Picks the training file then the test file and waits for the report (or its error). */
async function pickPair(page, train, testFile) {
  await page.getByLabel('Training file', { exact: true }).setInputFiles(train);
  await page.getByLabel('Test file', { exact: true }).setInputFiles(testFile);
  await leakageDone(page);
}

/** Unticks a column and waits for the new report (or error). */
async function untick(page, column) {
  await page.evaluate(() => { document.getElementById('leakage-progress').dataset.state = 'reading'; });
  await page.locator('#leakage-column-list label', { hasText: column }).getByRole('checkbox').uncheck();
  await leakageDone(page);
}

/** The measures table as {row: [rows, share]}. */
function measures(page) {
  return page.locator('#leakage-measures tbody tr').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.dataset.row, [...r.querySelectorAll('td')].map((td) => td.textContent)])));
}

test('a training and a test CSV: the id ticked finds nothing; unticked, the hand-worked overlap, the warning and the examples', async () => {
  await onLeakageTab(async (page) => {
    await pickPair(page, TRAIN, TEST);
    assert.equal(await page.locator('#leakage-verdict').getAttribute('data-status'), 'clean');
    assert.deepEqual((await measures(page)).test_in_train, ['0', '0.0%']);
    const boxes = await page.locator('#leakage-column-list input').evaluateAll((b) => b.map((x) => [x.value, x.checked]));
    assert.deepEqual(boxes, [['id', true], ['text', true], ['amount', true], ['label', true]]);

    await untick(page, 'id');
    assert.equal(await page.locator('#leakage-verdict').getAttribute('data-status'), 'leaky');
    assert.match(await page.locator('#leakage-verdict .verdict-status').textContent(), /Leaky/);
    assert.deepEqual(await measures(page), {
      test_in_train: ['3', '60.0%'],
      test_in_train_ignoring_label: ['4', '80.0%'],
      conflicting_labels: ['1', '20.0%'],
      train_duplicates: ['1', '20.0%'],
      test_duplicates: ['1', '20.0%'],
    });
    const overlap = page.locator('[data-warning="train_test_overlap"]');
    await overlap.waitFor();
    assert.match(await overlap.textContent(), /3 of the 5 test rows \(60\.0%\) are copies of training rows/);
    assert.match(await page.locator('[data-warning="conflicting_labels"]').textContent(), /1 of the 5 test rows/);
    assert.equal(await page.locator('[data-fact="ignored"]').textContent(), 'id');
    assert.equal(await page.locator('[data-fact="label"]').textContent(), 'label');
    assert.equal(await page.locator('#leakage-label').inputValue(), '');
    assert.equal(await page.locator('#leakage-label option:checked').textContent(), 'Found by name: label');
    const examples = await page.locator('#leakage-examples tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    assert.deepEqual(examples, [['2', '2'], ['3', '2'], ['6', '3']]);
    assert.match(await page.locator('#leakage-definitions, .leakage-definitions').textContent(), /TrainTestSamplesMix/);
    assert.match(new URL(page.url()).search, /leakage=1&ignore=id/);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download examples (CSV)' }).click()]);
    assert.equal(csv.suggestedFilename(), 'fitcheck-leakage-examples.csv');
    assert.equal(readFileSync(await csv.path(), 'utf8'), 'test_line,train_line\n2,2\n3,2\n6,3\n');
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    assert.match(readFileSync(await md.path(), 'utf8'), /^## Leakage: \*\*LEAKY\*\*/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(report.kind, 'leakage');
    assert.deepEqual(report.test_in_train, { rows: 3, ratio: 0.6 });

    await checkAxe(page);
    await screenshot(page, 'leakage-report');
  }, { acceptDownloads: true });
});

test('a column missing from the test file is named, and ignoring it lets the check run', async () => {
  await onLeakageTab(async (page) => {
    await pickPair(page, TRAIN, TEST_NO_AMOUNT);
    assert.equal(await page.locator('#leakage-progress').getAttribute('data-state'), 'failed');
    const error = await page.locator('#leakage-error').textContent();
    assert.match(error, /the column "amount" is in the training file but not in the test file: ignore it/);
    assert.match(error, /the columns are: label, text, id$/);
    const columns = await page.locator('#leakage-column-list input').evaluateAll((b) => b.map((x) => x.value));
    assert.deepEqual(columns, ['id', 'text', 'amount', 'label']);
    await checkAxe(page);
    await screenshot(page, 'leakage-missing-column');
    await untick(page, 'amount');
    assert.equal(await page.locator('#leakage-progress').getAttribute('data-state'), 'done');
    assert.equal(await page.locator('#leakage-error').isHidden(), true);
    assert.equal(await page.locator('[data-fact="ignored"]').textContent(), 'amount');
  });
});

test('swapping training and test reads the pair the other way round', async () => {
  // Hand-worked, ignoring id, with test.csv as training: train.csv lines 2 and 5 (hello world, 1, 1)
  // are copies of line 2, line 3 (good day, 2.0, 0) of line 6; line 4 (bad day, 3, 1) conflicts
  // with line 4 (bad day, 3, 0). The counts are the same, the examples are not.
  await onLeakageTab(async (page) => {
    await pickPair(page, TRAIN, TEST);
    await page.evaluate(() => { document.getElementById('leakage-progress').dataset.state = 'reading'; });
    await page.getByRole('button', { name: 'Swap training and test' }).click();
    await leakageDone(page);
    assert.equal(await page.locator('#leakage-files').textContent(), 'Training: test.csv · Test: train.csv');
    assert.equal(await page.locator('[data-fact="columns"]').textContent(), 'label, amount, text');
    const m = await measures(page);
    assert.deepEqual([m.test_in_train, m.test_in_train_ignoring_label, m.conflicting_labels], [['3', '60.0%'], ['4', '80.0%'], ['1', '20.0%']]);
    const examples = await page.locator('#leakage-examples tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    assert.deepEqual(examples, [['2', '2'], ['3', '6'], ['5', '2']]);
  }, {}, '?leakage=1&ignore=id');
});

test('a link with the options, on a 390 px phone: no sideways scroll', async () => {
  await onLeakageTab(async (page) => {
    assert.equal(await page.getByRole('tab', { name: 'Leakage check' }).getAttribute('aria-selected'), 'true');
    await pickPair(page, TRAIN, TEST);
    assert.deepEqual((await measures(page)).test_in_train, ['3', '60.0%']);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no sideways scroll at 390 px');
    await checkAxe(page);
    await screenshot(page, 'leakage-390');
    await page.locator('#leakage-options').scrollIntoViewIfNeeded();
    await screenshot(page, 'leakage-390-options', false);
  }, { viewport: { width: 390, height: 844 } }, '?leakage=1&ignore=id');
});
