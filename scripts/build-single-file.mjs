// Builds dist/fitcheck.html: the whole page in one self-contained HTML file
// that works opened from disk (file://) with no network. Run by build_wasm
// (scripts/setup-lib.sh) after www/pkg is built; prints the file's size.
//
// What goes in: index.html's markup; www/style.css in a <style>; app.js and
// every module it imports bundled into one inline <script type="module">,
// with www/core-source-inline.js in place of www/core-source.js (the one
// seam: where the core and the workers come from); each worker
// (www/*-worker.js with its imports) bundled into one classic script, kept
// as a string and started from a blob: URL; both wasm cores as base64: the
// page's (www/pkg-page) compiled at once, the workers' (www/pkg) compiled
// when the first worker starts and posted to each worker. The served page
// itself stays plain ES modules with no bundler (house style); for this
// file a bundler made for the job, esbuild, does the bundling and minifies
// (JS and CSS), which also keeps the file small.
//
// Its Content-Security-Policy is index.html's, made for a file with nothing
// to fetch (singleFilePolicy): 'self' becomes the inline code's sha256
// hashes in script-src and style-src and blob: in worker-src, and is dropped
// everywhere else, so nothing looser than the served page is allowed.
//
// Usage: node scripts/build-single-file.mjs [--out dist/fitcheck.html]

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');

/** The workers the page starts (core-source.js's WorkerName), each from www/NAME-worker.js. */
const WORKERS = ['ingest', 'compare', 'training', 'leakage'];

/** The CSP content of index.html's <meta http-equiv="Content-Security-Policy"> (the one definition). */
export function pagePolicy(html) {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
  if (metas.length !== 1) throw new Error(`index.html must hold exactly one Content-Security-Policy meta tag, found ${metas.length}`);
  return metas[0][1];
}

/** "sha256-…" source of a script's or style's exact text, as CSP hashes it (UTF-8). */
export function cspHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The page's policy for a file that fetches nothing: 'self' (there is no
 * origin to speak of at file://) becomes the given sources in the
 * directives named in `replace` and is dropped from the others; a directive
 * left empty becomes 'none'. Refuses a result that would allow inline code
 * by keyword or eval.
 * @param {string} policy
 * @param {Record<string, string[]>} replace e.g. {'script-src': ["'sha256-…'"], 'worker-src': ['blob:']}
 */
export function singleFilePolicy(policy, replace) {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    const kept = sources.flatMap((s) => (s === "'self'" ? (replace[name] ?? []) : [s]));
    if (!sources.includes("'self'") && replace[name]) throw new Error(`${name} in index.html's CSP has no 'self' to replace`);
    return `${name} ${kept.length ? kept.join(' ') : "'none'"}`;
  });
  const result = directives.join('; ');
  const tokens = new Set(result.split(/[\s;]+/));
  for (const loose of ["'self'", "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'file:']) {
    if (tokens.has(loose)) throw new Error(`the single file's CSP would allow ${loose}: ${result}`);
  }
  return result;
}

/** Common esbuild options: one bundled, minified ES module, kept in memory. */
function bundleOptions(entry) {
  return { entryPoints: [entry], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'warning', charset: 'utf8' };
}

/** Text of the one output file of an esbuild result. */
function outputText(result) {
  if (result.outputFiles.length !== 1) throw new Error(`expected one output file, got ${result.outputFiles.length}`);
  return result.outputFiles[0].text;
}

/** Each worker with its imports (worker-core.js, worker-loop.js, the core's JS glue) as one classic script. */
async function workerScripts() {
  const scripts = {};
  for (const name of WORKERS) {
    // A classic script: Chromium refuses module workers from blob: URLs in
    // a page opened from disk (its origin is opaque). The core's JS glue
    // reads import.meta.url only to fetch the wasm when init() is given none,
    // which worker-core.js never does: undefined makes that path throw.
    scripts[name] = outputText(await esbuild.build({
      ...bundleOptions(path.join(WWW, `${name}-worker.js`)),
      format: 'iife',
      define: { 'import.meta.url': 'undefined' },
    }));
  }
  return scripts;
}

/**
 * app.js and everything it imports, with core-source-inline.js as
 * core-source.js and 'fitcheck:inlined' holding the wasm and the workers.
 */
