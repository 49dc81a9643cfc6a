// @ts-check
// Boxes that scroll sideways (wide tables on a phone, a wide heatmap) say
// so: data-more="right" while part of their content is out of view to the
// right, which style.css fades. Overlay scrollbars (macOS, phones) show no
// other cue. Rendering only: it reads the boxes' sizes, nothing else.

/** The boxes already watched. */
const watched = new WeakSet();

/** Boxes whose content or size changed since the last frame. */
const pending = new Set();

/**
 * The observers every watched box shares (made on first use; a browser
 * without them only goes without the cue).
 * @type {{ resize: ResizeObserver, content: MutationObserver } | null}
 */
let observers = null;

/**
 * Sets data-more="right" on a box that scrolls sideways and has content out
 * of view to its right; removes it otherwise.
 * @param {HTMLElement} box
 */
function mark(box) {
  const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
  if (scrolls && box.scrollLeft + box.clientWidth < box.scrollWidth - 1) box.dataset.more = 'right';
  else delete box.dataset.more;
}

/**
 * Marks a box at the next frame, once whatever is changing it this frame
 * is done (one layout read per box per frame).
 * @param {HTMLElement} box
 */
function markSoon(box) {
  if (pending.size === 0) {
    requestAnimationFrame(() => {
      const boxes = [...pending];
      pending.clear();
      for (const b of boxes) {
        if (b.isConnected) mark(b);
        // A box a render replaced: a ResizeObserver holds what it observes.
        else observers?.resize.unobserve(b);
      }
    });
  }
  pending.add(box);
}

/**
 * Keeps a box's data-more current from now on: when it scrolls, resizes or
 * its content changes. Calling it again for the same box does nothing.
 * @param {HTMLElement} box
 */
export function watchSideScroll(box) {
  if (watched.has(box)) return;
  watched.add(box);
  if (observers === null && typeof ResizeObserver === 'function' && typeof MutationObserver === 'function') {
    observers = {
      resize: new ResizeObserver((entries) => { for (const e of entries) markSoon(/** @type {HTMLElement} */ (e.target)); }),
      content: new MutationObserver((records) => {
        for (const r of records) {
          const box = /** @type {Element} */ (r.target).closest('[data-side-scroll]');
          if (box instanceof HTMLElement) markSoon(box);
        }
      }),
    };
  }
  box.dataset.sideScroll = '';
  box.addEventListener('scroll', () => markSoon(box), { passive: true });
  if (observers !== null) {
    observers.resize.observe(box);
    observers.content.observe(box, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
  }
}
