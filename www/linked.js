// @ts-check
// Loaded only by the built site (scripts/prerender.mjs adds it to index.html,
// whose markup there already holds the worked example's report): a classic
// script that runs before the body is parsed. When the address carries a
// state of its own (a shared link), it marks the document so that style.css
// hides <main> until app.js has shown that state instead of the example;
// app.js removes the mark. If app.js never ran (its file or a chunk it
// imports could not be fetched, or the browser runs no modules: app.js marks
// <html> with data-app when it runs, before the document is loaded), <main>
// stays hidden and a line above it says why.
if (location.search !== '') {
  document.documentElement.dataset.linked = '';
  document.addEventListener('DOMContentLoaded', () => {
    if ('app' in document.documentElement.dataset) return;
    const line = document.createElement('p');
    line.id = 'start-failed';
    line.setAttribute('role', 'alert');
    line.textContent = 'fitcheck could not start: its scripts did not load. Reload the page; it needs a browser with JavaScript modules and WebAssembly.';
    document.querySelector('main')?.before(line);
  });
}
