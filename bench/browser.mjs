// The page in headless Chromium, as a person uses it: the browser half of
// bench/run.py (which runs it, parses its JSON and prints the table).
//
//   node bench/browser.mjs MODE [--root DIR]... [--repeats N] [--timeout S] [ARGS...]
//
// MODE is one of
//   read FILE...      file picked → report on screen, with the numbers read
//                     off the page and the peak memory of the tab's processes;
//   threshold FILE    threshold moves on a score file: key presses on the
//                     slider (--moves N, default 120) and a drag on the ROC
//                     chart (--drag-moves N, default 60);
//   first             first result after navigation: cold loads (--loads N,
//                     default 7), each in a fresh browser context (no cache);
//   weight            every file the page loads (HTML, JS, CSS, wasm) while
//                     opening (`open`: fetched by the first result plus a
//                     second idle; `open_gzip9` sums them), visiting every
//                     tab and reading a small file (`total_gzip9`),
//                     plus the other tabs' workers and the modules they import (www/*-worker.js, www/worker-*.js, started
//                     when their tab reads a file): size and `gzip -9 -n` size;
//   leakage TRAIN TEST  the Leakage check tab: both files picked → report.
//
// Each --root is a copy of the site (index.html + www/ with www/pkg built);
// the default is this repository. A root with a built site (dist/site, which
// scripts/serve.sh serves: scripts/build-site.mjs) is served from there. Each root is served by its own
// scripts/serve.py when it has one (the server the README's serve command
// starts), else by this repository's. With several roots they run
// alternately, the order rotating every repetition, so a before/after
// comparison shares one machine state: copy index.html, www/ (and scripts/)
// of the old build to /tmp/before, then `--root /tmp/before --root .`.
//
// Times are taken inside the page with performance.now():
//   read       from the file input's `change` event to the page marking the
//              read done (#progress data-state="done", set after the report
//              is rendered); `report` is when the worker's report message
//              arrived, `loaded` its last progress message before it.
//   threshold  from the slider's `keydown` (or the chart's `pointermove`)
//              to the last DOM change it caused (metrics, explanations,
//              verdict, chart markers), as tests/browser/explorer.test.mjs
//              measures; the next move starts once the page has been quiet
//              for 100 ms. The first move after the load is kept apart.
//              Frames are recorded (a requestAnimationFrame loop) only for
//              the continuous drag: a loop running during the key presses
//              makes Chromium hold each reply until a frame is drawn (see
//              recordFrames); `--frame-loop` runs it throughout, to measure
//              moves on a page that draws every frame.
//              Each move is also split into its parts (moveParts: input,
//              worker, transit, page, frame, paint) and timed to the end of
//              the frame that paints it (`painted`).
//   first      from navigation start to the animation frame that first
//              shows a visible `[data-metric]` element holding text (looked
//              for in the frame after each change a MutationObserver,
//              installed before the page's scripts, sees), to the end of
//              that frame, which paints it, and
//              to the page's own `fitcheck-first-result` mark (app.js has
//              made its first report); for the page as it opens and for a
//              link with other counts (FIRST_LOADS).
//   leakage    from the test file's `change` event to #leakage-progress
//              data-state="done".
// Memory (read, leakage): every Chromium process started by this script is
// found through /proc (parent links, so other browsers on the machine do not
// count) and sampled every 50 ms. `renderer` is the peak resident set
// (VmHWM) of the tab's renderer process, which also runs its dedicated Web
// Workers; `rendererFootprint` is the peak (sampled) of that renderer's
// private memory footprint as Chromium defines it on Linux, RssAnon + VmSwap
// (its Task Manager's "Memory footprint": the resident set without the
// file-backed pages, chiefly Chromium's own code, shared by every process);
// `rendererIdle` and `rendererIdleFootprint` are the same on the idle page just
// before the pick; `chromium` is the peak of the summed VmRSS of all of this
// browser's processes minus their sum on the idle page just before the pick.
//
// Prints progress on stderr and one JSON object on stdout. Every wait has a
// timeout; on SIGTERM/SIGINT, an error or the overall --timeout (default
// 1800 s) it closes the browser, stops the servers and kills whatever
// process it started that is still running, by pid.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (...a) => console.error(...a);

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { mode: argv[0], frameLoop: false, roots: [], files: [], repeats: 1, timeout: 1800, moves: 120, dragMoves: 60, loads: 7 };
  const numeric = { '--repeats': 'repeats', '--timeout': 'timeout', '--moves': 'moves', '--drag-moves': 'dragMoves', '--loads': 'loads' };
  for (let i = 1; i < argv.length; i += 1) {
    if (argv[i] === '--root') opts.roots.push(path.resolve(argv[(i += 1)]));
    else if (argv[i] === '--frame-loop') opts.frameLoop = true;
    else if (numeric[argv[i]]) opts[numeric[argv[i]]] = Number(argv[(i += 1)]);
    else opts.files.push(path.resolve(argv[i]));
  }
  const need = { read: [1, Infinity], threshold: [1, 1], first: [0, 0], weight: [0, 0], leakage: [2, 2] }[opts.mode];
  if (!need || opts.files.length < need[0] || opts.files.length > need[1] || !(opts.repeats >= 1)) {
    log('usage: node bench/browser.mjs read|threshold|first|weight|leakage [--root DIR]... [--repeats N] [--timeout S] [--frame-loop] [FILES...]');
    process.exit(2);
  }
  if (opts.roots.length === 0) opts.roots.push(ROOT);
  return opts;
}

