// Prerenders the served site's first result (issue 11, goal 5: the first
// result within 300 ms of navigation). The page opens on the worked example
// (85 / 15 / 10 / 90), so its first report is known when the site is built:
// this runs the page's own app.js, bundled, in jsdom with the page's own wasm
// core, waits for it to show that report, and writes the document as it then
// stands into the built index.html. The report the browser shows before any
// script has run is therefore exactly the one app.js shows once it has run
// (tests/browser/built-site.test.mjs compares the two documents), computed by
// the same core: www/ still does no math, and nothing is written by hand.
//
// A link that carries its own state (?tp=..., ?demo=1, a comparison, ...)
// must not show the worked example's numbers, not even for the moment before
// app.js replaces them: www/linked.js, a script the built
// index.html runs inline before the body is parsed (HEAD_SCRIPTS), marks such a load, style.css
// hides <main> while the mark is there, and app.js removes it once it has
// shown the linked state (or failed to start, so that its error shows).
//
// jsdom (https://github.com/jsdom/jsdom) is the DOM: it lacks CSS.escape,
// which the spec's reference polyfill (css.escape) supplies, and
// performance.mark, which is replaced by a function that notes the marks.
//
// Usage: import { prerender } from './prerender.mjs' (scripts/build-site.mjs).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { JSDOM, VirtualConsole } from 'jsdom';
import { cspHash, pagePolicy } from './build-single-file.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
/** Where jsdom pretends the page is: no query string, as when the page is opened plainly. */
const PAGE_URL = 'http://127.0.0.1/';
/** How long app.js may take to show its first result in jsdom before the build fails. */
const TIMEOUT_MS = 20_000;
/**
 * The scripts the built index.html runs first, in its <head>, each inlined
 * (a script fetched there would hold the parser back for a round trip, and
 * with it the requests for the stylesheet and app.js): www/page-core-start.js
 * starts compiling the page's wasm core, www/linked.js hides the
 * prerendered report on a linked load. Both go just before the
 * stylesheet's tag: a classic script after a stylesheet would wait for it.
 * The page's policy allows each by its hash (headScripts).
 */
const HEAD_SCRIPTS = ['page-core-start.js', 'linked.js'];
/** The stylesheet's tag in index.html. */
const STYLESHEET_TAG = '<link rel="stylesheet" href="www/style.css">';

/**
 * app.js and its imports as one classic script, with wasm-start.js replaced
 * by a module that hands over the core compiled here (and no workers' core:
 * the counts tab starts no worker).
 * @returns {Promise<string>}
 */
