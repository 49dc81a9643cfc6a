// Hostile labels and column names on every tab (issue 12): markup, a script,
// an attribute break-out, a `javascript:` URL, right-to-left text with a
// RIGHT-TO-LEFT OVERRIDE, emoji ZWJ sequences, a spreadsheet formula and a
// 10 KB label are shown as the text they are — in the file tab (confusion
// matrix, per-class table, warnings, positive-class picker, column mapping),
// the explorer, the Compare tab, the Training tab and the Leakage tab — and
// written as that text into the downloads. Each test fails if an element,
// handler or script was made from them (a MutationObserver installed before
// the page's scripts), a dialog opened, `window.__pwned` was set, or any
// console error, page error or off-origin request happened.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, ARTIFACTS, readDone, withInstrumentedPage, watchInjection, assertNothingInjected } from './harness.mjs';

const env = useBrowser();
const DIR = path.join(ARTIFACTS, 'hostile-labels');
const file = (name) => path.join(DIR, name);

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=alert(1)>';
const JS = 'javascript:alert(1)';
/** Arabic, Hebrew and Latin, then a RIGHT-TO-LEFT OVERRIDE. */
const RTL = 'مرحبا שלום hello \u202Eabc';
/** A family and a rainbow flag (ZWJ sequences), and a cat. */
const EMOJI = '👩‍👩‍👧‍👦 🏳️‍🌈 🐈';
const FORMULA = "=cmd|' /C calc'!A0";
/** 10 KB, markup first so the shortened form shows it too. */
const LONG = `<img src=y onerror=alert(2)>${'x'.repeat(10_000)}END`;
/** An override left open: it would reverse whatever follows it in the same paragraph. */
const OVERRIDE = 'abc\u202Edef';
const LABELS = [IMG, SCRIPT, SVG, JS, RTL, EMOJI, FORMULA, LONG];

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
const field = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows) => `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;

before(() => {
  mkdirSync(DIR, { recursive: true });
  // Eight classes: each right twice, and once taken for the next class.
  const labelRows = [];
  LABELS.forEach((l, i) => labelRows.push([l, l], [l, l], [l, LABELS[(i + 1) % LABELS.length]]));
  writeFileSync(file('labels.csv'), csv([['y_true', 'y_pred'], ...labelRows]));
  // Two hostile labels with scores: neither reads as positive, so the page asks.
  const scoreRows = [];
  for (let i = 0; i < 20; i += 1) scoreRows.push([i % 2 ? IMG : SCRIPT, (i % 2 ? 0.55 : 0.45) + (i % 5) / 100]);
  writeFileSync(file('scores.csv'), csv([['y_true', 'score'], ...scoreRows]));
  // A RIGHT-TO-LEFT OVERRIDE in one of two labels, neither read as positive: the page's sentence names both.
  writeFileSync(file('override.csv'), csv([['y_true', 'score'], ...Array.from({ length: 12 }, (_, i) => [i % 2 ? 'xyz' : OVERRIDE, String(i / 12)])]));
  // Headers fitcheck cannot recognise: the page offers them in its mapping lists.
  writeFileSync(file('headers.csv'), csv([[IMG, SVG, JS], ['1', '0', '1'], ['0', '0', '1']]));
  // Two models named by hostile text on the eight labels: per label, both right, then
  // only A right (a flip for the worse), then only B right (a flip for the better).
  const compareRows = [];
  LABELS.forEach((l, i) => {
    const next = LABELS[(i + 1) % LABELS.length];
    compareRows.push([l, l, l], [l, l, next], [l, next, l]);
  });
  // A training log whose metric columns are named by the hostile texts.
  const logRows = Array.from({ length: 6 }, (_, e) => [String(e), String(1 - e / 10), String(1.1 - e / 20), ...LABELS.map((_, i) => String((e + i) / 20))]);
  writeFileSync(file('training.log.csv'), csv([['epoch', 'loss', 'val_loss', ...LABELS], ...logRows]));
  // A training and a test file with hostile column names and values; test lines 2 and 3 copy training lines 2 and 4.
  const leakColumns = [IMG, SCRIPT, SVG, 'label'];
  const trainRows = LABELS.map((l, i) => [l, LABELS[(i + 3) % LABELS.length], String(i), String(i % 2)]);
  writeFileSync(file('train.csv'), csv([leakColumns, ...trainRows]));
  writeFileSync(file('test.csv'), csv([leakColumns, trainRows[0], trainRows[2], [EMOJI, RTL, '99', '1']]));
  writeFileSync(file('test-no-svg.csv'), csv([[IMG, SCRIPT, 'label'], [EMOJI, RTL, '1']]));
  writeFileSync(file('compare.csv'), csv([['y_true', IMG, SCRIPT], ...compareRows]));
  writeFileSync(file('compare-headers.csv'), csv([[JS, IMG, SVG], ...compareRows]));
});

/** Opens the page instrumented against injection on `tab`, runs `body`, then checks for problems. */
function onTab(tab, body, options = {}) {
  return withInstrumentedPage(env, '', [watchInjection], async (page) => {
    await page.getByRole('tab', { name: tab }).click();
    await body(page);
    await assertNothingInjected(page);
  }, options);
}

/**
 * Where `label` is shown under `selector`: the elements whose text holds it
 * whole, or that show it shortened (its start, then "…") with the whole
 * label at the end of their tooltip (or as their value).
 */
function shown(page, selector, label) {
  return page.evaluate(([sel, l]) => [...document.querySelectorAll(sel)].filter((el) => {
    const text = el.textContent;
    if (text.includes(l)) return true;
    const whole = (el.getAttribute('title') ?? '').endsWith(l) || el.getAttribute('value') === l;
    return whole && text.endsWith('…') && text.length > 1 && l.startsWith(text.slice(0, -1));
  }).map((el) => el.localName), [selector, label]);
}

/** Fails unless every label is shown under `selector`, as text. */
async function assertLabelsShown(page, selector, labels = LABELS) {
  for (const label of labels) {
    const places = await shown(page, selector, label);
    assert.ok(places.length > 0, `${JSON.stringify(label.slice(0, 40))} is not shown as text in ${selector}`);
  }
}

test('file tab: hostile labels in the confusion matrix, the per-class table and the warnings are text', async () => {
  await onTab('Load a predictions file', async (page) => {
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file('labels.csv'));
    await readDone(page);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
    assert.match(await page.locator('#file-summary').textContent(), /^labels\.csv: 24 rows, .*; 8 classes, compared as text\.$/);
    await assertLabelsShown(page, '#matrix [role="columnheader"]');
    await assertLabelsShown(page, '#matrix [role="rowheader"]');
    await assertLabelsShown(page, '#per-class tbody th');
    assert.deepEqual((await page.locator('#per-class tbody tr[data-class]').evaluateAll((rows) => rows.map((r) => r.dataset.class))).sort(), [...LABELS].sort());
    // The weak-class warning quotes the weakest classes (the core shortens it past 600 characters).
    const warning = await page.locator('[data-warning="weak_class"] .warning-message').textContent();
    assert.ok(warning.startsWith(`8 of 8 classes fall below the F1 bar of 0.85; the weakest: "${SVG}" F1 0.6667 (precision 0.6667, recall 0.6667, 3 examples); "${IMG}" F1 0.6667`), warning);
  });
});

test('file tab: two hostile labels with scores: the positive-class picker, its warning and the explorer show them as text', async () => {
  await onTab('Load a predictions file', async (page) => {
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file('scores.csv'));
    await readDone(page);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
    await page.waitForSelector('#explorer:not([hidden])');
    assert.equal(await page.locator('#positive-prompt').textContent(),
      `Which label is the positive class? Neither "${IMG}" nor "${SCRIPT}" reads as positive, so "${SCRIPT}" was taken. Choose it above.`);
    assert.deepEqual(await page.locator('#positive option').evaluateAll((os) => os.map((o) => [o.value, o.textContent])), [[IMG, IMG], [SCRIPT, SCRIPT]]);
    await assertLabelsShown(page, '#positive option', [IMG, SCRIPT]);
    await assertLabelsShown(page, '#explorer *', [IMG, SCRIPT]);
    // The histogram saved as SVG names both classes as XML text, not as elements.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('[data-save="chart-hist:svg"]').click()]);
    const text = readFileSync(await svg.path(), 'utf8');
    assert.ok(text.includes('negatives (&lt;img src=x onerror=alert(1)&gt;)'), 'the negatives\' label, escaped');
    assert.ok(text.includes('positives (&lt;script&gt;window.__pwned=1&lt;/script&gt;)'), 'the positives\' label, escaped');
    assert.doesNotMatch(text, /<(img|script)\b/);
  }, { acceptDownloads: true });
});

test('file tab: a RIGHT-TO-LEFT OVERRIDE in a label does not reverse the page\'s sentence around it', async () => {
  await onTab('Load a predictions file', async (page) => {
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file('override.csv'));
    await readDone(page);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
    // The label whole, kept to itself by a FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
    assert.equal(await page.locator('#positive-prompt').textContent(),
      `Which label is the positive class? Neither "\u2068${OVERRIDE}\u2069" nor "xyz" reads as positive, so "xyz" was taken. Choose it above.`);
    // On screen, the words after the label run left to right on each line, as they are written.
    const lefts = await page.locator('#positive-prompt').evaluate((p) => {
      const node = p.firstChild;
      const from = node.textContent.indexOf('" nor ');
      return [...node.textContent.slice(from).matchAll(/[A-Za-z]+/g)].map((m) => {
        const range = document.createRange();
        range.setStart(node, from + m.index);
        range.setEnd(node, from + m.index + m[0].length);
        const r = range.getBoundingClientRect();
        return [m[0], Math.round(r.top), Math.round(r.left)];
      });
    });
    for (let i = 1; i < lefts.length; i += 1) {
      if (lefts[i][1] !== lefts[i - 1][1]) continue; // a new line
      assert.ok(lefts[i][2] > lefts[i - 1][2], `"${lefts[i][0]}" is drawn left of "${lefts[i - 1][0]}": ${JSON.stringify(lefts)}`);
    }
    assert.ok(lefts.length >= 9);
    await page.locator('#positive-prompt').screenshot({ path: path.join(DIR, 'override-prompt.png') });
  });
});

test('file tab: a sentence of the core quoting a label with a RIGHT-TO-LEFT OVERRIDE shows the control as an escape, not reversed', async () => {
  // Three classes, each right once and taken for the next once: every class
  // is weak (F1 0.5), so the warnings quote the labels, the override's too.
  const rows = [OVERRIDE, 'xyz', 'pqr'].flatMap((label, i, all) => [[label, label], [label, all[(i + 1) % 3]]]);
  writeFileSync(file('override-classes.csv'), csv([['y_true', 'y_pred'], ...rows]));
  await onTab('Load a predictions file', async (page) => {
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file('override-classes.csv'));
    await readDone(page);
    assert.equal(await page.locator('#progress').getAttribute('data-state'), 'done');
    const sentences = await page.locator('#warnings .warning-message, #verdict .verdict-headline, #verdict .verdict-reasons li').allTextContents();
    assert.ok(sentences.length >= 3, JSON.stringify(sentences));
    for (const sentence of sentences) assert.doesNotMatch(sentence, /[\u202a-\u202e\u2066-\u2069]/, `a raw direction control in: ${sentence}`);
    const quoting = sentences.filter((t) => t.includes('"abc\\u{202e}def"'));
    assert.ok(quoting.length >= 1, `no sentence quotes the label as "abc\\u{202e}def": ${JSON.stringify(sentences)}`);
    // The matrix and the per-class table still show the label itself, isolated.
    assert.ok((await page.locator('#per-class').textContent()).includes(`\u2068${OVERRIDE}\u2069`));
  });
});

test('file tab: hostile column names are offered as text in the mapping lists', async () => {
  await onTab('Load a predictions file', async (page) => {
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file('headers.csv'));
    await readDone(page);
    const columns = `the columns are: ${IMG}, ${SVG}, ${JS}`;
    assert.equal(await page.locator('#file-error').textContent(), `cannot tell which column holds the true labels: choose it; ${columns}`);
    assert.equal(await page.locator('#mapping-prompt').textContent(), `cannot tell which column holds the true labels: choose it; ${columns}. Pick the columns below.`);
    for (const list of ['#map-truth', '#map-other']) {
      assert.deepEqual(await page.locator(`${list} option`).evaluateAll((os) => os.map((o) => [o.value, o.textContent])), [[IMG, IMG], [SVG, SVG], [JS, JS]]);
    }
    await assertLabelsShown(page, '#map-truth option', [IMG, SVG, JS]);
  });
});

/** A field of a CSV fitcheck writes: a would-be formula gets a leading quote, then RFC 4180 quoting. */
const written = (s) => field(/^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s);

test('Compare tab: hostile model names and labels in the summary, the tables and the flips, and in the flips CSV', async () => {
  await onTab('Compare two models', async (page) => {
    await page.getByLabel('Choose one or two CSV files to compare').setInputFiles(file('compare.csv'));
    await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('compare-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
    assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'done');
    const summary = await page.locator('#compare-file-summary').textContent();
    assert.ok(summary.startsWith(`compare.csv: 24 rows, true labels in "y_true"; A: "${IMG}" (`) && summary.includes(`B: "${SCRIPT}" (`), summary);
    assert.deepEqual((await page.locator('#compare-table thead th').allTextContents()).slice(1, 3), [`A: ${IMG}`, `B: ${SCRIPT}`]);
    assert.deepEqual((await page.locator('#compare-per-class tr[data-class]').evaluateAll((rows) => rows.map((r) => r.dataset.class))).sort(), [...LABELS].sort());
    await assertLabelsShown(page, '#compare-flips td');
    await assertLabelsShown(page, '#compare-per-class-box *');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download flips (CSV)' }).click()]);
    const flips = readFileSync(await csvDownload.path(), 'utf8');
    const expected = [`change,line,y_true,${written(IMG)},${written(SCRIPT)}`];
    LABELS.forEach((l, i) => {
      const next = LABELS[(i + 1) % LABELS.length];
      expected.push(`got_worse,${3 + 3 * i},${written(l)},${written(l)},${written(next)}`, `got_better,${4 + 3 * i},${written(l)},${written(next)},${written(l)}`);
    });
    assert.deepEqual(flips.split('\n'), [...expected, '']);
    const [md] = await Promise.all([page.waitForEvent('download'), page.locator('#compare-md').click()]);
    const markdown = readFileSync(await md.path(), 'utf8');
    // Markdown-escaped, so a viewer shows the names as written and makes no tag or link of them.
    assert.equal(markdown.split('\n')[0], '## Comparison: \\<img src=x onerror=alert(1)\\> → \\<script\\>window.\\_\\_pwned=1\\</script\\>');
    assert.doesNotMatch(markdown, /(^|[^\\])</m, 'every < is escaped');
  }, { acceptDownloads: true });
});

test('Training tab: hostile metric names from a CSV header are text', async () => {
  await onTab('Training curves', async (page) => {
    await page.getByLabel('Choose training log files').setInputFiles(file('training.log.csv'));
    await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('training-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
    assert.equal(await page.locator('#training-progress').getAttribute('data-state'), 'done');
    assert.equal(await page.locator('#training-file-summary').textContent(), 'training.log.csv: CSV, 10 series (up to 6 points) by epoch.');
    assert.deepEqual(await page.locator('#training-monitor option').evaluateAll((os) => os.map((o) => o.value)), ['loss', 'val_loss', ...LABELS]);
    await assertLabelsShown(page, '#training-monitor option');
    await assertLabelsShown(page, '#training-results *');
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    const series = readFileSync(await md.path(), 'utf8').split('\n').find((l) => l.startsWith('- **Series**: '));
    // Markdown-escaped, the RIGHT-TO-LEFT OVERRIDE shown as an escape (the core's rule for text it writes).
    assert.ok(series.startsWith('- **Series**: loss (6 points), val\\_loss (6 points), \\<img src=x onerror=alert(1)\\> (6 points), '
      + '\\<script\\>window.\\_\\_pwned=1\\</script\\> (6 points), "\\>\\<svg onload=alert(1)\\> (6 points), javascript\\:alert(1) (6 points), '
      + 'مرحبا שלום hello \\\\u{202e}abc (6 points), 👩‍👩‍👧‍👦 🏳️‍🌈 🐈 (6 points), =cmd\\|\' /C calc\'!A0 (6 points), \\<img src=y onerror=alert(2)\\>xxx'), series.slice(0, 600));
  }, { acceptDownloads: true });
});

test('Leakage tab: hostile column names are text in the lists, the Markdown and a missing-column error; the examples CSV holds line numbers only', async () => {
  await onTab('Leakage check', async (page) => {
    await page.getByLabel('Training file', { exact: true }).setInputFiles(file('train.csv'));
    await page.getByLabel('Test file', { exact: true }).setInputFiles(file('test.csv'));
    await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('leakage-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
    assert.equal(await page.locator('#leakage-progress').getAttribute('data-state'), 'done');
    const values = (selector) => page.locator(selector).evaluateAll((els) => els.map((e) => [e.value, e.parentElement.localName === 'label' ? e.parentElement.textContent : e.textContent]));
    assert.deepEqual(await values('#leakage-column-list input'), [[IMG, IMG], [SCRIPT, SCRIPT], [SVG, SVG], ['label', 'label']]);
    assert.deepEqual(await values('#leakage-label option'), [['', 'Found by name: label'], [IMG, IMG], [SCRIPT, SCRIPT], [SVG, SVG], ['label', 'label']]);
    assert.equal(await page.locator('#leakage-examples-note').textContent(),
      '2 test rows are copies of training rows; the first 2 in file order, with the line of the first copy in the training file (line 1 is the header).');
    // The examples are line numbers: no user text reaches this CSV.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download examples (CSV)' }).click()]);
    assert.equal(readFileSync(await csvDownload.path(), 'utf8'), 'test_line,train_line\n2,2\n3,4\n');
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    assert.ok(readFileSync(await md.path(), 'utf8').includes('\n- **Compared columns**: \\<img src=x onerror=alert(1)\\>, \\<script\\>window.\\_\\_pwned=1\\</script\\>, "\\>\\<svg onload=alert(1)\\>, label\n'));
    // A hostile column missing from the test file is named in the error, as text.
    await page.evaluate(() => { document.getElementById('leakage-progress').dataset.state = 'reading'; });
    await page.getByLabel('Test file', { exact: true }).setInputFiles(file('test-no-svg.csv'));
    await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('leakage-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
    assert.equal(await page.locator('#leakage-progress').getAttribute('data-state'), 'failed');
    assert.equal(await page.locator('#leakage-error').textContent(),
      `the column "${SVG}" is in the training file but not in the test file: ignore it (the test file); the columns are: ${IMG}, ${SCRIPT}, label`);
  }, { acceptDownloads: true });
});

test('Compare tab: hostile column names are offered as text in the column lists', async () => {
  await onTab('Compare two models', async (page) => {
    await page.getByLabel('Choose one or two CSV files to compare').setInputFiles(file('compare-headers.csv'));
    await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('compare-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
    // Not recognised as a header (no name says "truth"): the user says the first row names the columns.
    assert.match(await page.locator('#compare-file-summary').textContent(), /^compare-headers\.csv: 25 rows, true labels in "column 1"/);
    await page.evaluate(() => { document.getElementById('compare-progress').dataset.state = 'reading'; });
    await page.getByLabel('Header: the first row names the columns').check();
    await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('compare-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
    // The core finds the columns again by their names (a choice of "column 2"
    // made without a header would mean nothing now); the lists offer the names.
    assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'done');
    assert.equal(await page.locator('#compare-error').textContent(), '');
    assert.equal(await page.locator('#compare-file-summary').textContent(),
      `compare-headers.csv: 24 rows, true labels in "${JS}"; A: "${IMG}" (labels, guessed), B: "${SVG}" (labels, guessed); multiclass.`);
    for (const list of ['#cmp-truth', '#cmp-a', '#cmp-b']) {
      assert.deepEqual(await page.locator(`${list} option`).evaluateAll((os) => os.map((o) => [o.value, o.textContent])), [[JS, JS], [IMG, IMG], [SVG, SVG]]);
    }
    assert.equal(await page.locator('#cmp-truth').inputValue(), JS);
    assert.deepEqual((await page.locator('#compare-table thead th').allTextContents()).slice(1, 3), [`A: ${IMG}`, `B: ${SVG}`]);
    // Chosen by their hostile names: A and B the other way round.
    for (const [list, name] of [['#cmp-a', SVG], ['#cmp-b', IMG]]) {
      await page.evaluate(() => { document.getElementById('compare-progress').dataset.state = 'reading'; });
      await page.locator(list).selectOption(name);
      await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('compare-progress')?.dataset.state ?? ''), null, { timeout: 60_000 });
    }
    assert.equal(await page.locator('#compare-progress').getAttribute('data-state'), 'done');
    assert.equal(await page.locator('#compare-file-summary').textContent(),
      `compare-headers.csv: 24 rows, true labels in "${JS}"; A: "${SVG}" (labels), B: "${IMG}" (labels); multiclass.`);
    assert.deepEqual((await page.locator('#compare-table thead th').allTextContents()).slice(1, 3), [`A: ${SVG}`, `B: ${IMG}`]);
  });
});