// ---------------------------------------------------------------------------
// Processes: servers, the browser, clean-up, memory
// ---------------------------------------------------------------------------

/** Parent pid of every process on the machine. */
function parents() {
  const map = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      map.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* the process ended */ }
  }
  return map;
}

/** Pids of every process descended from this one. */
function descendants() {
  const map = parents();
  const children = new Map();
  for (const [pid, ppid] of map) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const out = [];
  const queue = [process.pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** {type, rss, hwm} of a Chromium process (type from --type=, 'browser' without), or null. */
function chromiumProcess(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!/chrom/i.test(cmd.split('\0')[0])) return null;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return {
      type: /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser',
      rss: kb('VmRSS'),
      hwm: kb('VmHWM'),
      // Chromium's own "private memory footprint" on Linux (what its Task
      // Manager's "Memory footprint" column shows): RssAnon + VmSwap, see
      // CalculatePrivateFootprintKb in Chromium's memory_instrumentation
      // (crbug.com/707019). Unlike VmRSS it leaves out file-backed pages,
      // chiefly the Chromium binary's code, which every process maps and
      // shares (about 94 MB of a renderer's resident set here).
      footprint: kb('RssAnon') + kb('VmSwap'),
    };
  } catch {
    return null;
  }
}

/** This script's Chromium processes now: pid -> {type, rss, hwm}. */
function chromiumProcesses() {
  const out = new Map();
  for (const pid of descendants()) {
    const p = chromiumProcess(pid);
    if (p) out.set(pid, p);
  }
  return out;
}

const sum = (procs) => [...procs.values()].reduce((s, p) => s + p.rss, 0);

/** Samples this browser's processes every 50 ms until stop(). */
function watchMemory() {
  let pids = [...chromiumProcesses().keys()];
  let rescan = 0;
  const atStart = chromiumProcesses();
  const idle = sum(atStart);
  const rendererIdle = Math.max(0, ...[...atStart.values()].filter((p) => p.type === 'renderer').map((p) => p.rss));
  let peakSum = idle;
  const renderers = new Map(); // pid -> peak hwm
  const footprints = new Map(); // pid -> peak private footprint (sampled)
  const rendererIdleFootprint = Math.max(0, ...[...atStart.values()].filter((p) => p.type === 'renderer').map((p) => p.footprint));
  const sample = () => {
    if ((rescan += 1) % 10 === 0) pids = [...chromiumProcesses().keys()];
    let total = 0;
    for (const pid of pids) {
      const p = chromiumProcess(pid);
      if (!p) continue;
      total += p.rss;
      if (p.type === 'renderer') {
        renderers.set(pid, Math.max(renderers.get(pid) ?? 0, p.hwm));
        footprints.set(pid, Math.max(footprints.get(pid) ?? 0, p.footprint));
      }
    }
    peakSum = Math.max(peakSum, total);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      pids = [...chromiumProcesses().keys()];
      sample();
      return {
        idle,
        peakAboveIdle: peakSum - idle,
        peakSum,
        renderer: Math.max(0, ...renderers.values()),
        rendererIdle,
        rendererFootprint: Math.max(0, ...footprints.values()),
        rendererIdleFootprint,
      };
    },
  };
}

/**
 * Starts SCRIPT (a serve.py) on port 0 serving root, or the built site in
 * root/dist/site when there is one (what scripts/serve.sh serves); resolves
 * with {url, root, site, stop}, `site` being the folder served.
 */
function startServer(root) {
  const own = path.join(root, 'scripts', 'serve.py');
  const script = existsSync(own) ? own : path.join(ROOT, 'scripts', 'serve.py');
  const built = path.join(root, 'dist', 'site');
  const site = existsSync(path.join(built, 'index.html')) ? built : root;
  if (site !== root) log(`${root}: serving its built site, ${site}`);
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [script, '--port', '0', '--root', site], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start in 30 s: ${out}`)); }, 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], root, site, script, stop: () => child.kill('SIGKILL') });
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited early (${code}): ${out}`)); });
  });
}

