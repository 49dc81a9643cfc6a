// Builds dist/site: the page as scripts/serve.sh serves it, with the same
// files at the same paths as the sources (index.html, www/...) but each
// script bundled with its imports and minified by esbuild, so the page
// opens with a few requests (index.html, style.css, app.js and the chunks
// it imports, the page's wasm core)
// instead of twenty-odd, and fewer bytes; the code
// of the tabs other than the counts comes in chunks of its own, fetched
// when the tab first opens. Run by build_wasm (scripts/setup-lib.sh) after
// www/pkg and www/pkg-page are built.
//
// The sources in www/ stay plain ES modules with no bundler (house style;
// the browser tests run them as they are); tests/browser/built-site.test.mjs
// uses every tab of this build. What goes in:
//   www/app.js         app.js and every module it imports statically (the
//                      counts tab), wasm-start.js among them, with the page's core glue
//                      (www/pkg-page/fitcheck.js), split by esbuild at
//                      the dynamic imports (the file, compare, training and
//                      leakage tabs' modules, and the counts comparison's
//                      view with the workers' core glue, www/pkg/fitcheck.js) into
//                      www/chunk-HASH.js files: one per tab's code, fetched
//                      when the tab first opens, and one per piece of code
//                      that several share (those app.js itself needs are
//                      fetched with it, the others with the first tab that
//                      needs them);
//   www/NAME-worker.js each worker with its imports and the workers' core glue
//                      (www/pkg/fitcheck.js), still a module worker;
//   www/style.css      minified;
//   www/pkg-page/fitcheck_bg.wasm, www/pkg/fitcheck_bg.wasm  copied;
//   index.html         the same markup, its modulepreload list replaced by
//                      the chunks app.js imports at open (and no preload of
//                      the page's wasm core, which its <head> fetches), with
//                      no tag of its own for wasm-start.js (see siteHtml), with
//                      the first result (the worked example's report) already
//                      in it, and two scripts inlined first in its <head>
//                      (scripts/prerender.mjs): www/page-core-start.js, which
//                      starts compiling the page's core, and www/linked.js,
//                      which hides that report on a linked load. The CSP
//                      allows those two by their hashes; every other script
//                      is a file from this origin.
//
// Usage: node scripts/build-site.mjs [--out dist/site]

import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { prerender } from './prerender.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');

/** The workers the page starts (core-source.js's WorkerName), each from www/NAME-worker.js. */
const WORKERS = ['ingest', 'compare', 'training', 'leakage'];

/**
 * wasm-bindgen's glue finds its wasm next to itself (`new URL('fitcheck_bg.wasm',
 * import.meta.url)`) when init() is given no compiled module; bundled, its
 * import.meta.url is the bundle's (www/), so that URL gets the glue's folder.
 * @param {string[]} folders the glues expected in this bundle: 'pkg', 'pkg-page'
 */
function glueUrlPlugin(folders) {
  return {
    name: 'fitcheck-glue-url',
    setup(build) {
      build.onLoad({ filter: /[\\/]www[\\/]pkg(-page)?[\\/]fitcheck\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const from = "new URL('fitcheck_bg.wasm', import.meta.url)";
        if (!text.includes(from)) throw new Error(`${args.path} no longer holds ${from}: update scripts/build-site.mjs`);
        const folder = path.basename(path.dirname(args.path));
        if (!folders.includes(folder)) throw new Error(`${args.path} bundled where only ${folders.join(' and ')}'s glue was expected`);
        return { contents: text.replace(from, `new URL('${folder}/fitcheck_bg.wasm', import.meta.url)`), loader: 'js' };
      });
    },
  };
}

/** Bundles `entry` (a file in www/) into one minified ES module; returns its text. */
async function bundle(entry, options = {}) {
  const result = await esbuild.build({
    entryPoints: [path.join(WWW, entry)],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'warning',
    charset: 'utf8',
    target: 'es2022',
    ...options,
  });
  if (result.outputFiles.length !== 1) throw new Error(`expected one output file for ${entry}, got ${result.outputFiles.length}`);
  return result.outputFiles[0].text;
}

/**
 * Bundles `entry` (a file in www/) into minified ES modules split at its
 * dynamic imports: the entry (under its own name), and chunk-HASH.js files
 * for each dynamically imported module and for code shared between them.
 * Returns their texts by path relative to www/.
 */
async function bundleSplit(entry, options = {}) {
  const result = await esbuild.build({
    entryPoints: [path.join(WWW, entry)],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    write: false,
    outdir: WWW,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
    charset: 'utf8',
    target: 'es2022',
    ...options,
  });
  /** @type {Record<string, string>} */
  const files = {};
  for (const file of result.outputFiles) files[path.relative(WWW, file.path)] = file.text;
  if (!files[entry]) throw new Error(`esbuild wrote no ${entry}: got ${Object.keys(files).join(', ')}`);
  return files;
}

/**
 * The chunks fetched with `entry` (a path in www/ among `files`): its static
 * imports of "./chunk-…" and theirs (not its dynamic `import("./chunk-…")`).
 * @param {Record<string, string>} files texts by path relative to www/
 * @param {string} entry
 * @returns {string[]}
 */
