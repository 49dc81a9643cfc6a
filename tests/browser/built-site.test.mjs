// The served site (issue 11): dist/site, as build_wasm writes it
// (scripts/build-site.mjs) and scripts/serve.sh serves it: the page with
// each script bundled and minified. It opens with five requests (index.html
// and four files) and no worker's core, and every tab works with no CSP
// violation, console error (page or worker) or off-origin request, with the
// hand-worked values of every-tab.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

test('the built site keeps index.html\'s markup and policy, with no modulepreload list', () => {
  const source = readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const built = readFileSync(path.join(SITE, 'index.html'), 'utf8');
  assert.doesNotMatch(built, /modulepreload/);
  const body = (html) => html.slice(html.indexOf('<body>'));
  assert.equal(body(built), body(source));
  const policy = (html) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)[1];
  assert.equal(policy(built), policy(source));
});

test('the built site opens with index.html and four files and shows the worked example; no worker\'s core is fetched', async () => {
  await withSite(async (page) => {
    await page.waitForTimeout(500);
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).sort());
    assert.deepEqual(fetched, ['/www/app.js', '/www/pkg-page/fitcheck_bg.wasm', '/www/style.css', '/www/wasm-start.js']);
    assert.equal(await page.locator('[data-metric="precision"]').textContent(), '0.8947');
  });
});

test('every tab of the built site is used with no CSP violation, console error or off-origin request', async () => {
  await withSite(async (page) => {
    await useEveryTab(page, 'built-site');
  });
});
