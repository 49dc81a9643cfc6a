// Threshold moves in the page, as a person makes them: a score file is read
// in "Load a predictions file", then the slider is stepped with the keyboard
// and the histogram is dragged with the mouse.
//
//   node bench/page_threshold.mjs [--root DIR]... [--moves N] FILE
//
// Key presses are timed as tests/browser/explorer.test.mjs times them: in the
// page, from the keydown to the change of the precision shown (a
// MutationObserver). The drag moves the pointer across the histogram once
// per animation frame and records the frame intervals (a dropped frame
// shows as an interval of 33 ms or more) and the time from the last pointer
// move to the metrics settling. With several roots, each root's page is
// opened and the file read once; then blocks of five key moves take turns
// between the roots (so both see the same machine), then one drag each.

import path from 'node:path';
import { startServer, launchBrowser, readDone } from '../tests/browser/harness.mjs';

const roots = [];
let moves = 40;
let file = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === '--root') roots.push(path.resolve(argv[(i += 1)]));
  else if (argv[i] === '--moves') moves = Number(argv[(i += 1)]);
  else file = path.resolve(argv[i]);
}
if (!file) {
  console.error('usage: node bench/page_threshold.mjs [--root DIR]... [--moves N] FILE');
  process.exit(2);
}
if (roots.length === 0) roots.push(path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'));

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Opens the page at `url`, reads `file` and starts recording key moves. */
async function open(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-metric="precision"]');
  await page.getByRole('tab', { name: 'Load a predictions file' }).click();
  await page.getByLabel('Choose a CSV file of predictions').setInputFiles(file);
  await readDone(page, 600_000);
  await page.waitForSelector('#explorer:not([hidden])');
  await page.evaluate(() => {
    window.updateTimes = [];
    let pressed = 0;
    document.getElementById('threshold-slider').addEventListener('keydown', () => { pressed = performance.now(); });
    new MutationObserver(() => {
      if (pressed) window.updateTimes.push(performance.now() - pressed);
      pressed = 0;
    }).observe(document.querySelector('[data-metric="precision"]'), { childList: true, characterData: true, subtree: true });
  });
  return { context, page };
}

/** `count` key moves (PageDown and PageUp in turn, from move `from` on), each waited for. */
async function keyMoves(page, from, count) {
  await page.bringToFront();
  await page.locator('#threshold-slider').focus();
  for (let i = from; i < from + count; i += 1) {
    const before = await page.locator('[data-metric="precision"]').textContent();
    await page.keyboard.press(i % 2 ? 'PageUp' : 'PageDown');
    await page.waitForFunction((b) => document.querySelector('[data-metric="precision"]').textContent !== b, before);
  }
}

/** A drag across the histogram, one pointer move per frame: frame intervals and settling time. */
async function drag(page) {
  await page.bringToFront();
  await page.locator('#chart-hist').scrollIntoViewIfNeeded();
  const box = await page.locator('#chart-hist').boundingBox();
  await page.evaluate(() => {
    window.frames = [];
    let last = performance.now();
    window.stopFrames = false;
    const tick = (t) => { window.frames.push(t - last); last = t; if (!window.stopFrames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const y = box.y + box.height * 0.6;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  const steps = 60;
  for (let i = 0; i <= steps; i += 1) {
    await page.mouse.move(box.x + box.width * (0.2 + (0.6 * i) / steps), y);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  const released = await page.evaluate(() => performance.now());
  await page.mouse.up();
  const settled = await page.evaluate(async (start) => {
    const text = () => document.querySelector('[data-metric="precision"]').textContent;
    let seen = text();
    let at = performance.now();
    for (let i = 0; i < 30; i += 1) {
      await new Promise(requestAnimationFrame);
      if (text() !== seen) { seen = text(); at = performance.now(); }
    }
    window.stopFrames = true;
    return at - start;
  }, released);
  const frames = (await page.evaluate(() => window.frames)).slice(1).sort((a, b) => a - b);
  return { frames, settled };
}

const servers = [];
for (const root of roots) servers.push({ root, ...(await startServer(root)) });
const browser = await launchBrowser();
const BLOCK = 5;
try {
  const pages = [];
  for (const server of servers) pages.push({ ...server, ...(await open(browser, server.url)) });
  // Blocks of key moves, the roots taking turns, so that both see the same machine.
  for (let done = 0; done < moves; done += BLOCK) {
    for (const p of pages) await keyMoves(p.page, done, Math.min(BLOCK, moves - done));
  }
  for (const p of pages) p.drag = await drag(p.page);
  const f = (x) => x.toFixed(1);
  for (const p of pages) {
    const keys = (await p.page.evaluate(() => window.updateTimes)).sort((a, b) => a - b);
    const { frames, settled } = p.drag;
    console.log(`${p.root}: ${keys.length} key moves: median ${f(pct(keys, 50))} ms, p90 ${f(pct(keys, 90))}, p95 ${f(pct(keys, 95))}, worst ${f(keys[keys.length - 1])}; `
      + `drag: frames median ${f(pct(frames, 50))} ms, p95 ${f(pct(frames, 95))}, worst ${f(frames[frames.length - 1])}, ${frames.filter((x) => x > 25).length}/${frames.length} over 25 ms; metrics settled ${f(settled)} ms after the last move`);
    await p.context.close();
  }
} finally {
  await browser.close();
  for (const server of servers) server.stop();
}
