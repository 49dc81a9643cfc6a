// www/elements.d.ts tells the type-check which element each id of
// index.html is (so `document.getElementById('threshold').value` checks).
// This keeps it true: every id listed exists in index.html, once, as that
// kind of element.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/** The TypeScript type of each tag the page's scripts look up. */
const TYPE_OF_TAG = {
  input: 'HTMLInputElement', select: 'HTMLSelectElement', textarea: 'HTMLTextAreaElement',
  button: 'HTMLButtonElement', form: 'HTMLFormElement', progress: 'HTMLProgressElement',
  output: 'HTMLOutputElement', svg: 'SVGSVGElement', ul: 'HTMLUListElement', span: 'HTMLSpanElement',
  div: 'HTMLDivElement', p: 'HTMLParagraphElement', section: 'HTMLElement', fieldset: 'HTMLFieldSetElement',
};

test('every id in www/elements.d.ts is in index.html as the element type it claims', () => {
  const html = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const declared = fs.readFileSync(path.join(ROOT, 'www/elements.d.ts'), 'utf8');
  const entries = [...declared.matchAll(/^\s*"([^"]+)": (\w+);$/gm)].map((m) => [m[1], m[2]]);
  assert.ok(entries.length > 50, `only ${entries.length} ids read from elements.d.ts`);
  for (const [id, type] of entries) {
    const tags = [...html.matchAll(new RegExp(`<(\\w+)\\b[^>]*\\sid="${id}"`, 'g'))].map((m) => m[1].toLowerCase());
    assert.equal(tags.length, 1, `id "${id}" appears ${tags.length} times in index.html`);
    assert.equal(TYPE_OF_TAG[tags[0]], type, `#${id} is a <${tags[0]}>, declared ${type}`);
  }
});
