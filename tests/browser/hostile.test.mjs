// Unusual and hostile input on the page (issue 13): links with values the
// page cannot use, a line of 500,000 fields, 900 classes, a file with one
// label, 10 KB labels. The page must answer each in words, stay responsive,
// and keep its layout. Fails on any console error or off-origin request.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage, metricText, screenshot, checkAxe, watchLongTasks, longestTask, ARTIFACTS, onFileTab as onFileTabOf, pickFile } from './harness.mjs';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const env = useBrowser();
const HUGE_LINE = path.join(ARTIFACTS, 'huge-line.csv');
const MANY_CLASSES = path.join(ARTIFACTS, 'classes-900.csv');
const LONG_LABELS = path.join(ARTIFACTS, 'long-labels.csv');
const LONG = `${'x'.repeat(10_000)}END`;

before(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Two lines of 500,000 one-character fields (1 MB each), no header.
  const line = `${'1,'.repeat(499_999)}1\n`;
  writeFileSync(HUGE_LINE, line + line);
  // 900 classes c0..c899: each right twice and once taken for the next class;
  // c7 is taken for c8 five times more, the most confused pair (6 examples).
  const rows = ['y_true,y_pred'];
  for (let c = 0; c < 900; c += 1) rows.push(`c${c},c${c}`, `c${c},c${c}`, `c${c},c${(c + 1) % 900}`);
  for (let i = 0; i < 5; i += 1) rows.push('c7,c8');
  writeFileSync(MANY_CLASSES, `${rows.join('\n')}\n`);
  // Two classes, one of them a 10 KB label.
  writeFileSync(LONG_LABELS, `y_true,y_pred\n${LONG},${LONG}\n${LONG},ok\nok,ok\nok,${LONG}\n${LONG},${LONG}\n`);
});

/** Opens the file tab and waits for the page's first report. */
const onFileTab = (body) => onFileTabOf(env, body);
const pick = (page, file) => pickFile(page, file, 60_000);

/** Waits until the verdict no longer says the core is loading. */
const started = () => document.querySelector('#verdict .verdict-headline')?.textContent !== 'Loading the fitcheck core…';

test('a link with an invalid count opens on the defaults and says why', async () => {
  await withPage(env, '?tp=-1&fn=1&fp=1&tn=1', async (page) => {
    assert.equal(await page.locator('#url-note').isVisible(), true);
    assert.equal(await page.locator('#url-note').textContent(),
      'This link held values fitcheck cannot use, so defaults are shown instead: True positives: -1 is negative: a count cannot be below 0.');
    assert.equal(await page.getByLabel('True positives').inputValue(), '85');
    assert.equal(await metricText(page, 'precision'), '0.8947'); // 85 / 95
    await checkAxe(page);
  }, { ready: started });
});

test('a link with a bad option keeps its counts and resets the option', async () => {
  await withPage(env, '?tp=7&fn=3&fp=1&tn=89&beta=abc', async (page) => {
    assert.match(await page.locator('#url-note').textContent(), /defaults are shown instead: beta: /);
    assert.equal(await page.getByLabel(/F-beta weight/).inputValue(), '1');
    assert.equal(await metricText(page, 'precision'), '0.8750'); // 7 / 8: the counts of the link stay
  }, { ready: started });
});