async function appScript() {
  const compiledCore = {
    name: 'fitcheck-prerender-core',
    setup(build) {
      build.onResolve({ filter: /[\\/]wasm-start\.js$/ }, () => ({ path: 'wasm-start', namespace: 'prerender' }));
      build.onLoad({ filter: /.*/, namespace: 'prerender' }, () => ({
        contents: 'export const wasmModule = Promise.resolve(globalThis.__fitcheckPageCore);\n'
          + 'export function workersModule() { return Promise.resolve(undefined); }\n',
        loader: 'js',
      }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [path.join(WWW, 'app.js')],
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'error',
    target: 'es2022',
    define: { 'import.meta.url': JSON.stringify(`${PAGE_URL}www/app.js`) },
    plugins: [compiledCore],
  });
  return result.outputFiles[0].text;
}

/**
 * Writes each form control's current state into its markup (a property set by
 * a script is not serialised): values of text boxes, checked boxes and
 * radios, selected options.
 * @param {Document} document
 */
function freezeControls(document) {
  for (const input of document.querySelectorAll('input')) {
    if (input.type === 'radio' || input.type === 'checkbox') input.toggleAttribute('checked', input.checked);
    else if (input.type !== 'file') input.setAttribute('value', input.value);
  }
  for (const option of document.querySelectorAll('option')) option.toggleAttribute('selected', option.selected);
  for (const area of document.querySelectorAll('textarea')) area.textContent = area.value;
}

/**
 * Style attributes are refused by the page's policy (style-src 'self') when
 * they come in markup, though a script may set them. The only one the first
 * result sets is the matrix's column count, which style.css defaults to the
 * two-class grid's 3; anything else stops the build, to be looked at.
 * @param {Document} document
 */
function dropStyleAttributes(document) {
  for (const element of document.querySelectorAll('[style]')) {
    const style = element.getAttribute('style');
    if (element.id !== 'matrix' || style !== '--columns: 3;') {
      throw new Error(`prerender: the first result sets style="${style}" on <${element.localName} id="${element.id}">, which the CSP refuses in markup: give it a default in style.css and allow it here`);
    }
    element.removeAttribute('style');
  }
}

/**
 * HEAD_SCRIPTS minified, as inline <script> tags, and the CSP source of each
 * one's text (`'sha256-…'`).
 * @returns {Promise<{ tags: string, hashes: string[] }>}
 */
async function headScripts() {
  const texts = await Promise.all(HEAD_SCRIPTS.map(async (name) => (await esbuild.transform(
    readFileSync(path.join(WWW, name), 'utf8'), { loader: 'js', minify: true, charset: 'utf8' })).code.trim()));
  for (const text of texts) {
    if (text.includes('</')) throw new Error('prerender: a head script holds "</", which would end its <script> tag');
  }
  return {
    tags: texts.map((text) => `<script>${text}</script>`).join('\n  '),
    hashes: texts.map(cspHash),
  };
}

/**
 * index.html's Content-Security-Policy with `hashes` added to script-src:
 * the inline head scripts run, and nothing else inline does.
 * @param {string} html
 * @param {string[]} hashes
 */
function allowScripts(html, hashes) {
  const policy = pagePolicy(html);
  if (!/(^|; )script-src 'self'( |;|$)/.test(policy)) throw new Error(`prerender: the page's policy has no "script-src 'self'" to add the head scripts' hashes to: ${policy}`);
  const allowed = policy.replace(/(^|; )script-src 'self'/, (m) => `${m} ${hashes.join(' ')}`);
  return html.replace(`<meta http-equiv="Content-Security-Policy" content="${policy}">`, `<meta http-equiv="Content-Security-Policy" content="${allowed}">`);
}

/**
 * The built index.html with the page's first result in it (see the top of
 * this file) and the guard script in its <head>.
 * @param {string} html the built site's index.html
 * @param {{ pageCore: Uint8Array }} core the page's wasm core (www/pkg-page/fitcheck_bg.wasm)
 * @returns {Promise<string>}
 */
export async function prerender(html, { pageCore }) {
  if (!html.includes(STYLESHEET_TAG)) throw new Error(`prerender: index.html has no ${STYLESHEET_TAG}`);
  const head = await headScripts();
  const problems = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (err) => problems.push(`jsdom: ${err.message}`));
  virtualConsole.on('error', (...args) => problems.push(`console.error: ${args.join(' ')}`));
  const dom = new JSDOM(html, { url: PAGE_URL, runScripts: 'outside-only', virtualConsole });
  const { window } = dom;
  try {
    window.__fitcheckPageCore = await WebAssembly.compile(pageCore);
    window.eval(readFileSync(path.join(ROOT, 'node_modules/css.escape/css.escape.js'), 'utf8'));
    const shown = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`prerender: no first result from app.js in jsdom after ${TIMEOUT_MS} ms (${problems.join('; ') || 'no error logged'})`)), TIMEOUT_MS);
      window.performance.mark = (name) => {
        if (name === 'fitcheck-first-result') {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    window.eval(await appScript());
    await shown;
    // app.js's main() goes on synchronously after the mark; let it finish.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (problems.length > 0) throw new Error(`prerender: app.js reported problems in jsdom:\n${problems.join('\n')}`);
    const { document } = window;
    if (!document.querySelector('#metrics [data-metric]')) throw new Error('prerender: app.js showed no metric');
    freezeControls(document);
    dropStyleAttributes(document);
    // app.js marks <html> when it runs (www/linked.js reads the mark): the
    // served page has not run it yet.
    delete document.documentElement.dataset.app;
    const out = allowScripts(dom.serialize(), head.hashes);
    const at = out.indexOf(STYLESHEET_TAG);
    if (at < 0) throw new Error(`prerender: jsdom wrote the stylesheet's tag otherwise than ${STYLESHEET_TAG}`);
    return `${out.slice(0, at)}${head.tags}\n  ${out.slice(at)}`;
  } finally {
    window.close();
  }
}
