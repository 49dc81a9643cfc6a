// @ts-check
// The wasm core inside a worker, instantiated from the module the page
// compiled and posted as the worker's first message, {type: 'core', module}
// (core-source.js, core-source-inline.js): the worker neither fetches nor
// compiles the core, which is what lets the offline single file run its
// workers from blob URLs. That message is taken here and never reaches the
// worker's own onmessage (this module's listener is added first, as the
// worker imports it). A module of undefined (the page could not compile the
// core) makes init() fetch it from www/pkg, as before.

import init from './pkg/fitcheck.js';

/** Resolves once the core is ready to use in this worker. */
export const coreReady = new Promise((resolve, reject) => {
  /** @param {MessageEvent<any>} event */
  function first(event) {
    if (event.data?.type !== 'core') return;
    event.stopImmediatePropagation();
    self.removeEventListener('message', first);
    const module = event.data.module;
    init(module ? { module_or_path: module } : undefined).then(resolve, reject);
  }
  self.addEventListener('message', first);
});
