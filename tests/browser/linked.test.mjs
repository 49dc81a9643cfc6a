// A shared link's first report (issue 11 goal 5): the page opened from a
// link shows exactly the report of the same counts and settings typed in,
// and asks the core for it once: the report that showed the link's values
// usable is the one shown (app.js's checkLinkedCounts), not made again.
// The core's counts reports are counted where the page's wasm is
// instantiated, under the glue (www/pkg-page/fitcheck.js), so whatever asks
// for a report is counted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, withPage } from './harness.mjs';

const env = useBrowser();

/**
 * Runs in the page before its scripts: every instance of a wasm module that
 * exports countsReport gets exports whose countsReport counts its calls in
 * window.countsReports.
 */
function countCoreReports() {
  window.countsReports = 0;
  const instantiate = WebAssembly.instantiate;
  /** @param {WebAssembly.Instance} instance */
  const counted = (instance) => {
    if (typeof instance.exports.countsReport !== 'function') return instance;
    const exports = {
      ...instance.exports,
      countsReport: (...args) => {
        window.countsReports += 1;
        return instance.exports.countsReport(...args);
      },
    };
    return Object.create(WebAssembly.Instance.prototype, { exports: { value: exports } });
  };
  WebAssembly.instantiate = async function (...args) {
    const result = await instantiate.apply(this, args);
    return result instanceof WebAssembly.Instance ? counted(result) : { module: result.module, instance: counted(result.instance) };
  };
}

/** The report as shown: verdict, warnings, matrix and every metric row, as text. */
function shownReport(page) {
  return page.evaluate(() => Object.fromEntries(['verdict', 'warnings', 'matrix', 'metrics']
    .map((id) => [id, document.getElementById(id).textContent.replace(/\s+/g, ' ').trim()])));
}

/**
 * Opens `query` with the core's reports counted; returns the report shown at
 * the first result, the reports the core made until then and the link's note.
 * @param {string} query
 */
async function openLink(query) {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  try {
    await page.addInitScript(countCoreReports);
    await page.goto(env.server.url + query);
    await page.waitForFunction(() => performance.getEntriesByName('fitcheck-first-result').length > 0, null, { timeout: 60_000 });
    const reports = await page.evaluate(() => window.countsReports);
    const shown = await shownReport(page);
    const note = await page.locator('#url-note').isVisible() ? await page.locator('#url-note').textContent() : null;
    assert.deepEqual(problems, [], 'no console errors, page errors or off-origin requests');
    return { shown, reports, note };
  } finally {
    await context.close();
  }
}

/** The report of the page opened plainly once `fill` has set its form. */
async function typed(fill) {
  let shown;
  await withPage(env, '', async (page) => {
    await fill(page);
    shown = await shownReport(page);
  });
  return shown;
}

test('a link\'s first report is the one its counts and settings give when typed, made by one call to the core', async () => {
  const link = await openLink('?tp=12&fn=88&fp=12&tn=4888&task=false_alarms_costly&beta=2');
  assert.equal(link.reports, 1, 'one counts report before the first result');
  assert.equal(link.note, null);
  assert.match(link.shown.metrics, /0\.5000/); // precision 12 / 24
  const shown = await typed(async (page) => {
    for (const [label, value] of [['True positives', '12'], ['False negatives', '88'], ['False positives', '12'], ['True negatives', '4888']]) {
      await page.getByLabel(label).fill(value);
    }
    await page.getByLabel(/False alarms are costly/).check();
    await page.locator('#bars summary').click();
    await page.getByLabel(/F-beta weight/).fill('2');
  });
  assert.deepEqual(link.shown, shown);
});

test('a link with an option the core refuses: one refused report, one shown, the same as with the default typed', async () => {
  const link = await openLink('?tp=7&fn=3&fp=1&tn=89&beta=abc');
  assert.equal(link.reports, 2, 'the refused report and the one shown');
  assert.match(link.note, /defaults are shown instead: beta: /);
  assert.match(link.shown.metrics, /0\.8750/); // precision 7 / 8
  const shown = await typed(async (page) => {
    for (const [label, value] of [['True positives', '7'], ['False negatives', '3'], ['False positives', '1'], ['True negatives', '89']]) {
      await page.getByLabel(label).fill(value);
    }
  });
  assert.deepEqual(link.shown, shown);
});