test('a demo link with a size the page does not offer opens the demo on the default size', async () => {
  await withPage(env, '?demo=1&size=5000', async (page) => {
    await page.waitForSelector('#explorer:not([hidden])');
    assert.equal(await page.getByRole('tab', { name: 'Demo data' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByLabel('Number of examples').inputValue(), '2000');
    assert.match(await page.locator('#url-note').textContent(), /size=5000 is not one of the values offered/);
    assert.match(await page.locator('#threshold-value').textContent(), /of 2,000 examples/);
    assert.equal(await page.locator('[data-metric="roc_auc"]').count(), 1, 'the demo\'s report, not the counts\'');
  }, { ready: started });
});

test('a line of 500,000 fields is refused in words without freezing the page', async () => {
  await onFileTab(async (page) => {
    await watchLongTasks(page);
    await pick(page, HUGE_LINE);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'failed');
    const message = await page.locator('#file-error').textContent();
    assert.ok(message.length < 1000, `the error shown is ${message.length} characters`);
    // The core shortens its list of columns itself and says how many there are.
    assert.match(message, /; the columns are: column 1, column 2, .*, … \(500,000 in all\)$/);
    assert.ok(await page.locator('#map-truth option').count() <= 1000);
    assert.match(await page.locator('#mapping-prompt').textContent(), /The file has 500,000 columns; the first 1,000 are listed: is the delimiter right\?$/);
    const longest = await longestTask(page);
    console.log(`# 500,000-field line: longest main-thread task ${longest.toFixed(0)} ms`);
    assert.ok(longest < 1000, `the main thread was blocked for ${longest} ms`);
  });
});

test('too many classes: the message names no CLI flag', async () => {
  await onFileTab(async (page) => {
    await pick(page, MANY_CLASSES);
    const message = await page.locator('#file-error').textContent();
    assert.match(message, /^line \d+: more than 100 distinct labels .* or raise the class limit to continue\.$/);
    assert.ok(!message.includes('--'), `no CLI flag on the page: ${message}`);
  });
});

test('"Continue anyway" with 900 classes shows a view built for many classes, without freezing', async () => {
  await onFileTab(async (page) => {
    await pick(page, MANY_CLASSES);
    await watchLongTasks(page);
    const before = Date.now();
    await page.getByRole('button', { name: 'Continue anyway (allow up to 1,000 classes)' }).click();
    await page.waitForFunction(() => document.getElementById('progress').dataset.state === 'done', null, { timeout: 30_000 });
    await page.waitForSelector('#confused-pairs');
    console.log(`# 900 classes: report shown ${Date.now() - before} ms after "Continue anyway"; longest task ${(await longestTask(page)).toFixed(0)} ms`);
    assert.ok(await longestTask(page) < 2000);
    assert.match(await page.locator('#file-summary').textContent(), /2,705 rows.*900 classes/);
    assert.equal(await page.locator('#matrix canvas').count(), 1);
    assert.equal(await page.locator('#matrix .h-cell').count(), 0);
    // The most confused pair first: c7 taken for c8 six times, 6 of c7's 8 examples.
    assert.deepEqual(await page.locator('#confused-pairs tbody tr').first().locator('th, td').allTextContents(), ['c7', 'c8', '6', '75.0%']);
    assert.equal(await page.locator('#confused-pairs tbody tr').count(), 20);
    // The per-class table comes a hundred classes at a time.
    assert.equal(await page.locator('#per-class tbody tr[data-class]').count(), 100);
    assert.equal(await page.locator('#per-class-range').textContent(), 'Classes 1–100 of 900');
    await page.getByRole('button', { name: 'Next 100 classes' }).click();
    assert.equal(await page.locator('#per-class-range').textContent(), 'Classes 101–200 of 900');
    assert.equal(await page.locator('#per-class tbody tr[data-class]').count(), 100);
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    assert.ok(nodes < 5000, `${nodes} elements in the page`);
    await screenshot(page, 'classes-900');
    await checkAxe(page);
  });
});

test('a file with one label lets the user name the positive class', async () => {
  await onFileTab(async (page) => {
    await pick(page, path.join(FIXTURES, 'one_class.csv'));
    assert.match(await page.locator('#file-error').textContent(), /every example has the label "cat"/);
    await page.getByLabel('Name of the positive class').fill('dog');
    await page.getByRole('button', { name: 'Use this positive class' }).click();
    await page.waitForSelector('[data-metric="accuracy"]');
    // Four true negatives ("cat"), no positives: accuracy 4 / 4, recall 0 / 0.
    assert.equal(await metricText(page, 'accuracy'), '1.0000');
    assert.equal(await metricText(page, 'specificity'), '1.0000');
    assert.equal(await metricText(page, 'recall'), 'undefined');
    assert.deepEqual(await page.locator('#positive option').allTextContents(), ['cat', 'dog']);
    assert.equal(await page.locator('#positive').inputValue(), 'dog');
    assert.equal(await page.locator('#file-error').isVisible(), false);
    await screenshot(page, 'one-class-named', false);
  });
});

test('10 KB labels are shortened with the full label as tooltip, and the page keeps its width', async () => {
  await onFileTab(async (page) => {
    await pick(page, LONG_LABELS);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(width[0] <= width[1], `the page is ${width[0]} px wide in a ${width[1]} px window`);
    const head = page.locator('#matrix .m-head').first();
    assert.ok((await head.textContent()).length < 80);
    assert.ok((await head.getAttribute('title')).endsWith('END'));
    const classCell = page.locator(`#per-class tbody tr[data-class="${LONG}"] th`);
    assert.ok((await classCell.textContent()).length <= 60);
    assert.equal(await classCell.getAttribute('title'), LONG);
    assert.ok((await page.locator('#file-summary').textContent()).length < 400);
    for (const box of ['#warnings', '#verdict', '#file-panel', '#matrix']) {
      const overflow = await page.locator(box).evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(overflow <= 1, `${box} overflows by ${overflow} px`);
    }
    await screenshot(page, 'long-labels');
  });
});
