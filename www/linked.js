// @ts-check
// Loaded only by the built site (scripts/prerender.mjs adds it to index.html,
// whose markup there already holds the worked example's report): a classic
// script that runs before the body is parsed. When the address carries a
// state of its own (a shared link), it marks the document so that style.css
// hides <main> until app.js has shown that state instead of the example;
// app.js removes the mark.
if (location.search !== '') document.documentElement.dataset.linked = '';