const state = { browser: null, servers: [] };
let closing = false;

/** Closes the browser and servers; kills any process this script started that remains. */
async function shutdown(code, why) {
  if (closing) return;
  closing = true;
  if (why) log(why);
  try {
    await Promise.race([state.browser?.close(), new Promise((r) => { setTimeout(r, 10_000).unref(); })]);
  } catch { /* killed below */ }
  for (const s of state.servers) s.stop();
  for (const pid of descendants()) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
  process.exit(code);
}

process.on('SIGTERM', () => shutdown(143, 'SIGTERM: stopping'));
process.on('SIGINT', () => shutdown(130, 'SIGINT: stopping'));
process.on('unhandledRejection', (err) => shutdown(1, `error: ${err?.stack ?? err}`));
process.on('uncaughtException', (err) => shutdown(1, `error: ${err?.stack ?? err}`));
// Whatever way this process ends (even a crash past shutdown), its servers and browser go with it.
process.on('exit', () => {
  for (const s of state.servers) s.stop();
  for (const pid of descendants()) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
      // No host name resolves but this machine's, so nothing the page names by host can reach the
      // network (a literal IP address is not a host name: this rule does not cover it).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

/** Runs in the page before its scripts: timestamps file picks and every worker message. */
function instrument() {
  const bench = { picks: {}, messages: [], states: [], firstMetric: null, firstMetricText: null, firstPainted: null };
  window.__bench = bench;
  // A threshold move's parts (see moveParts): when the page posted it, when
  // the reply arrived, the worker's own time for it (elapsedMs), when the
  // page's handler of the reply returned, the next animation frame after it
  // and a task posted from that frame (run once the frame's style, layout
  // and paint are done).
  bench.posts = [];
  bench.replies = [];
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        bench.messages.push({ t: performance.now(), type: data?.type, rows: data?.rows });
      });
    }

    postMessage(message, ...rest) {
      if (message?.type === 'threshold' || message?.type === 'report') bench.posts.push({ t: performance.now(), type: message.type });
      return super.postMessage(message, ...rest);
    }

    get onmessage() { return super.onmessage; }

    set onmessage(handler) {
      super.onmessage = typeof handler !== 'function' ? handler : (event) => {
        const type = event.data?.type;
        if (type !== 'threshold' && type !== 'report') return handler.call(this, event);
        const reply = { type, t: performance.now(), workerMs: event.data.elapsedMs ?? null, handled: null, frame: null, painted: null };
        bench.replies.push(reply);
        try {
          return handler.call(this, event);
        } finally {
          reply.handled = performance.now();
          requestAnimationFrame(() => {
            reply.frame = performance.now();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => { reply.painted = performance.now(); };
            channel.port2.postMessage(null);
          });
        }
      };
    }
  };
  document.addEventListener('change', (event) => {
    if (event.target?.type === 'file') bench.picks[event.target.id] = performance.now();
  }, true);
  // When a progress box changes state (the read marked done after the report is rendered).
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) bench.states.push({ id: r.target.id, state: r.target.dataset.state, t });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  // The first metric on screen: a [data-metric] holding text that is not
  // hidden (the built site hides a prerendered report on a linked load until
  // app.js has shown the link's state: www/linked.js), then the end of the
  // frame that paints it (a task posted from that animation frame). It is
  // looked for only in an animation frame, after a change to the document:
  // there the frame lays the page out anyway, where a look from the
  // mutation observer itself would force a layout at every step of the
  // parse and slow the load it measures. Before the stylesheet has loaded,
  // no frame runs (nothing is painted without it).
  const firstShown = () => [...document.querySelectorAll('[data-metric]')]
    .find((e) => e.textContent.trim() !== '' && e.checkVisibility({ visibilityProperty: true }));
  let pending = false;
  const lookForFirst = () => {
    if (pending || bench.firstMetric !== null) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const shown = firstShown();
      if (!shown) return;
      firstObserver.disconnect();
      bench.firstMetric = performance.now();
      bench.firstMetricText = shown.textContent.trim();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { bench.firstPainted = performance.now(); };
      channel.port2.postMessage(null);
    });
  };
  const firstObserver = new MutationObserver(lookForFirst);
  firstObserver.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

