// The served site (issue 11): dist/site, as build_wasm writes it
// (scripts/build-site.mjs) and scripts/serve.sh serves it: the page with
// each script bundled and minified, and the first result in its markup
// (scripts/prerender.mjs). It opens with index.html (whose <head> runs
// www/page-core-start.js and www/linked.js inline), style.css,
// app.js with the chunks it imports (wasm-start.js bundled among them: the
// head script has started the core's compile), and the page's core
// (fetched once): no tab's code but the counts tab's and no worker's core; each
// other tab's code comes when it opens. Every tab works with no CSP
// violation, console error (page or worker) or off-origin request, with the
// hand-worked values of every-tab.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, openPage, watchCsp, cspViolations, ROOT } from './harness.mjs';
import { useEveryTab } from './every-tab.mjs';

const SITE = path.join(ROOT, 'dist/site');
const env = {};

before(async () => {
  // The site must be built from the page as it is now, not from an older one.
  const built = statSync(path.join(SITE, 'www/app.js'), { throwIfNoEntry: false })?.mtimeMs;
  assert.ok(built, `${SITE} is missing: run "source scripts/setup-lib.sh && build_wasm"`);
  const inputs = ['index.html', 'www/pkg/fitcheck_bg.wasm', 'www/pkg-page/fitcheck_bg.wasm',
    ...readdirSync(path.join(ROOT, 'www')).filter((f) => /\.(js|css)$/.test(f)).map((f) => `www/${f}`)];
  for (const input of inputs) {
    assert.ok(statSync(path.join(ROOT, input)).mtimeMs <= built, `${input} is newer than ${SITE}: run "source scripts/setup-lib.sh && build_wasm" (or node scripts/build-site.mjs)`);
  }
  env.server = await startServer(SITE);
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  env.server?.stop();
});

/** Opens the built site with the CSP watched and worker console errors recorded; runs `body`; fails on any problem. */
async function withSite(body) {
  const { context, page, problems } = await openPage(env.browser, env.server.url, { acceptDownloads: true });
  try {
    await watchCsp(context);
    page.on('worker', (worker) => worker.on('console', (msg) => { if (msg.type() === 'error') problems.push(`worker console error: ${msg.text()}`); }));
    await page.goto(env.server.url);
    await page.waitForSelector('[data-metric="precision"]', { timeout: 60_000 });
    await body(page, problems);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

test('the built site keeps index.html\'s policy but for its two head scripts\' hashes, preloads the chunks app.js imports at open, runs the head scripts before the stylesheet and holds the worked example in its markup', () => {
  const source = readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const built = readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const preloaded = [...built.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  assert.deepEqual(preloaded, [...staticClosure('www/app.js')].sort());
  assert.ok(preloaded.length > 0);
  const policy = (html) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)[1];
  // www/page-core-start.js, then www/linked.js, inline (minified), just before the stylesheet; allowed by their hashes alone.
  const head = /<script>([^<]*)<\/script>\n\s*<script>([^<]*)<\/script>\n\s*<link rel="stylesheet" href="www\/style\.css">/.exec(built);
  assert.ok(head, 'two inline scripts just before the stylesheet');
  assert.equal([...built.matchAll(/<script>/g)].length, 2, 'no other inline script');
  assert.match(head[1], /fitcheckPageCore=WebAssembly\.compileStreaming\(fetch\("www\/pkg-page\/fitcheck_bg\.wasm"\)\)/);
  assert.match(head[2], /dataset\.linked=""/);
  const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  assert.equal(policy(built), policy(source).replace("script-src 'self'", `script-src 'self' ${hash(head[1])} ${hash(head[2])}`));
  assert.doesNotMatch(built, /rel="preload"/, 'the page\'s core is fetched by the head script, not preloaded too (it would be fetched twice)');
  // wasm-start.js is bundled with app.js (one request fewer before a link's first result): no tag of its own, no file.
  assert.match(source, /<script type="module" async src="www\/wasm-start\.js"><\/script>/);
  assert.doesNotMatch(built, /wasm-start/);
  assert.equal(statSync(path.join(SITE, 'www/wasm-start.js'), { throwIfNoEntry: false }), undefined);
  assert.deepEqual([...built.matchAll(/<script type="module"[^>]*>/g)].map((m) => m[0]), ['<script type="module" src="www/app.js">']);
  assert.doesNotMatch(source, /linked\.js|page-core-start\.js/, 'the source page has no prerendered report to hide');
  // scripts/prerender.mjs: app.js's first report, in the markup (hand-worked: 85 / (85 + 10)).
  assert.match(built, /<span data-metric="precision">0\.8947<\/span>/);
  assert.match(built, /<input id="tp" [^>]*value="85">/);
  assert.doesNotMatch(built, / style="/, 'the CSP refuses style attributes in markup');
  assert.match(built, /<html lang="en">/, 'no mark of app.js having run (www/linked.js reads it)');
});

/**
 * The chunks a built module imports: `static` (import … from "./chunk-…",
 * fetched with it) and `dynamic` (import("./chunk-…"), fetched when called).
 * @param {string} rel path in dist/site
 */
function chunkImports(rel) {
  const text = readFileSync(path.join(SITE, rel), 'utf8');
  const names = (pattern) => [...new Set([...text.matchAll(pattern)].map((m) => `www/${m[1]}`))];
  return { static: names(/(?:from|import)"\.\/(chunk-[A-Z0-9]+\.js)"/g), dynamic: names(/import\("\.\/(chunk-[A-Z0-9]+\.js)"\)/g) };
}

/** The chunks fetched with `rel`: its static imports, and theirs. */
function staticClosure(rel, seen = new Set()) {
  for (const chunk of chunkImports(rel).static) {
    if (!seen.has(chunk)) {
      seen.add(chunk);
      staticClosure(chunk, seen);
    }
  }
  return seen;
}

/** Paths fetched by the page so far (resource timing), sorted. */
async function fetchedPaths(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).sort());
}

/**
 * The document once app.js has made its first report and the next frame has
 * passed: <html>'s attributes and <body>'s markup, with each form control's
 * state as a data attribute in place of its markup state (which the
 * prerendered page carries and the source page does not).
 */
async function settledDocument(page) {
  await page.waitForFunction(() => performance.getEntriesByName('fitcheck-first-result').length > 0, null, { timeout: 60_000 });
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
    for (const input of document.querySelectorAll('input')) {
      const box = input.type === 'radio' || input.type === 'checkbox';
      input.setAttribute('data-state', box ? String(input.checked) : input.value);
      input.removeAttribute(box ? 'checked' : 'value');
    }
    for (const option of document.querySelectorAll('option')) {
      option.setAttribute('data-state', String(option.selected));
      option.removeAttribute('selected');
    }
    resolve(`${[...document.documentElement.attributes].map((a) => `${a.name}="${a.value}"`).join(' ')}\n${document.body.outerHTML}`);
  }, 50))));
}

