// A table wider than the page scrolls sideways inside the theme's wrapper: make
// that wrapper reachable from the keyboard, so the table can be scrolled without
// a mouse (axe-core: scrollable-region-focusable).
(function () {
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
      }
    });
  }
  function later() {
    window.setTimeout(mark, 0); // after the theme has wrapped the tables
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(later);
  }
  window.addEventListener("load", later);
  window.addEventListener("resize", mark);
})();
