// The search index (about 100 KB gzipped, a third of a page's first load) is
// fetched when the reader reaches for the search, not with every page: the
// theme's request for it is held until then. Loaded before the theme's bundle,
// which requests search/search_index.json at start-up with XMLHttpRequest.
(function () {
  "use strict";
  const INDEX = /\/search\/search_index\.json$/;
  const proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  const held = [];
  let wanted = false;

  proto.open = function (method, url) {
    this.heldForSearch = INDEX.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.heldForSearch && !wanted) { held.push([this, arguments]); return; }
    return send.apply(this, arguments);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (h) { send.apply(h[0], h[1]); });
  }

  // a tap or focus on the search field or its toggle, or the theme's shortcut keys
  function inSearch(node) {
    return node && node.closest && node.closest(".md-search, label[for='__search'], #__search");
  }
  document.addEventListener("pointerdown", function (e) { if (inSearch(e.target)) want(); }, true);
  document.addEventListener("focusin", function (e) { if (inSearch(e.target)) want(); }, true);
  document.addEventListener("change", function (e) { if (inSearch(e.target)) want(); }, true);
  document.addEventListener("keydown", function (e) {
    if (["f", "s", "/"].indexOf(e.key) >= 0 || inSearch(e.target)) want();
  }, true);
  // a link from a search result (?h=...) highlights its terms: it needs the index now
  if (/[?&]h=/.test(location.search)) want();
})();