test('once app.js has run, the built site\'s document is the source page\'s, opened plainly or from a link', async () => {
  const source = await startServer(ROOT);
  try {
    for (const query of ['', '?tp=12&fn=88&fp=12&tn=4888', '?tp=abc&fn=1&fp=1&tn=1', '?tp=50&fn=5&fp=20&tn=925&task=misses_costly']) {
      const documents = [];
      for (const origin of [source.url, env.server.url]) {
        const { context, page, problems } = await openPage(env.browser, origin);
        try {
          await page.goto(origin + query);
          documents.push(await settledDocument(page));
          assert.deepEqual(problems, [], `${origin}${query}`);
        } finally {
          await context.close();
        }
      }
      assert.ok(documents[0].includes('data-metric'), query);
      assert.equal(documents[1], documents[0], `the built site differs from the source page once settled, at ${query || 'the plain address'}`);
    }
  } finally {
    source.stop();
  }
});

test('without app.js, the built site shows the worked example when opened plainly, and from a link nothing but a line saying why', async () => {
  for (const [query, shown] of [['', true], ['?tp=12&fn=88&fp=12&tn=4888', false]]) {
    const { context, page } = await openPage(env.browser, env.server.url);
    try {
      await page.route('**/www/app.js', (route) => route.abort());
      await page.goto(env.server.url + query);
      await page.waitForLoadState('load');
      const precision = page.locator('[data-metric="precision"]');
      assert.equal(await precision.textContent(), '0.8947');
      assert.equal(await precision.evaluate((e) => e.checkVisibility({ visibilityProperty: true })), shown, query || 'the plain address');
      assert.equal(await page.locator('main').evaluate((e) => getComputedStyle(e).visibility), shown ? 'visible' : 'hidden');
      // A link's page says why it shows nothing; the plain page needs no such line.
      const failed = page.locator('#start-failed');
      assert.equal(await failed.count(), shown ? 0 : 1);
      if (!shown) assert.match(await failed.textContent(), /^fitcheck could not start: its scripts did not load\./);
    } finally {
      await context.close();
    }
  }
});

