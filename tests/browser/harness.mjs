// Shared set-up for browser tests: serves the repository on a free loopback
// port, launches Debian's Chromium through playwright-core, and records every
// console error, page error and off-origin request so tests can fail on them.

import { spawn } from 'node:child_process';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'tests/browser/artifacts');

/**
 * Starts scripts/serve.py on port 0 and resolves with its base URL. It serves
 * `root`: the repository, or FITCHECK_PAGE_ROOT when set (a copy of an older
 * page, to see a new test fail before its fix); the browser benchmark passes
 * the site copies it compares. `server` is the serve.py to run (this
 * repository's unless given: a benchmark of an older page can run its own).
 * @param {string} [root]
 * @param {string} [server]
 */
export function startServer(root = process.env.FITCHECK_PAGE_ROOT ?? ROOT, server = path.join(ROOT, 'scripts/serve.py')) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [server, '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) resolve({ url: match[0], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

/** Launches headless Chromium with the flags this machine needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens a page that records problems: `problems` collects console errors,
 * uncaught exceptions and any request that leaves `origin` (such requests
 * are also aborted, so nothing could leave even if the page tried).
 */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push(`off-origin request: ${url}`);
    return route.abort();
  });
  return { context, page, problems };
}

/** Text of the element carrying data-metric="id". */
export function metricText(page, id) {
  return page.locator(`[data-metric="${id}"]`).textContent();
}

/** Saves a screenshot into tests/browser/artifacts and returns its path. */
export async function screenshot(page, name, fullPage = true) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * Starts the server and the browser before a test file's tests and stops
 * them after; returns the object that holds them (filled in by then).
 * @returns {{browser: import('playwright-core').Browser, server: {url: string, stop: () => void}}}
 */
export function useBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

/**
 * Opens the page at `query` in a fresh context, waits until it has something
 * to show (the first counts result, a form error, or `options.ready`: a CSS
 * selector or a function run in the page), runs `body(page)`, then fails on
 * any console error, page error or off-origin request. The other options go
 * to the browser context (viewport, colorScheme, acceptDownloads...).
 * @param {{browser: import('playwright-core').Browser, server: {url: string}}} env
 * @param {string} query
 * @param {(page: import('playwright-core').Page) => Promise<void>} body
 */
export async function withPage(env, query, body, options = {}) {
  const { ready, ...contextOptions } = options;
  const { context, page, problems } = await openPage(env.browser, env.server.url, contextOptions);
  try {
    await page.goto(env.server.url + query);
    if (typeof ready === 'string') await page.waitForSelector(ready, { timeout: 60_000 });
    else await page.waitForFunction(ready ?? (() => performance.getEntriesByName('fitcheck-first-result').length > 0
      || document.getElementById('form-error')?.textContent), null, { timeout: 60_000 });
    await body(page);
    assert.deepEqual(problems, [], 'no console errors, page errors or off-origin requests');
  } finally {
    await context.close();
  }
}

/** Runs axe-core in the page and fails on any serious or critical violation. */
export async function checkAxe(page) {
  // Evaluated through the DevTools protocol: the page's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.length} nodes (${v.nodes[0]?.target})`), []);
}

/**
 * Starts recording the page's long tasks (main thread busy for more than
 * 50 ms); `longestTask(page)` then gives the longest, in ms.
 */
export async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
}

/** The longest task recorded since `watchLongTasks`, in ms (0 if none). */
export function longestTask(page) {
  return page.evaluate(() => Math.max(0, ...window.longTasks));
}

/**
 * Opens the page on the file tab once the first report is shown, runs
 * `body`, then checks for problems (as `withPage`).
 * @param {ReturnType<typeof useBrowser>} env
 * @param {(page: import('playwright-core').Page) => Promise<void>} body
 */
export function onFileTab(env, body) {
  return withPage(env, '', async (page) => {
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await body(page);
  }, { ready: '[data-metric="precision"]' });
}

/**
 * Waits until the file tab's read has finished, failed or been cancelled.
 * @param {import('playwright-core').Page} page
 */
export function readDone(page, timeout = 120_000) {
  return page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.getElementById('progress')?.dataset.state ?? ''), null, { timeout });
}

/**
 * Picks a file in the file tab and waits until reading has finished (or failed).
 * @param {import('playwright-core').Page} page
 * @param {string} file
 */
export async function pickFile(page, file, timeout = 120_000) {
  await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
  await readDone(page, timeout);
}

/** The offline single file that build_wasm writes (scripts/build-single-file.mjs). */
export const SINGLE_FILE = path.join(ROOT, 'dist/fitcheck.html');

/**
 * Records every Content-Security-Policy violation reported in the pages of
 * `context` (the document's `securitypolicyviolation` events, installed
 * before any of the page's own scripts run); `cspViolations(page)` reads them.
 * A violation inside a worker is reported as a console error instead, which
 * openPage and openSingleFile already record.
 * @param {import('playwright-core').BrowserContext} context
 */
export function watchCsp(context) {
  return context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI} (${e.sourceFile}:${e.lineNumber}): ${e.originalPolicy}`);
    });
  });
}

/** The CSP violations recorded since the page opened (see watchCsp). */
export function cspViolations(page) {
  return page.evaluate(() => window.cspViolations);
}

/**
 * Opens `file` (a path on disk, default the offline single file) as
 * file://… with the network off: the context is offline and every request
 * that is not file:, data: or blob: is aborted and recorded in `problems`,
 * beside console errors, page errors (also from the page's workers) and CSP
 * violations (watchCsp). `requests` lists every URL the page asked for.
 * @param {import('playwright-core').Browser} browser
 */
export async function openSingleFile(browser, file = SINGLE_FILE, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.setOffline(true);
  await watchCsp(context);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('worker', (worker) => worker.on('console', (msg) => { if (msg.type() === 'error') problems.push(`worker console error: ${msg.text()}`); }));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push(`network request: ${url}`);
    return route.abort('internetdisconnected');
  });
  await page.goto(pathToFileURL(file).href);
  return { context, page, problems, requests };
}
