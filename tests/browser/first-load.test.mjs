// The first load is quick (issue 11): index.html names every module app.js
// imports and the page's wasm core, so the browser fetches them at once
// instead of one import level at a time; the wasm comes as application/wasm
// (so it is compiled while it streams in) and is fetched once; the workers'
// larger core is not fetched until a worker starts; the server keeps
// connections open. Fails on any console error or off-origin request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, withPage, ROOT } from './harness.mjs';

const env = useBrowser();

/** The modules app.js imports, directly or not, as paths under www/. */
function importGraph(file = 'app.js', seen = new Set()) {
  const text = readFileSync(path.join(ROOT, 'www', file), 'utf8');
  for (const m of text.matchAll(/^import[^'"]*['"]\.\/([^'"]+)['"]/gm)) {
    if (!seen.has(m[1])) {
      seen.add(m[1]);
      importGraph(m[1], seen);
    }
  }
  return seen;
}

test('index.html preloads every module app.js imports, and the page\'s wasm core', () => {
  const html = readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="www\/([^"]+)">/g)].map((m) => m[1]));
  assert.deepEqual([...importGraph()].sort(), [...preloaded].sort());
  assert.match(html, /<link rel="preload" href="www\/pkg-page\/fitcheck_bg\.wasm" as="fetch" type="application\/wasm" crossorigin>/);
  assert.doesNotMatch(html, /href="www\/pkg\//, 'the workers\' core is not preloaded');
});

test('the page\'s wasm core is fetched once, as application/wasm, the workers\' not at all, and the first result shows', async () => {
  await withPage(env, '', async (page) => {
    const fetched = (file) => page.evaluate((f) => performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith(f)).length, file);
    assert.equal(await fetched('/www/pkg-page/fitcheck_bg.wasm'), 1, 'the preloaded wasm is the one init() uses');
    assert.equal(await fetched('/www/pkg/fitcheck_bg.wasm'), 0, 'no worker has started');
    const response = await page.request.get(`${env.server.url}www/pkg-page/fitcheck_bg.wasm`);
    assert.equal(response.headers()['content-type'], 'application/wasm');
    assert.equal(response.headers()['cache-control'], 'no-cache');
    assert.equal(await page.locator('[data-metric="precision"]').textContent(), '0.8947');
  });
});

test('the server keeps connections open (HTTP/1.1) and answers 304 for unchanged files', async () => {
  await withPage(env, '', async (page) => {
    const first = await page.request.get(`${env.server.url}www/app.js`);
    assert.equal(first.status(), 200);
    const again = await page.request.get(`${env.server.url}www/app.js`, { headers: { 'If-Modified-Since': first.headers()['last-modified'] } });
    assert.equal(again.status(), 304);
    const protocols = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.nextHopProtocol));
    // At least app.js, every module it imports, style.css and the page's core (10 today).
    assert.ok(protocols.length >= importGraph().size + 3 && protocols.every((p) => p === 'http/1.1'), protocols.join(','));
  });
});