async function pageScript(pageWasm, workersWasm, workers) {
  const inline = {
    name: 'fitcheck-inline',
    setup(build) {
      build.onResolve({ filter: /^\.\/core-source\.js$/ }, (args) => {
        if (args.resolveDir !== WWW) throw new Error(`unexpected importer of core-source.js: ${args.importer}`);
        return { path: path.join(WWW, 'core-source-inline.js') };
      });
      build.onResolve({ filter: /^fitcheck:inlined$/ }, () => ({ path: 'inlined', namespace: 'fitcheck' }));
      build.onLoad({ filter: /.*/, namespace: 'fitcheck' }, () => ({
        loader: 'js',
        contents: `export const pageWasmBase64 = ${JSON.stringify(pageWasm.toString('base64'))};\n`
          + `export const workersWasmBase64 = ${JSON.stringify(workersWasm.toString('base64'))};\n`
          + `export const workerScripts = ${JSON.stringify(workers)};\n`,
      }));
    },
  };
  return outputText(await esbuild.build({ ...bundleOptions(path.join(WWW, 'app.js')), plugins: [inline] }));
}

/** www/style.css, minified. */
async function styleSheet() {
  const css = readFileSync(path.join(WWW, 'style.css'), 'utf8');
  return (await esbuild.transform(css, { loader: 'css', minify: true, charset: 'utf8' })).code.trim();
}

/** Removes every line of `html` matching `pattern`, which must match at least once. */
function dropLines(html, pattern, what) {
  const lines = html.split('\n');
  const kept = lines.filter((line) => !pattern.test(line));
  if (kept.length === lines.length) throw new Error(`index.html has no ${what} any more: update scripts/build-single-file.mjs`);
  return kept.join('\n');
}

/** Builds the single file's HTML from index.html, the script and the style sheet. */
export function singleFileHtml(indexHtml, script, css) {
  // Inline text must not close its element or open an HTML comment early.
  if (/<\/script|<!--/i.test(script)) throw new Error('the bundled script holds "</script" or "<!--"');
  if (/<\/style/i.test(css)) throw new Error('the style sheet holds "</style"');
  let html = indexHtml;
  html = dropLines(html, /^\s*<link rel="(stylesheet|preload|modulepreload)" href="www\//, 'www/ links');
  html = dropLines(html, /^\s*<script type="module"( async)? src="www\/[^"]+"><\/script>$/, 'www/ scripts');
  html = html.replace(/\n\s*<!-- The page's wasm core and every module app\.js imports,[\s\S]*?-->/, '');
  if (/(src|href)="www\//.test(html)) throw new Error('index.html still refers to www/ after inlining');
  const policy = singleFilePolicy(pagePolicy(indexHtml), {
    'script-src': [cspHash(script)],
    'style-src': [cspHash(css)],
    'worker-src': ['blob:'],
  });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pagePolicy(indexHtml)}">`;
  const inlined = `<meta http-equiv="Content-Security-Policy" content="${policy}">\n`
    + '  <!-- fitcheck as one file (scripts/build-single-file.mjs): works opened from disk, fetches nothing. -->';
  // Replacement functions, not strings: minified code may hold "$&" or "$'".
  html = html.replace(meta, () => inlined);
  html = html.replace('</head>', () => `  <style>${css}</style>\n  <script type="module">${script}</script>\n</head>`);
  return html;
}

async function main() {
  const args = process.argv.slice(2);
  const out = path.resolve(ROOT, args[0] === '--out' && args[1] ? args[1] : 'dist/fitcheck.html');
  const pageWasm = readFileSync(path.join(WWW, 'pkg-page/fitcheck_bg.wasm'));
  const workersWasm = readFileSync(path.join(WWW, 'pkg/fitcheck_bg.wasm'));
  const script = await pageScript(pageWasm, workersWasm, await workerScripts());
  const html = singleFileHtml(readFileSync(path.join(ROOT, 'index.html'), 'utf8'), script, await styleSheet());
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, html);
  const bytes = Buffer.byteLength(html);
  const gzipped = gzipSync(html, { level: 9 }).length;
  console.log(`offline single file: ${out} (${(bytes / 1e6).toFixed(2)} MB, ${(gzipped / 1e6).toFixed(2)} MB gzipped)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
