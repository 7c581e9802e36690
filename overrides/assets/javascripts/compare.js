// Sort and filter the comparison table of the compare page, in the browser.
// Plain JavaScript that ships with the site: no library, no network.
(function () {
  "use strict";

  function setup(table) {
    const body = table.tBodies[0];
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach(function (th, column) {
      // a button in each heading, so sorting works from the keyboard too
      const button = document.createElement("button");
      button.type = "button";
      button.className = "compare-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const numeric = th.dataset.kind === "number";
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = a.cells[column].dataset.sort;
          const y = b.cells[column].dataset.sort;
          const order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    const filter = document.querySelector("[data-compare-filter]");
    const family = document.querySelector("[data-compare-family]");
    function apply() {
      const query = filter.value.trim().toLowerCase();
      Array.from(body.rows).forEach(function (row) {
        const name = row.cells[0].textContent.toLowerCase();
        row.hidden = !(name.indexOf(query) >= 0 && (!family.value || row.dataset.family === family.value));
      });
    }
    if (filter) filter.addEventListener("input", apply);
    if (family) family.addEventListener("change", apply);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table[data-compare]").forEach(setup);
  });
})();
