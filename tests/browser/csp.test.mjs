// The Content-Security-Policy (issue 12): one definition, index.html's meta
// tag, which scripts/serve.py also sends as a header (a module worker's
// policy comes from its own script's response); strict (no 'unsafe-inline',
// no 'unsafe-eval' beyond 'wasm-unsafe-eval'); and no violation reported
// while every tab of the served page is used. The offline single file's
// policy is checked in offline.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openPage, watchCsp, cspViolations, ROOT } from './harness.mjs';
import { useEveryTab } from './every-tab.mjs';

const env = useBrowser();

/** index.html's policy, read as the browser reads it. */
function metaPolicy(page) {
  return page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
}

/** The policy's directives as {name: [sources]}. */
function directives(policy) {
  return Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

/** Opens the served page with the CSP watched and worker console errors recorded; runs `body`; fails on any problem. */
async function withWatchedPage(body) {
  const { context, page, problems } = await openPage(env.browser, env.server.url, { acceptDownloads: true });
  try {
    await watchCsp(context);
    page.on('worker', (worker) => worker.on('console', (msg) => { if (msg.type() === 'error') problems.push(`worker console error: ${msg.text()}`); }));
    await page.goto(env.server.url);
    await page.waitForSelector('[data-metric="precision"]', { timeout: 60_000 });
    await body(page, problems);
  } finally {
    await context.close();
  }
}

test('index.html holds the one policy, and it is strict', () => {
  const html = readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
  assert.equal(metas.length, 1);
  assert.deepEqual(directives(metas[0][1]), {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  });
  // serve.py has no policy of its own any more: it reads this one.
  assert.doesNotMatch(readFileSync(path.join(ROOT, 'scripts/serve.py'), 'utf8'), /default-src/);
});

test('the header served with the page, its modules, its workers and its wasm equals index.html\'s meta tag', async () => {
  await withWatchedPage(async (page) => {
    const meta = await metaPolicy(page);
    assert.match(meta, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
    for (const file of ['', 'index.html', 'www/app.js', 'www/core-source.js', 'www/ingest-worker.js', 'www/compare-worker.js', 'www/worker-core.js', 'www/pkg/fitcheck_bg.wasm']) {
      const response = await page.request.get(env.server.url + file);
      assert.equal(response.status(), 200, file);
      assert.equal(response.headers()['content-security-policy'], meta, file);
    }
  });
});

test('a violation is seen: an injected inline script is refused and reported', async () => {
  await withWatchedPage(async (page, problems) => {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    });
    await page.waitForFunction(() => window.cspViolations.length >= 2);
    assert.equal(await page.evaluate(() => window.injected), undefined, 'the inline script did not run');
    // Refused by both copies of the one policy, the header and the meta tag: each reports.
    const violations = await cspViolations(page);
    assert.equal(violations.length, 2, violations.join(' | '));
    for (const v of violations) assert.match(v, /^script-src-elem refused inline \(.*\): default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
    assert.equal(problems.length, 2, problems.join(' | '));
    for (const p of problems) assert.match(p, /^console error: .*Content Security Policy/);
    problems.length = 0;
  });
});

test('every tab of the served page is used with no CSP violation, console error or off-origin request', async () => {
  await withWatchedPage(async (page, problems) => {
    await useEveryTab(page, 'csp-served');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
  });
});