export function staticChunks(files, entry, seen = new Set()) {
  for (const [, chunk] of files[entry].matchAll(/(?:from|import)"\.\/(chunk-[A-Z0-9]+\.js)"/g)) {
    if (seen.has(chunk)) continue;
    if (files[chunk] === undefined) throw new Error(`${entry} imports ${chunk}, which esbuild did not write`);
    seen.add(chunk);
    staticChunks(files, chunk, seen);
  }
  return [...seen].sort();
}

/**
 * index.html for the built site: its modulepreload lines (the source
 * modules) replaced by `chunks`, the chunks app.js imports at open, so they
 * are fetched with app.js rather than after it; and no preload of the page's
 * wasm core, which the built page's <head> fetches itself
 * (www/page-core-start.js: a preload parsed after that fetch has started
 * would fetch it twice). Nor its `async` tag for www/wasm-start.js: on the
 * source page that module starts the core's compile ahead of app.js, which
 * the built page's <head> has already done, so it is bundled with app.js
 * instead. That is one request fewer before a shared link's first result
 * (which waits for app.js and every file it imports): with the stylesheet,
 * the core, app.js and its chunks, the page's files then fit Chromium's six
 * connections to one host at once (issue 11 goal 5).
 * @param {string} indexHtml
 * @param {string[]} chunks paths relative to www/
 */
export function siteHtml(indexHtml, chunks) {
  const lines = indexHtml.split('\n');
  const kept = lines.filter((line) => !/^\s*<link rel="modulepreload" href="www\/[^"]+">$/.test(line));
  if (kept.length === lines.length) throw new Error('index.html has no modulepreload links any more: update scripts/build-site.mjs');
  const preload = /^\s*<link rel="preload" href="www\/pkg-page\/fitcheck_bg\.wasm"[^>]*>$/;
  if (kept.filter((line) => preload.test(line)).length !== 1) throw new Error('index.html\'s preload of the page\'s wasm core changed: update scripts/build-site.mjs');
  const wasmStart = /^\s*<script type="module" async src="www\/wasm-start\.js"><\/script>$/;
  if (kept.filter((line) => wasmStart.test(line)).length !== 1) throw new Error('index.html\'s async tag for www/wasm-start.js changed: update scripts/build-site.mjs');
  let html = kept.filter((line) => !preload.test(line) && !wasmStart.test(line)).join('\n');
  const comment = /<!-- The page's wasm core and every module app\.js imports,[\s\S]*?-->/;
  if (!comment.test(html)) throw new Error('index.html\'s preload comment changed: update scripts/build-site.mjs');
  const preloads = chunks.map((chunk) => `\n  <link rel="modulepreload" href="www/${chunk}">`).join('');
  html = html.replace(comment, () => '<!-- Built by scripts/build-site.mjs: app.js and the chunks it imports hold the counts tab\'s modules (listed here, fetched with app.js); the other tabs\' come when they open; the page\'s wasm core is fetched by the first script in <head>. -->'
    + preloads);
  for (const src of ['www/app.js', 'www/style.css']) {
    if (!html.includes(`"${src}"`)) throw new Error(`index.html no longer names ${src}: update scripts/build-site.mjs`);
  }
  return html;
}

async function main() {
  const args = process.argv.slice(2);
  const out = path.resolve(ROOT, args[0] === '--out' && args[1] ? args[1] : 'dist/site');
  rmSync(out, { recursive: true, force: true });
  for (const dir of ['www/pkg', 'www/pkg-page']) mkdirSync(path.join(out, dir), { recursive: true });
  const split = await bundleSplit('app.js', { plugins: [glueUrlPlugin(['pkg-page', 'pkg'])] });
  const files = {
    'index.html': siteHtml(readFileSync(path.join(ROOT, 'index.html'), 'utf8'), staticChunks(split, 'app.js')),
    'www/style.css': (await esbuild.transform(readFileSync(path.join(WWW, 'style.css'), 'utf8'), { loader: 'css', minify: true, charset: 'utf8' })).code,
  };
  for (const [rel, text] of Object.entries(split)) {
    if (rel.includes('/') || rel.endsWith('-worker.js') || rel === 'wasm-start.js') throw new Error(`app.js's split would write www/${rel}`);
    files[`www/${rel}`] = text;
  }
  for (const name of WORKERS) {
    files[`www/${name}-worker.js`] = await bundle(`${name}-worker.js`, { plugins: [glueUrlPlugin(['pkg'])] });
  }
  // The first result in the markup, and the inline scripts that start the page's core and hide that result on a linked load (scripts/prerender.mjs).
  files['index.html'] = await prerender(files['index.html'], { pageCore: readFileSync(path.join(WWW, 'pkg-page/fitcheck_bg.wasm')) });
  for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(out, rel), text);
  for (const rel of ['www/pkg/fitcheck_bg.wasm', 'www/pkg-page/fitcheck_bg.wasm']) copyFileSync(path.join(ROOT, rel), path.join(out, rel));
  const gz = (rel) => gzipSync(readFileSync(path.join(out, rel)), { level: 9 }).length;
  const atOpen = ['index.html', 'www/style.css', 'www/app.js', ...staticChunks(split, 'app.js').map((c) => `www/${c}`), 'www/pkg-page/fitcheck_bg.wasm'];
  const open = atOpen.reduce((s, f) => s + gz(f), 0);
  console.log(`served site: ${out} (${(open / 1e3).toFixed(1)} kB gzipped when the page opens)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