/** Runs in the page: the numbers of the file report as shown. */
function readNumbers() {
  const text = (el) => (el?.textContent ?? '').trim();
  const metrics = {};
  for (const el of document.querySelectorAll('#metrics [data-metric]')) metrics[el.dataset.metric] = text(el);
  const rows = (/([\d,]+) rows/.exec(text(document.getElementById('file-summary')))?.[1] ?? '').replace(/,/g, '');
  const box = document.getElementById('matrix');
  const heads = (role, prefix) => [...box.querySelectorAll(`[role="${role}"]`)].map((h) => (h.title || '').replace(prefix, ''));
  const confusion = [...box.querySelectorAll('[role="row"]')].slice(1).map((row) => [...row.querySelectorAll('[role="cell"]')].map((c) => {
    const count = c.querySelector('.m-count');
    const shown = count ? text(count) : (/: ([\d,]+) \(/.exec(c.title)?.[1] ?? '');
    return Number(shown.replace(/,/g, ''));
  }));
  const perClass = {};
  for (const tr of document.querySelectorAll('#per-class tbody tr[data-class]')) {
    const cells = [...tr.querySelectorAll('td')].map(text);
    perClass[tr.dataset.class] = { precision: cells[0], recall: cells[1], f1: cells[2], support: Number(cells[3].replace(/,/g, '')) };
  }
  const averages = {};
  for (const tr of document.querySelectorAll('#per-class tbody tr[data-average]')) {
    const cells = [...tr.querySelectorAll('td')].map(text);
    averages[tr.dataset.average] = { precision: cells[0], recall: cells[1], f1: cells[2] };
  }
  return {
    rows: rows === '' ? null : Number(rows),
    metrics,
    confusion: { rows: heads('rowheader', /^truly /), columns: heads('columnheader', /^predicted /), counts: confusion },
    per_class: perClass,
    averages,
    summary: text(document.getElementById('file-summary')),
    threshold_sentence: text(document.getElementById('threshold-value')) || null,
    error: text(document.getElementById('file-error')) || null,
  };
}

/**
 * A fresh context and page with the instrumentation. Only this machine is
 * reachable in any mode (the browser resolves no other host: see launch());
 * with `intercept` (the default) every request also goes through this
 * script, which lets through only this origin's. The `first` mode turns it
 * off: an intercepted request makes a round trip through this Node process
 * before Chromium sends it, which a user's browser does not, and a link's
 * first result waits on six of them.
 */
async function openPage(browser, server, { intercept = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(60_000);
  if (intercept) {
    await context.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
  }
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  await page.addInitScript(instrument);
  return { context, page, problems };
}

/**
 * Waits until the progress box `id` reaches done, failed or cancelled after
 * the last file pick; returns {state, t} with t when that state was set.
 */
function settled(page, id, timeout = 900_000) {
  return until(page, (box) => {
    const b = window.__bench;
    const pick = Math.max(0, ...Object.values(b.picks));
    const end = b.states.find((s) => s.id === box && s.t >= pick && ['done', 'failed', 'cancelled'].includes(s.state));
    return end ? { state: end.state, t: end.t } : false;
  }, id, timeout);
}

/** Closes a context, giving up after 30 s (shutdown then kills the browser). */
function closeContext(context) {
  return Promise.race([context.close(), new Promise((_, reject) => { setTimeout(() => reject(new Error('closing a browser context took over 30 s')), 30_000).unref(); })]);
}

/** Waits for a page predicate with a timeout; returns its value. */
async function until(page, fn, arg, timeout) {
  return (await page.waitForFunction(fn, arg, { timeout, polling: 100 })).jsonValue();
}

// ---------------------------------------------------------------------------
// Modes
// ---------------------------------------------------------------------------

/** File picked → report on screen, numbers and memory. */
async function readOnce(browser, server, file) {
  const { context, page, problems } = await openPage(browser, server);
  try {
    await page.goto(server.url);
    await page.waitForSelector('[data-metric="precision"]');
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await page.waitForTimeout(300);
    const memory = watchMemory();
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
    const shown = await settled(page, 'progress');
    const mem = memory.stop();
    const bench = await page.evaluate(() => window.__bench);
    const numbers = await page.evaluate(readNumbers);
    if (shown.state !== 'done') throw new Error(`reading ${file} failed: ${numbers.error}`);
    const pick = bench.picks['file-input'];
    const reportAt = bench.messages.findIndex((m) => m.type === 'report');
    const lastProgress = bench.messages.slice(0, Math.max(0, reportAt)).filter((m) => m.type === 'progress').pop();
    return {
      shown_ms: shown.t - pick,
      report_ms: reportAt >= 0 ? bench.messages[reportAt].t - pick : null,
      loaded_ms: lastProgress ? lastProgress.t - pick : null,
      memory: mem,
      numbers,
      problems,
    };
  } finally {
    await closeContext(context);
  }
}

async function modeRead(opts) {
  const runs = [];
  for (let rep = 0; rep < opts.repeats; rep += 1) {
    for (const file of opts.files) {
      for (const server of rotate(state.servers, rep)) {
        const r = await readOnce(state.browser, server, file);
        runs.push({ root: server.root, file, bytes: statSync(file).size, rep, ...r });
        log(`  [${rep + 1}/${opts.repeats}] ${path.basename(file)} ${server.root}: shown ${(r.shown_ms / 1000).toFixed(2)} s`
          + ` (report ${fmtS(r.report_ms)}, loaded ${fmtS(r.loaded_ms)}), renderer peak ${mb(r.memory.renderer)} MB (footprint ${mb(r.memory.rendererFootprint)} MB),`
          + ` Chromium +${mb(r.memory.peakAboveIdle)} MB over idle ${mb(r.memory.idle)} MB`);
      }
    }
  }
  return { runs };
}

/** Runs in the page: records key presses, pointer moves and every DOM change (frames: recordFrames). */
function watchMoves() {
  const w = { starts: [], mutations: [], frames: [], last: 0, recording: false };
  window.__moves = w;
  const start = () => { w.starts.push(performance.now()); };
  document.getElementById('threshold-slider').addEventListener('keydown', start, true);
  document.getElementById('chart-roc').addEventListener('pointermove', start, true);
  new MutationObserver(() => {
    w.last = performance.now();
    w.mutations.push(w.last);
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
}

/**
 * Runs in the page: records every frame (a requestAnimationFrame loop) until
 * stopped. Only while it is needed: a pending frame makes Chromium hold a
 * worker's reply to a key press until that frame is drawn (it defers other
 * tasks after a discrete input while a frame is due), so a loop running
 * during the key presses added a frame's wait to every move, which a page
 * without animations does not have (`--frame-loop` keeps it running
 * throughout, to measure moves on a page that draws every frame).
 */
function recordFrames() {
  const w = window.__moves;
  if (w.recording) return;
  w.recording = true;
  const frame = (t) => {
    w.frames.push(t);
    if (w.frames.length < 100_000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Runs in the page: each move's time split into its parts, for the moves
 * started from index `from` on (key presses or pointer moves), each up to
 * the next move's start:
 *   input    start → the page posts the move to the worker
 *   worker   the worker's own time for the move (its reply's elapsedMs)
 *   transit  post → reply arrived, less the worker's time (both messages'
 *            structured clones, the worker's and the page's event loops)
 *   page     reply arrived → the page's handler returned (withMove, render)
 *   frame    handler returned → the next animation frame began
 *   paint    that frame's callbacks, style, layout and paint (to a task
 *            posted from the frame)
 *   painted  start → paint done: the move on screen
 * A move answered by a full report (the first, before a report decides)
 * has type 'report'; a move with several posts (coalesced) sums them.
 */
function moveParts(from = 0) {
  const w = window.__moves;
  const b = window.__bench;
  const out = [];
  for (let i = from; i < w.starts.length; i += 1) {
    const start = w.starts[i];
    const end = w.starts[i + 1] ?? Infinity;
    const posts = b.posts.filter((p) => p.t >= start && p.t < end);
    const replies = b.replies.filter((r) => r.t >= start && r.t < end);
    if (posts.length === 0 || replies.length === 0) {
      out.push(null);
      continue;
    }
    const last = replies[replies.length - 1];
    const workerMs = replies.reduce((s, r) => s + (r.workerMs ?? 0), 0);
    const round = replies.reduce((s, r, k) => s + r.t - (posts[k] ?? posts[posts.length - 1]).t, 0);
    out.push({
      type: last.type,
      posts: posts.length,
      input: posts[0].t - start,
      worker: workerMs,
      transit: round - workerMs,
      page: replies.reduce((s, r) => s + (r.handled ?? r.t) - r.t, 0),
      frame: last.frame !== null && last.handled !== null ? last.frame - last.handled : null,
      paint: last.painted !== null && last.frame !== null ? last.painted - last.frame : null,
      painted: last.painted !== null ? last.painted - start : null,
    });
  }
  return out;
}

/** Median, p95 and worst of each part of moveParts' moves. */
function partStats(parts) {
  const out = {};
  for (const key of ['input', 'worker', 'transit', 'page', 'frame', 'paint', 'painted']) {
    out[key] = stats(parts.filter((p) => p).map((p) => p[key]));
  }
  return out;
}

/** One line of partStats: median/p95 of each part. */
function partLine(ps) {
  return Object.entries(ps).map(([k, s]) => `${k} ${s.median.toFixed(1)}/${s.p95.toFixed(1)}`).join(', ');
}

/**
 * Waits until a move has landed: the threshold sentence differs from
 * `before` and the page has not changed for `quiet` ms. Returns the move's
 * time (its start to its last DOM change) and the new sentence.
 */
async function settle(page, before, quiet, timeout = 60_000) {
  return until(page, ([b, q]) => {
    const w = window.__moves;
    const now = performance.now();
    const sentence = document.getElementById('threshold-value').textContent;
    if (sentence === b || now - w.last < q) return false;
    const start = w.starts[w.starts.length - 1];
    const after = w.mutations.filter((t) => t >= start);
    return { ms: after.length ? after[after.length - 1] - start : null, sentence };
  }, [before, quiet], timeout);
}

const sentenceOf = (page) => page.locator('#threshold-value').textContent();

async function thresholdOnce(browser, server, file, opts) {
  const { context, page, problems } = await openPage(browser, server);
  try {
    await page.goto(server.url);
    await page.waitForSelector('[data-metric="precision"]');
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
    const done = await until(page, () => {
      const s = document.getElementById('progress').dataset.state;
      return s === 'done' || s === 'failed' ? s : false;
    }, null, 900_000);
    if (done !== 'done') throw new Error(`reading ${file} failed`);
    await page.waitForSelector('#explorer:not([hidden])');
    await page.evaluate(watchMoves);
    if (opts.frameLoop) await page.evaluate(recordFrames);
    const slider = page.locator('#threshold-slider');
    await slider.scrollIntoViewIfNeeded();
    await slider.focus();
    // A walk over the slider: mostly arrow steps, some page jumps, kept near
    // the middle so every press moves (the rank is read back each time).
    let seed = 12345;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const max = Number(await slider.getAttribute('max'));
    const keys = [];
    const times = [];
    let noops = 0;
    for (let i = 0; i < opts.moves + 1; i += 1) {
      const rank = Number(await slider.inputValue());
      const up = rank < max * 0.3 ? true : rank > max * 0.7 ? false : random() < 0.5;
      const key = random() < 0.25 ? (up ? 'PageUp' : 'PageDown') : (up ? 'ArrowRight' : 'ArrowLeft');
      const before = await sentenceOf(page);
      await page.keyboard.press(key);
      try {
        const r = await settle(page, before, 100, 30_000);
        keys.push(key);
        times.push(r.ms);
      } catch {
        noops += 1; // the sentence did not change (should not happen away from the ends)
      }
    }
    const keyParts = await page.evaluate(moveParts);
    const afterKeys = await page.evaluate(readNumbers);
    // Drag on the ROC chart, one pointer move at a time, each waited for.
    const roc = page.locator('#chart-roc');
    await roc.scrollIntoViewIfNeeded();
    const box = await roc.boundingBox();
    const plot = { left: 52 / 380, right: (380 - 14) / 380, top: 40 / 300, bottom: (300 - 44) / 300 };
    const at = (fpr, tpr) => [box.x + box.width * (plot.left + fpr * (plot.right - plot.left)),
      box.y + box.height * (plot.bottom - tpr * (plot.bottom - plot.top))];
    const drag = [];
    const dragFrom = await page.evaluate(() => window.__moves.starts.length);
    let [x, y] = at(0.02, 0.2);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.waitForTimeout(500);
    for (let i = 0; i < opts.dragMoves; i += 1) {
      const f = 0.02 + (0.7 * (i + 1)) / opts.dragMoves;
      [x, y] = at(f, Math.min(1, 0.2 + f * 1.1));
      const before = await sentenceOf(page);
      await page.mouse.move(x, y);
      try {
        drag.push((await settle(page, before, 50, 30_000)).ms);
      } catch { /* the nearest curve point did not change */ }
    }
    const dragParts = await page.evaluate(moveParts, dragFrom);
    // A continuous drag back: a pointer move every 16 ms without waiting;
    // the longest frame while it runs shows whether it keeps the frame rate.
    await page.evaluate(recordFrames);
    const framesFrom = await page.evaluate(() => window.__moves.frames.length);
    const tStart = await page.evaluate(() => performance.now());
    for (let i = 0; i < 60; i += 1) {
      const f = 0.72 - (0.7 * (i + 1)) / 60;
      [x, y] = at(f, Math.min(1, 0.2 + f * 1.1));
      await page.mouse.move(x, y);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    await page.waitForTimeout(300);
    const continuous = await page.evaluate(([from, t0]) => {
      const f = window.__moves.frames.slice(from);
      const gaps = f.slice(1).map((t, i) => t - f[i]);
      return { ms: performance.now() - t0, frames: f.length, longest_frame_ms: Math.max(0, ...gaps), over_33ms: gaps.filter((g) => g > 33.4).length };
    }, [framesFrom, tStart]);
    const numbers = await page.evaluate(readNumbers);
    return { first_ms: times[0], times: times.slice(1), keys: keys.slice(1), noops, drag, continuous, checks: [afterKeys, numbers], problems,
      parts: keyParts.slice(1), first_parts: keyParts[0] ?? null, drag_parts: dragParts.slice(1) };
  } finally {
    await closeContext(context);
  }
}

async function modeThreshold(opts) {
  const runs = [];
  for (let rep = 0; rep < opts.repeats; rep += 1) {
    for (const server of rotate(state.servers, rep)) {
      const r = await thresholdOnce(state.browser, server, opts.files[0], opts);
      const s = stats(r.times);
      const ps = partStats(r.parts);
      runs.push({ root: server.root, file: opts.files[0], rep, ...r, stats: s, drag_stats: stats(r.drag), part_stats: ps, drag_part_stats: partStats(r.drag_parts) });
      log(`  [${rep + 1}/${opts.repeats}] ${server.root}: first move ${r.first_ms?.toFixed(1)} ms; ${r.times.length} moves: median ${s.median.toFixed(1)}, p95 ${s.p95.toFixed(1)}, worst ${s.worst.toFixed(1)} ms;`
        + ` drag ${r.drag.length} moves median ${stats(r.drag).median.toFixed(1)} ms, worst ${stats(r.drag).worst.toFixed(1)} ms; continuous drag longest frame ${r.continuous.longest_frame_ms.toFixed(1)} ms`);
      log(`      key moves, median/p95 ms: ${partLine(ps)}; painted worst ${ps.painted.worst.toFixed(1)} ms`);
    }
  }
  return { runs };
}

/**
 * The addresses `first` loads: the page as it opens (the worked example) and
 * a shared link with other counts (the fraud example), whose report no build
 * can have ready.
 */
const FIRST_LOADS = [
  { kind: 'plain', query: '' },
  { kind: 'linked', query: '?tp=12&fn=88&fp=12&tn=4888' },
];

/** Cold loads: navigation start → first metric on screen, and painted. */
async function modeFirst(opts) {
  const runs = [];
  for (let i = 0; i < opts.loads * opts.repeats; i += 1) {
    for (const { kind, query } of FIRST_LOADS) {
      for (const server of rotate(state.servers, i)) {
        const { context, page, problems } = await openPage(state.browser, server, { intercept: false });
        try {
          await page.goto(server.url + query);
          const r = await until(page, () => {
            const b = window.__bench;
            const mark = performance.getEntriesByName('fitcheck-first-result')[0];
            return b.firstPainted !== null && mark
              ? { first_metric_ms: b.firstMetric, painted_ms: b.firstPainted, metric_text: b.firstMetricText, mark_ms: mark.startTime }
              : false;
          }, null, 60_000);
          runs.push({ root: server.root, kind, load: i, ...r, problems });
          log(`  [${i + 1}/${opts.loads * opts.repeats}] ${server.root} ${kind}: first metric ${r.first_metric_ms.toFixed(0)} ms, painted ${r.painted_ms.toFixed(0)} ms `
            + `("${r.metric_text}"; mark ${r.mark_ms.toFixed(0)} ms)`);
        } finally {
          await closeContext(context);
        }
      }
    }
  }
  return { runs };
}

/** Every file the page loads, through every tab, the counts comparison and a small file read in the worker. */
async function modeWeight() {
  const out = [];
  const sample = path.join(ROOT, 'tests/browser/fixtures/scores.csv');
  for (const server of state.servers) {
    const { context, page } = await openPage(state.browser, server);
    const urls = new Set();
    const atOpen = new Set();
    const note = (req) => { if (req.url().startsWith(server.url)) urls.add(req.url().split(/[?#]/)[0]); };
    context.on('request', note);
    page.on('worker', (worker) => { urls.add(worker.url().split(/[?#]/)[0]); });
    try {
      await page.goto(server.url);
      await page.waitForSelector('[data-metric="precision"]');
      // What opening the page costs: everything fetched until the first
      // result is on screen and the page has been idle for a second.
      await page.waitForTimeout(1000);
      for (const url of urls) atOpen.add(url);
      const tabs = page.getByRole('tab');
      for (let i = 0; i < await tabs.count(); i += 1) {
        await tabs.nth(i).click();
        await page.waitForTimeout(300);
      }
      // The calculator's counts comparison (its view and core come when it is first shown).
      await page.getByRole('tab', { name: 'Type the four counts' }).click();
      await page.getByRole('button', { name: 'Compare with another model' }).click();
      await page.waitForSelector('#counts-compare-panel:not([hidden])');
      await page.getByRole('tab', { name: 'Load a predictions file' }).click();
      if (existsSync(sample)) {
        await page.getByLabel('Choose a CSV file of predictions').setInputFiles(sample);
        await until(page, () => ['done', 'failed'].includes(document.getElementById('progress').dataset.state) || false, null, 60_000);
      }
      await page.waitForTimeout(500);
    } finally {
      await closeContext(context);
    }
    const relOf = (url) => {
      const rel = decodeURIComponent(new URL(url).pathname).replace(/^\//, '');
      return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
    };
    const rels = new Set([...urls].map(relOf));
    const openRels = new Set([...atOpen].map(relOf));
    // The other tabs' workers start only when their tab reads a file: counted too.
    const www = path.join(server.site, 'www');
    const lazy = readdirSync(www).filter((f) => /-worker\.js$|^worker-[a-z-]+\.js$/.test(f)).map((f) => `www/${f}`).filter((f) => !rels.has(f));
    const files = [];
    for (const rel of [...rels, ...lazy].sort()) {
      const file = path.join(server.site, rel);
      if (!existsSync(file) || !statSync(file).isFile()) continue;
      files.push({ path: rel, bytes: statSync(file).size, gzip9: execFileSync('gzip', ['-9', '-n', '-c', file], { maxBuffer: 1 << 30 }).length, lazy: lazy.includes(rel), open: openRels.has(rel) });
    }
    const total = files.reduce((s, f) => s + f.gzip9, 0);
    const open = files.filter((f) => f.open).reduce((s, f) => s + f.gzip9, 0);
    out.push({ root: server.root, files, open_gzip9: open, total_gzip9: total });
    log(`  ${server.root}: at open ${files.filter((f) => f.open).length} files, ${(open / 1000).toFixed(1)} kB gzipped (-9);`
      + ` in total ${files.length} files, ${(total / 1000).toFixed(1)} kB`);
  }
  return { roots: out };
}

/** The Leakage check tab: both files picked → report on screen. */
async function modeLeakage(opts) {
  const [train, test] = opts.files;
  const runs = [];
  for (let rep = 0; rep < opts.repeats; rep += 1) {
    for (const server of rotate(state.servers, rep)) {
      const { context, page, problems } = await openPage(state.browser, server);
      try {
        await page.goto(`${server.url}?leakage=1`);
        await page.waitForSelector('#leakage-panel:not([hidden])');
        await page.waitForTimeout(300);
        await page.getByLabel('Training file', { exact: true }).setInputFiles(train);
        const memory = watchMemory();
        await page.getByLabel('Test file', { exact: true }).setInputFiles(test);
        const shown = await settled(page, 'leakage-progress');
        const mem = memory.stop();
        const pick = await page.evaluate(() => window.__bench.picks['leakage-test-input']);
        const counts = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#leakage-measures tbody tr')]
          .map((tr) => [tr.dataset.row, Number((tr.querySelector('td')?.textContent ?? '').replace(/,/g, ''))])));
        const facts = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-fact]')].map((e) => [e.dataset.fact, e.textContent.trim()])));
        const error = shown.state === 'done' ? null : await page.locator('#leakage-error').textContent();
        if (error !== null) throw new Error(`leakage check failed: ${error}`);
        runs.push({ root: server.root, rep, shown_ms: shown.t - pick, bytes: statSync(train).size + statSync(test).size, memory: mem, counts, facts, problems });
        log(`  [${rep + 1}/${opts.repeats}] ${server.root}: ${shown.state} in ${((shown.t - pick) / 1000).toFixed(2)} s, renderer peak ${mb(mem.renderer)} MB, Chromium +${mb(mem.peakAboveIdle)} MB; ${JSON.stringify(counts)}`);
      } finally {
        await closeContext(context);
      }
    }
  }
  return { runs };
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function rotate(list, by) {
  const k = by % list.length;
  return list.slice(k).concat(list.slice(0, k));
}

function stats(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return { n: 0, median: NaN, p95: NaN, worst: NaN };
  const q = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  return { n: v.length, median: v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2, p95: q(0.95), worst: v[v.length - 1] };
}

const mb = (b) => (b / 1e6).toFixed(0);
const fmtS = (ms) => (ms === null || ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);

// ---------------------------------------------------------------------------

const opts = parseArgs(process.argv.slice(2));
setTimeout(() => shutdown(124, `timeout: ${opts.timeout} s`), opts.timeout * 1000).unref();
try {
  for (const root of opts.roots) state.servers.push(await startServer(root));
  state.browser = await launch();
  log(`Chromium ${state.browser.version()}: ${opts.mode}`);
  const modes = { read: modeRead, threshold: modeThreshold, first: modeFirst, weight: modeWeight, leakage: modeLeakage };
  const result = await modes[opts.mode](opts);
  process.stdout.write(`${JSON.stringify({ mode: opts.mode, chromium: state.browser.version(), ...result })}\n`);
  await shutdown(0);
} catch (err) {
  await shutdown(1, `error: ${err?.stack ?? err}`);
}
