// The calculator as a person uses it: typing counts, presets, the URL, bad
// input, the task choice. Fails on any console error or off-origin request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, withPage as openAt, metricText, screenshot, checkAxe } from './harness.mjs';

const env = useBrowser();
const withPage = (query, body, options) => openAt(env, query, body, options);

async function typeCounts(page, { tp, fn, fp, tn }) {
  for (const [label, value] of [['True positives', tp], ['False negatives', fn], ['False positives', fp], ['True negatives', tn]]) {
    await page.getByLabel(label).fill(value);
  }
}

test('the page opens on the worked example 85/15/10/90 with exact values', async () => {
  await withPage('', async (page) => {
    assert.equal(await metricText(page, 'precision'), '0.8947'); // 85 / 95
    assert.equal(await metricText(page, 'recall'), '0.8500'); // 85 / 100
    assert.equal(await metricText(page, 'f1'), '0.8718'); // 170 / 195
    assert.equal(await metricText(page, 'accuracy'), '0.8750'); // 175 / 200
    assert.equal(await page.locator('#verdict').getAttribute('data-status'), 'fit');
    const formula = await page.locator('#metric-precision .formula').textContent();
    assert.equal(formula, 'precision = TP / (TP + FP) = 85 / (85 + 10) = 0.8947');
    // Every metric id of the design has an element, none shows NaN.
    const ids = await page.locator('[data-metric]').evaluateAll((els) => els.map((e) => e.dataset.metric));
    assert.equal(ids.length, 25);
    assert.ok(!(await page.locator('body').textContent()).includes('NaN'));
    const load = await page.evaluate(() => performance.getEntriesByName('fitcheck-first-result')[0].startTime);
    console.log(`# time from navigation to first result: ${load.toFixed(1)} ms`);
    await screenshot(page, 'worked-example');
    await screenshot(page, 'worked-example-top', false);
  });
});

test('typing counts updates every metric as you type', async () => {
  await withPage('', async (page) => {
    await typeCounts(page, { tp: '40', fn: '10', fp: '20', tn: '30' });
    assert.equal(await metricText(page, 'precision'), '0.6667'); // 40 / 60
    assert.equal(await metricText(page, 'recall'), '0.8000'); // 40 / 50
    assert.equal(await metricText(page, 'specificity'), '0.6000'); // 30 / 50
    assert.equal(await metricText(page, 'mcc'), '0.4082'); // (1200-200)/sqrt(60*50*50*40)
    assert.equal(await page.locator('#matrix .m-count').first().textContent(), '40');
    await page.getByLabel('True positives').press('End');
    await page.getByLabel('True positives').pressSequentially('0'); // 400
    assert.equal(await metricText(page, 'precision'), '0.9524'); // 400 / 420
  });
});

test('the fraud preset is clearly not fit for production, with the accuracy paradox', async () => {
  await withPage('', async (page) => {
    await page.getByRole('button', { name: /Fraud model/ }).click();
    assert.equal(await metricText(page, 'accuracy'), '0.9800');
    assert.equal(await metricText(page, 'recall'), '0.1200');
    assert.equal(await page.locator('#verdict').getAttribute('data-status'), 'not_fit');
    assert.match(await page.locator('#verdict .verdict-headline').textContent(), /Not fit for production.*misses 88\.0%/);
    assert.equal(await page.locator('[data-warning="accuracy_paradox"]').count(), 1);
    assert.equal(await page.locator('[data-warning="low_recall"]').count(), 1);
    assert.equal(await page.getByLabel(/Misses are costly/).isChecked(), true);
    await screenshot(page, 'fraud-model', false);
    await page.getByRole('button', { name: '85 / 15 / 10 / 90' }).click();
    assert.equal(await metricText(page, 'precision'), '0.8947');
  });
});

test('the URL holds the state and reopening it restores the same example', async () => {
  let shared;
  await withPage('', async (page) => {
    await typeCounts(page, { tp: '7', fn: '3', fp: '1', tn: '89' });
    await page.getByLabel(/False alarms are costly/).check();
    await page.locator('#bars summary').click();
    await page.getByLabel(/F-beta weight/).fill('2');
    // The address bar is updated in the page; read it there (Playwright's page.url() lags replaceState).
    shared = await page.evaluate(() => location.href);
    assert.match(shared, /\?tp=7&fn=3&fp=1&tn=89&task=false_alarms_costly&beta=2$/);
  });
  await withPage(new URL(shared).search, async (page) => {
    assert.equal(await page.getByLabel('True positives').inputValue(), '7');
    assert.equal(await page.getByLabel('True negatives').inputValue(), '89');
    assert.equal(await page.getByLabel(/False alarms are costly/).isChecked(), true);
    assert.equal(await metricText(page, 'precision'), '0.8750'); // 7 / 8
    assert.equal(await metricText(page, 'fbeta'), '0.7292'); // 5·7 / (4·10 + 8)
  });
});

