// A table wider than the page scrolls sideways inside the theme's wrapper: make
// that wrapper reachable from the keyboard, so the table can be scrolled without
// a mouse (axe-core: scrollable-region-focusable). A ResizeObserver reports each
// wrapper after layout, when reading its widths costs nothing; measuring them on
// load instead would force an extra layout of the whole page.
(function () {
  if (!window.ResizeObserver) return;
  const seen = new WeakSet();
  const watch = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      const wrap = entry.target;
      if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
    });
  });
  function observe() { // the theme wraps the tables when it mounts the page
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (!seen.has(wrap)) { seen.add(wrap); watch.observe(wrap); }
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(observe);
  window.addEventListener("DOMContentLoaded", observe);
})();
