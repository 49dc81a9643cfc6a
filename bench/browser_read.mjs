// Read throughput of the page in headless Chromium: a person picks a score
// file in "Load a predictions file"; how long until the columns are loaded,
// and until the report is on the page? (`node bench/browser.mjs read`, which
// bench/run.py drives, measures the same with the tab's memory and the
// numbers on screen; this script stays for quick before/after reads.)
//
//   node bench/browser_read.mjs [--root DIR]... [--repeats N] FILE...
//
// Each --root is a copy of the site (index.html + www/ with www/pkg built);
// the default is this repository. With several roots they run alternately,
// the order rotating every repetition, so a before/after comparison shares
// one machine state: e.g. copy index.html and www/ of main's build to
// /tmp/before, then `--root /tmp/before --root .`.
//
// Times are taken in the page (performance.now()): from the file input's
// `change` event (the file is picked) to
//   loaded  the worker's last progress message before the report (it is
//           posted once the parser has finished: the columns are loaded),
//   report  the worker's report message,
//   shown   the page marking the read done after rendering the report.
// MB/s is the file size over the time (MB = 10^6 B). A fresh browser
// context per run; the best of the repetitions is printed at the end.
// Files: `python3 bench/run.py` generates bench/data/scores_1e6.csv and
// scores_1e7.csv (see `generate` there).

import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser } from '../tests/browser/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const roots = [];
  const files = [];
  let repeats = 3;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--root') roots.push(path.resolve(argv[(i += 1)]));
    else if (argv[i] === '--repeats') repeats = Number(argv[(i += 1)]);
    else files.push(path.resolve(argv[i]));
  }
  if (files.length === 0 || !(repeats >= 1)) {
    console.error('usage: node bench/browser_read.mjs [--root DIR]... [--repeats N] FILE...');
    process.exit(2);
  }
  return { roots: roots.length ? roots : [ROOT], files, repeats };
}

/** Runs in the page before its scripts: timestamps the pick and every worker message. */
function instrument() {
  const bench = { pick: null, messages: [] };
  window.__bench = bench;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        bench.messages.push({ t: performance.now(), type: data.type, rows: data.rows, bytes: data.bytes, error: data.error?.message });
      });
    }
  };
  document.addEventListener('change', (event) => {
    if (event.target.id === 'file-input') bench.pick = performance.now();
  }, true);
}

async function readOnce(browser, url, file) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(instrument);
    await page.goto(url);
    await page.waitForSelector('[data-metric="precision"]');
    await page.getByRole('tab', { name: 'Load a predictions file' }).click();
    await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
    const shown = await page.waitForFunction(() => {
      const state = document.getElementById('progress').dataset.state;
      return state === 'done' || state === 'failed' ? { state, t: performance.now() } : false;
    }, null, { timeout: 600_000, polling: 'raf' }).then((h) => h.jsonValue());
    const bench = await page.evaluate(() => window.__bench);
    const error = bench.messages.find((m) => m.type === 'error');
    if (shown.state !== 'done') throw new Error(`reading failed: ${error?.error}`);
    const reportAt = bench.messages.findIndex((m) => m.type === 'report');
    const lastProgress = bench.messages.slice(0, reportAt).filter((m) => m.type === 'progress').pop();
    return {
      rows: lastProgress.rows,
      loaded: lastProgress.t - bench.pick,
      report: bench.messages[reportAt].t - bench.pick,
      shown: shown.t - bench.pick,
    };
  } finally {
    await context.close();
  }
}

const { roots, files, repeats } = parseArgs(process.argv.slice(2));
const servers = [];
for (const root of roots) servers.push({ root, ...(await startServer(root)) });
const browser = await launchBrowser();
const mbps = (bytes, ms) => (bytes / 1e6 / (ms / 1000)).toFixed(1);
const best = new Map(); // `${root}\t${file}` -> {loaded, report, shown}
try {
  console.log(`Chromium ${browser.version()}, best of ${repeats}, roots alternating`);
  for (let rep = 0; rep < repeats; rep += 1) {
    for (const file of files) {
      const size = statSync(file).size;
      const order = servers.slice(rep % servers.length).concat(servers.slice(0, rep % servers.length));
      for (const server of order) {
        const r = await readOnce(browser, server.url, file);
        const key = `${server.root}\t${file}`;
        const b = best.get(key) ?? { loaded: Infinity, report: Infinity, shown: Infinity, size, rows: r.rows };
        best.set(key, { ...b, loaded: Math.min(b.loaded, r.loaded), report: Math.min(b.report, r.report), shown: Math.min(b.shown, r.shown) });
        console.log(`[${rep + 1}/${repeats}] ${path.basename(file)} ${server.root}: ${r.rows} rows, loaded ${r.loaded.toFixed(0)} ms (${mbps(size, r.loaded)} MB/s), report ${r.report.toFixed(0)} ms (${mbps(size, r.report)} MB/s), shown ${r.shown.toFixed(0)} ms`);
      }
    }
  }
  console.log('\nBest:');
  console.log('file\troot\trows\tloaded ms\tloaded MB/s\treport ms\treport MB/s\tshown ms');
  for (const [key, b] of best) {
    const [root, file] = key.split('\t');
    console.log([path.basename(file), root, b.rows, b.loaded.toFixed(0), mbps(b.size, b.loaded), b.report.toFixed(0), mbps(b.size, b.report), b.shown.toFixed(0)].join('\t'));
  }
} finally {
  await browser.close();
  for (const server of servers) server.stop();
}