test('bad input gets a message next to the field and the last valid result stays', async () => {
  await withPage('', async (page) => {
    const cases = [
      ['True positives', 'abc', 'True positives: "abc" is not a whole number'],
      ['False negatives', '-5', 'False negatives: -5 is negative: a count cannot be below 0'],
      ['False positives', '2.5', 'False positives: 2.5 is not a whole number: a count of examples has no fraction'],
      ['True negatives', '', 'True negatives: is empty: enter a whole number, such as 85'],
      ['True positives', '9007199254740993', 'True positives: 9007199254740993 is larger than 2^53 (9,007,199,254,740,992), the largest count fitcheck holds exactly'],
      ['True positives', '<img src=x onerror=alert(1)>', 'True positives: "<img src=x onerror=alert(1)>" is not a whole number'],
    ];
    const ids = { 'True positives': 'tp', 'False negatives': 'fn', 'False positives': 'fp', 'True negatives': 'tn' };
    for (const [label, value, message] of cases) {
      await page.getByRole('button', { name: '85 / 15 / 10 / 90' }).click();
      await page.getByLabel(label).fill(value);
      assert.equal(await page.locator(`#${ids[label]}-error`).textContent(), message);
      assert.equal(await page.getByLabel(label).getAttribute('aria-invalid'), 'true');
      assert.equal(await metricText(page, 'precision'), '0.8947', 'the last valid result stays visible');
      assert.equal(await page.locator('#stale').isVisible(), true);
    }
    assert.equal(await page.locator('img').count(), 0, 'user text never becomes markup');
    await screenshot(page, 'bad-input', false);
  });
});

test('all-zero counts get a message; the next valid input clears it', async () => {
  await withPage('?tp=0&fn=0&fp=0&tn=0', async (page) => {
    const zero = 'all four counts are zero: enter at least one example to measure';
    assert.equal(await page.locator('#form-error').textContent(), zero);
    assert.equal(await page.locator('[data-metric]').count(), 0, 'nothing to show yet');
    await page.getByLabel('True positives').fill('3');
    assert.equal(await page.locator('#form-error').isVisible(), false);
    assert.equal(await metricText(page, 'recall'), '1.0000'); // 3 / 3
    assert.equal(await metricText(page, 'specificity'), 'undefined'); // 0 / 0: no negatives
    await page.getByLabel('True positives').fill('0');
    assert.equal(await page.locator('#form-error').textContent(), zero);
    assert.equal(await metricText(page, 'recall'), '1.0000', 'the last valid result stays visible');
    assert.equal(await page.locator('#stale').isVisible(), true);
  });
});

test('the task decides the verdict, and the bars are adjustable', async () => {
  // Precision 60/62 = 0.9677, recall 60/100 = 0.6: good at avoiding false alarms, misses many.
  await withPage('?tp=60&fn=40&fp=2&tn=98', async (page) => {
    await page.getByLabel(/False alarms are costly/).check();
    assert.equal(await page.locator('#verdict').getAttribute('data-status'), 'fit');
    await page.getByLabel(/Misses are costly/).check();
    assert.equal(await page.locator('#verdict').getAttribute('data-status'), 'not_fit');
    assert.match(await page.locator('#verdict .verdict-headline').textContent(), /misses 40\.0% of real positives/);
    await page.getByLabel(/False alarms are costly/).check();
    await page.locator('#bars summary').click();
    await page.getByLabel('Lowest acceptable precision').fill('0.99');
    assert.equal(await page.locator('#verdict').getAttribute('data-status'), 'borderline');
    await page.getByLabel('Lowest acceptable precision').fill('7');
    assert.equal(await page.locator('#min_precision-error').textContent(), 'min_precision: 7 is not allowed: a bar must lie between 0 and 1');
  });
});

test('undefined metrics say why, and no axe accessibility violation is serious', async () => {
  await withPage('?tp=0&fn=5&fp=0&tn=95', async (page) => {
    assert.equal(await metricText(page, 'precision'), 'undefined');
    assert.match(await page.locator('#metric-precision .meaning').textContent(), /Undefined: the model predicted no positives/);
    assert.equal(await page.locator('[data-warning="degenerate"]').count(), 1);
    assert.equal(await page.locator('[data-warning="undefined_metric"]').count(), 1);
    await checkAxe(page);
  });
});

test('dark colour scheme renders without errors', async () => {
  await withPage('?tp=18&fn=132&fp=68&tn=9782&task=misses_costly', async (page) => {
    assert.equal(await metricText(page, 'recall'), '0.1200');
    await screenshot(page, 'fraud-dark', false);
  }, { colorScheme: 'dark' });
});
