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

// ---------------------------------------------------------------------------
// Hostile input and large files (issue 12): pages instrumented before their
// scripts run, long tasks split at the report's arrival, the tab's memory.
// ---------------------------------------------------------------------------

// Kept with this block (not merged into the imports above) so the blocks stay separate.
import { readdirSync } from 'node:fs';

/**
 * Opens the page at `query` as `withPage` does, but runs each of `inits` (a
 * function, evaluated in the page before its own scripts) first, and also
 * fails if the page opened a dialog (alert, confirm, prompt). Waits for
 * `options.ready` (a CSS selector; the first counts report by default).
 * @param {{browser: import('playwright-core').Browser, server: {url: string}}} env
 * @param {string} query
 * @param {Array<() => void>} inits
 * @param {(page: import('playwright-core').Page) => Promise<void>} body
 */
export async function withInstrumentedPage(env, query, inits, body, options = {}) {
  const { ready = '[data-metric="precision"]', ...contextOptions } = options;
  const { context, page, problems } = await openPage(env.browser, env.server.url, contextOptions);
  page.on('dialog', (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  try {
    for (const init of inits) await context.addInitScript(init);
    await page.goto(env.server.url + query);
    await page.waitForSelector(ready, { timeout: 60_000 });
    await body(page);
    assert.deepEqual(problems, [], 'no console errors, page errors, dialogs or off-origin requests');
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page before its scripts (pass to `withInstrumentedPage`):
 * records every long task with its start, and when each worker message
 * arrived (`window.__timeline`: {tasks: [{start, duration}], frames: the
 * long animation frames, messages: [{t, type, url}], picks: [t]}), and counts the workers the page started
 * and terminated (`window.__workers`: {started, terminated}).
 */
export function recordTimeline() {
  const timeline = { tasks: [], messages: [], picks: [] };
  window.__timeline = timeline;
  window.__workers = { started: 0, terminated: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) timeline.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames say what ran in them: scripts (with their source) and rendering.
  timeline.frames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      timeline.frames.push({
        start: e.startTime,
        duration: e.duration,
        render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
        scripts: e.scripts.map((x) => `${x.invoker} ${x.sourceURL.replace(/^.*\//, '')} ${x.duration.toFixed(0)} ms`),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, opts) {
      super(url, opts);
      window.__workers.started += 1;
      // Added before the page sets onmessage: runs first, at the start of the message's task.
      this.addEventListener('message', ({ data }) => {
        timeline.messages.push({ t: performance.now(), type: data?.type, url: String(url) });
      });
    }

    terminate() {
      window.__workers.terminated += 1;
      super.terminate();
    }
  };
  document.addEventListener('change', (event) => {
    if (event.target?.type === 'file') timeline.picks.push(performance.now());
  }, true);
}

/**
 * The longest main-thread task of the last file pick, split at the arrival
 * of the worker's `report` message: `read` (tasks that ended before it, from
 * the pick on) and `render` (tasks running when it arrived or after), in ms,
 * with `reportAt` (ms after the pick) and `readFrames`, what ran in the long
 * animation frames that overlap the read's long tasks. Needs `recordTimeline`.
 * @param {import('playwright-core').Page} page
 */
export function readAndRenderTasks(page) {
  return page.evaluate(() => {
    const timeline = window.__timeline;
    const { tasks, messages, picks } = timeline;
    const pick = picks[picks.length - 1];
    const report = messages.find((m) => m.t >= pick && m.type === 'report');
    if (!report) throw new Error('no report arrived after the last pick');
    const after = tasks.filter((t) => t.start + t.duration >= pick);
    const read = after.filter((t) => t.start + t.duration < report.t);
    const render = after.filter((t) => t.start + t.duration >= report.t);
    const during = (t) => timeline.frames.filter((f) => f.start < t.start + t.duration && t.start < f.start + f.duration);
    return {
      readFrames: read.flatMap(during).map((f) => `frame of ${f.duration.toFixed(0)} ms (rendering ${f.render.toFixed(0)} ms; scripts: ${f.scripts.join(', ') || 'none'})`),
      read: Math.max(0, ...read.map((t) => t.duration)),
      render: Math.max(0, ...render.map((t) => t.duration)),
      readTasks: read.length,
      renderTasks: render.length,
      reportAt: report.t - pick,
    };
  });
}

/** Pids of every process descended from this one (read from /proc/PID/stat). */
function descendantPids() {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* the process ended */ }
  }
  const out = [];
  const queue = [process.pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/**
 * Resident memory (VmRSS, bytes) of the Chromium processes this test process
 * started, as bench/browser.mjs measures the tab: `renderers` sums the
 * renderer processes (which also run the pages' dedicated workers and their
 * wasm memory), `total` every Chromium process.
 */
export function chromiumMemory() {
  let renderers = 0;
  let total = 0;
  const each = [];
  for (const pid of descendantPids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/i.test(cmd.split('\0')[0])) continue;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      total += rss;
      if (/--type=renderer/.test(cmd)) {
        renderers += rss;
        each.push({ pid, rss });
      }
    } catch { /* the process ended */ }
  }
  return { renderers, total, each };
}

/**
 * Runs in the page before its scripts (pass to `withInstrumentedPage`):
 * records, in `window.__injected`, every element added to the document (or
 * changed) that carries an event-handler attribute (`on…`), a `script`
 * element with text, or a URL attribute (src, href, action, formaction,
 * srcdoc, data, xlink:href) holding `javascript:`, `alert(` or `__pwned`.
 * The page builds its DOM from text only, so the record stays empty.
 */
export function watchInjection() {
  window.__injected = [];
  const URL_ATTRS = new Set(['src', 'href', 'action', 'formaction', 'srcdoc', 'data', 'xlink:href', 'poster', 'background']);
  const PAYLOAD = /javascript:|alert\(|__pwned/i;
  const check = (el) => {
    if (el.localName === 'script' && el.textContent.trim() !== '') window.__injected.push(`<script> ${el.textContent.slice(0, 80)}`);
    for (const attr of el.attributes ?? []) {
      if (/^on/i.test(attr.name) || (URL_ATTRS.has(attr.name.toLowerCase()) && PAYLOAD.test(attr.value))) {
        window.__injected.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 80)}">`);
      }
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') check(r.target);
      for (const node of r.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        check(node);
        for (const inner of node.querySelectorAll('*')) check(inner);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * Fails if anything was made from user text: `watchInjection`'s record, any
 * img, script, svg, iframe, object, embed, a or form element now in the page
 * with an event-handler attribute or a URL attribute holding a payload, or
 * `window.__pwned` set.
 * @param {import('playwright-core').Page} page
 */
export async function assertNothingInjected(page) {
  const found = await page.evaluate(() => {
    const bad = [...window.__injected];
    for (const el of document.querySelectorAll('img, script, svg, iframe, object, embed, image, a, form')) {
      for (const attr of el.attributes) {
        const url = ['src', 'href', 'action', 'formaction', 'srcdoc', 'data', 'xlink:href'].includes(attr.name.toLowerCase());
        if (/^on/i.test(attr.name) || (url && /javascript:|alert\(|__pwned/i.test(attr.value))) bad.push(`now: <${el.localName} ${attr.name}="${attr.value.slice(0, 80)}">`);
      }
    }
    if (window.__pwned !== undefined) bad.push(`window.__pwned = ${window.__pwned}`);
    return bad;
  });
  assert.deepEqual(found, [], 'no element, handler or script was made from user text');
}