test('a link\'s first report writes its values into the prerendered metrics table rather than building another', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  try {
    // app.js is answered once the prerendered table's rows have been noted.
    let noted;
    const rowsNoted = new Promise((resolve) => { noted = resolve; });
    await page.route('**/www/app.js', async (route) => {
      await rowsNoted;
      await route.continue();
    });
    await page.goto(`${env.server.url}?tp=12&fn=88&fp=12&tn=4888`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelectorAll('#metrics tbody tr').length === 25, null, { timeout: 30_000 });
    await page.evaluate(() => { window.prerenderedRows = [...document.querySelectorAll('#metrics tbody tr')]; });
    noted();
    await page.waitForFunction(() => performance.getEntriesByName('fitcheck-first-result').length > 0, null, { timeout: 60_000 });
    assert.equal(await page.locator('[data-metric="precision"]').textContent(), '0.5000'); // 12 / 24
    assert.deepEqual(await page.evaluate(() => {
      const now = [...document.querySelectorAll('#metrics tbody tr')];
      return { kept: now.length === window.prerenderedRows.length && now.every((tr, i) => tr === window.prerenderedRows[i]), rows: now.length };
    }), { kept: true, rows: 25 });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a tab whose code cannot be fetched says so above the tabs and leaves no report standing, from a link or a click', async () => {
  // The four other tabs' code and the counts comparison's view: blocking it too changes nothing here.
  const tabs = chunkImports('www/app.js').dynamic;
  assert.equal(tabs.length, 5);
  for (const [query, action, said] of [
    ['?demo=1', null, 'fitcheck could not start'],
    ['', async (page) => page.getByRole('tab', { name: 'Compare two models' }).click(), 'fitcheck could not load this tab'],
  ]) {
    const { context, page } = await openPage(env.browser, env.server.url);
    try {
      await page.route((url) => tabs.some((tab) => url.pathname === `/${tab}`), (route) => route.abort());
      await page.goto(env.server.url + query);
      if (action) {
        await page.waitForFunction(() => performance.getEntriesByName('fitcheck-first-result').length > 0);
        await action(page);
      }
      const note = page.locator('#url-note');
      await note.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await note.textContent(), new RegExp(`^${said}: `));
      assert.equal(await page.locator('main').evaluate((e) => getComputedStyle(e).visibility), 'visible');
      assert.equal(await page.locator('#metrics [data-metric]').count(), 0, 'the worked example\'s report is gone');
    } finally {
      await context.close();
    }
  }
});

test('the built site opens with app.js and its chunks, shows the worked example, fetches each tab\'s code when the tab opens and the counts comparison\'s when it is shown', async () => {
  const atOpen = staticClosure('www/app.js');
  const tabs = chunkImports('www/app.js').dynamic;
  // app.js imports the code of the four other tabs (the demo's is the file tab's) when they open,
  // and the counts comparison's view (compare-counts-view.js) when it is first shown.
  assert.equal(tabs.length, 5, `app.js's dynamic imports: ${tabs.join(', ')}`);
  for (const tab of tabs) assert.ok(!atOpen.has(tab), `${tab} is fetched when the page opens`);
  await withSite(async (page) => {
    await page.waitForTimeout(500);
    const expected = ['www/app.js', ...atOpen, 'www/pkg-page/fitcheck_bg.wasm', 'www/style.css'].map((p) => `/${p}`).sort();
    assert.deepEqual(await fetchedPaths(page), expected);
    assert.equal(await page.locator('[data-metric="precision"]').textContent(), '0.8947');
    // Opening a tab fetches its code (and the workers' core, compiled ahead of a file).
    let seen = new Set(await fetchedPaths(page));
    for (const [name, panel] of [['Training curves', '#training-panel'], ['Leakage check', '#leakage-panel'], ['Compare two models', '#compare-panel'], ['Load a predictions file', '#file-panel']]) {
      await page.getByRole('tab', { name }).click();
      await page.locator(panel).waitFor({ state: 'visible' });
      // The file tab starts its reader when it shows, ahead of the first file (file-mode.js's prepare()).
      if (panel === '#file-panel') await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname === '/www/ingest-worker.js'));
      const now = await fetchedPaths(page);
      const added = now.filter((p) => !seen.has(p));
      assert.ok(added.some((p) => tabs.includes(p.slice(1))), `opening "${name}" fetched ${added.join(', ') || 'nothing'}`);
      seen = new Set(now);
    }
    const unseen = tabs.filter((tab) => !seen.has(`/${tab}`));
    assert.equal(unseen.length, 1, `every tab's code was fetched, and the counts comparison's view was not: ${unseen.join(', ')}`);
    // The counts comparison fetches its view (the workers' core, compiled once, is already there).
    await page.getByRole('tab', { name: 'Type the four counts' }).click();
    await page.getByRole('button', { name: 'Compare with another model' }).click();
    await page.waitForSelector('#counts-compare-panel:not([hidden])');
    assert.equal(await page.locator('#counts-compare-table tr[data-diff="accuracy"] td').first().textContent(), '0.8750');
    const added = (await fetchedPaths(page)).filter((p) => !seen.has(p));
    assert.deepEqual(added, [unseen[0], ...chunkImports(unseen[0]).static].map((c) => `/${c}`).filter((p) => !seen.has(p)).sort());
  });
});

test('every tab of the built site is used with no CSP violation, console error or off-origin request', async () => {
  await withSite(async (page) => {
    await useEveryTab(page, 'built-site');
  });
});
