// First result after navigation: cold loads of the page (a fresh browser
// context each: empty HTTP cache) in headless Chromium, served by
// scripts/serve.py as scripts/serve.sh serves it.
//
//   node bench/page_first_result.mjs [--root DIR]... [--loads N]
//
// Prints, per root, the median and spread of `fitcheck-first-result` (the
// mark the page sets when the first report is on screen, in ms since
// navigation started) and of the load event, and the bytes the page
// fetched (as sent, and gzipped at level 9: the page weight). With several
// roots the loads alternate, so both share the machine's state; a root with
// its own scripts/serve.py is served by it.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer, launchBrowser } from '../tests/browser/harness.mjs';

const roots = [];
let loads = 7;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === '--root') roots.push(path.resolve(argv[(i += 1)]));
  else if (argv[i] === '--loads') loads = Number(argv[(i += 1)]);
}
if (roots.length === 0) roots.push(path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'));

async function coldLoad(browser, server) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const fetched = new Set();
    page.on('requestfinished', (request) => fetched.add(new URL(request.url()).pathname));
    await page.goto(server.url);
    await page.waitForFunction(() => performance.getEntriesByName('fitcheck-first-result').length > 0, null, { timeout: 60_000 });
    const t = await page.evaluate(() => ({
      first: performance.getEntriesByName('fitcheck-first-result')[0].startTime,
      load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? NaN,
    }));
    // Requests finish after the mark, too (workers, lazy modules): give them a moment.
    await page.waitForTimeout(500);
    return { ...t, fetched: [...fetched] };
  } finally {
    await context.close();
  }
}

const servers = [];
for (const root of roots) {
  // A site copy with its own scripts/serve.py is served by that server (the
  // server is part of what is measured); otherwise by this repository's.
  const own = path.join(root, 'scripts/serve.py');
  servers.push({ root, ...(await startServer(root, existsSync(own) ? own : undefined)) });
}
const browser = await launchBrowser();
const results = new Map(servers.map((s) => [s.root, { first: [], load: [], fetched: new Set() }]));
try {
  for (let i = 0; i < loads; i += 1) {
    const order = i % 2 ? [...servers].reverse() : servers;
    for (const server of order) {
      const r = await coldLoad(browser, server);
      const acc = results.get(server.root);
      acc.first.push(r.first);
      acc.load.push(r.load);
      for (const f of r.fetched) acc.fetched.add(f);
    }
  }
  for (const [root, acc] of results) {
    const sorted = (a) => [...a].sort((x, y) => x - y);
    const first = sorted(acc.first);
    const load = sorted(acc.load);
    const mid = (a) => a[Math.floor(a.length / 2)];
    let raw = 0;
    let gz = 0;
    const files = [];
    for (const f of [...acc.fetched].sort()) {
      const file = path.join(root, f === '/' ? 'index.html' : f);
      const bytes = readFileSync(file);
      const g = gzipSync(bytes, { level: 9 }).length;
      raw += bytes.length;
      gz += g;
      files.push(`${f} ${(g / 1000).toFixed(1)}`);
    }
    console.log(`${root}: first result median ${mid(first).toFixed(0)} ms (${first.map((x) => x.toFixed(0)).join(' ')}), load event median ${mid(load).toFixed(0)} ms; `
      + `fetched ${acc.fetched.size} files, ${(raw / 1000).toFixed(1)} kB as sent, ${(gz / 1000).toFixed(1)} kB gzipped`);
    console.log(`  gzipped kB: ${files.join(', ')}`);
  }
} finally {
  await browser.close();
  for (const server of servers) server.stop();
}
