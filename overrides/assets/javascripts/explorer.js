// The explorer page: overlay functions of the catalogue, their derivatives and
// the zones where the gradient nearly vanishes, with parameter sliders and a
// value readout. Plain JavaScript and SVG, shipped with the site. It draws only
// the numbers torch computed at build time (explorer/<id>.json), fetched when a
// function is first shown; no formula is re-typed here.
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  // The plot's own units: a narrow plot (a phone) gets fewer of them, and fewer ticks. Its text
  // is sized in them to show TEXT px high at whatever width the plot is shown.
  let W = 720, H = 400;
  const TEXT = 13;
  const M = { left: 52, right: 14, top: 14, bottom: 34 };
  const NARROW = 480;  // px on screen
  const COLOURS = 8;
  const LANE = 8;  // height of one function's lane of saturation zones, below the curves

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  // Round tick steps (1, 2, 5 x 10^k) for an axis from lo to hi.
  function ticks(lo, hi, count) {
    const raw = (hi - lo) / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(function (m) { return m * mag; }).find(function (s) { return s >= raw; });
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.abs(v) < 1e-12 ? 0 : v);
    return out;
  }

  function label(v) {
    return String(Number(v.toPrecision(6))).replace("-", "\u2212");
  }

  function setup(root) {
    const index = JSON.parse(root.querySelector(".explorer-index").textContent);
    const svg = root.querySelector(".explorer-plot");
    const readout = root.querySelector(".explorer-readout");
    const hint = readout.textContent;
    const lo = parseFloat(svg.dataset.lo), hi = parseFloat(svg.dataset.hi), dx = parseFloat(svg.dataset.dx);
    const last = parseInt(svg.dataset.n, 10) - 1;
    const boxes = Array.from(root.querySelectorAll("input[name=function]"));
    const shows = Array.from(root.querySelectorAll("input[name=show]"));
    const cache = {};
    let cursor = null;  // index on the x grid, or null

    function load(id) {
      if (!cache[id]) {
        cache[id] = fetch(index.data + id + ".json").then(function (r) {
          if (!r.ok) throw new Error(id + ": " + r.status);
          return r.json();
        });
      }
      return cache[id];
    }

    function selected() { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); }
    function showing(what) { return shows.some(function (s) { return s.value === what && s.checked; }); }
    function slider(id) { return root.querySelector('.explorer-param[data-id="' + id + '"] input'); }

    function curveOf(data) {
      const input = slider(data.id);
      return data.curves[input ? parseInt(input.value, 10) : 0];
    }

    // The polyline pieces of one curve, split at its jumps, each piece ending
    // at the one-sided limit so no line is drawn across a jump.
    function pieces(data, values, jumps) {
      const out = [];
      let piece = [];
      let j = 0;
      for (let i = 0; i < data.n; i++) {
        const x = data.x0 + i * data.dx;
        while (j < jumps.length && jumps[j][0] < x - 1e-9) {
          piece.push([jumps[j][0], jumps[j][1]]);
          out.push(piece);
          piece = [[jumps[j][0], jumps[j][2]]];
          j++;
        }
        if (j < jumps.length && Math.abs(jumps[j][0] - x) < 1e-9) {
          piece.push([x, jumps[j][1]]);
          out.push(piece);
          piece = [[x, jumps[j][2]]];
          j++;
          continue;
        }
        piece.push([x, values[i]]);
      }
      out.push(piece);
      return out;
    }

    function draw(list) {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const narrow = svg.clientWidth > 0 && svg.clientWidth < NARROW;
      W = narrow ? 340 : 720;
      H = narrow ? 290 : 400;
      svg.setAttribute("viewBox", "0 0 " + W + " " + H);
      svg.style.setProperty("--explorer-text", (TEXT * W / (svg.clientWidth || W)).toFixed(2) + "px");
      const kinds = ["y", "dy"].filter(showing);
      let ymin = 0, ymax = 0;
      list.forEach(function (data) {
        const c = curveOf(data);
        kinds.forEach(function (k) {
          c[k].forEach(function (v) { if (v < ymin) ymin = v; if (v > ymax) ymax = v; });
        });
      });
      if (ymax - ymin < 1e-9) { ymin -= 1; ymax += 1; }
      const pad = 0.06 * (ymax - ymin);
      ymin -= pad; ymax += pad;
      const sx = function (x) { return M.left + (x - lo) / (hi - lo) * (W - M.left - M.right); };
      const lanes = showing("zones") ? list.length * LANE : 0;
      const bottom = M.bottom + lanes;  // the curves end above the lanes
      const sy = function (y) { return H - bottom - (y - ymin) / (ymax - ymin) * (H - M.top - bottom); };
      const grid = el("g", { class: "explorer-grid" }, svg);
      ticks(lo, hi, narrow ? 6 : 12).forEach(function (t) {
        el("line", { x1: sx(t), x2: sx(t), y1: M.top, y2: H - M.bottom }, grid);
        el("text", { x: sx(t), y: H - M.bottom + 16, "text-anchor": "middle" }, grid).textContent = label(t);
      });
      ticks(ymin, ymax, narrow ? 5 : 8).forEach(function (t) {
        el("line", { x1: M.left, x2: W - M.right, y1: sy(t), y2: sy(t) }, grid);
        el("text", { x: M.left - 6, y: sy(t) + 4, "text-anchor": "end" }, grid).textContent = label(t);
      });
      el("line", { class: "explorer-axis", x1: M.left, x2: W - M.right, y1: sy(0), y2: sy(0) }, svg);
      el("line", { class: "explorer-axis", x1: sx(0), x2: sx(0), y1: M.top, y2: H - M.bottom }, svg);
      list.forEach(function (data, n) {
        const c = curveOf(data);
        const colour = "c" + (n % COLOURS);
        if (showing("zones")) {
          // each function's zones in a lane of its own along the bottom, in its colour:
          // bands of several functions never overlap, so each can be told apart
          c.zones.forEach(function (z) {
            const a = z[0] === null ? lo : Math.max(lo, z[0]), b = z[1] === null ? hi : Math.min(hi, z[1]);
            if (b > a) el("rect", { class: "explorer-zone " + colour, "data-id": data.id, x: sx(a),
                                    width: sx(b) - sx(a), y: H - bottom + n * LANE + 1, height: LANE - 2 }, svg);
          });
        }
        kinds.forEach(function (k) {
          pieces(data, c[k], k === "y" ? c.jumps : c.dy_jumps).forEach(function (p) {
            if (p.length < 2) return;
            el("path", { class: "explorer-curve " + colour + (k === "dy" ? " derivative" : ""),
                         "data-id": data.id, "data-kind": k,
                         d: "M" + p.map(function (q) { return sx(q[0]).toFixed(2) + "," + sy(q[1]).toFixed(2); }).join("L") },
               svg);
          });
          (k === "y" ? c.jumps : c.dy_jumps).forEach(function (jmp) {
            [1, 2].forEach(function (side) {
              el("circle", { class: "explorer-limit " + colour, cx: sx(jmp[0]), cy: sy(jmp[side]), r: 3.5 }, svg);
            });
          });
        });
      });
      if (cursor !== null && list.length) {
        const x = list[0].x0 + cursor * list[0].dx;
        el("line", { class: "explorer-cursor", x1: sx(x), x2: sx(x), y1: M.top, y2: H - M.bottom }, svg);
      }
      svg.dataset.ymin = ymin;
      svg.dataset.ymax = ymax;
    }

    function legend(list) {
      const ul = root.querySelector(".explorer-legend");
      while (ul.firstChild) ul.removeChild(ul.firstChild);
      list.forEach(function (data, n) {
        const li = document.createElement("li");
        li.className = "c" + (n % COLOURS);
        const swatch = document.createElementNS(SVG, "svg");
        swatch.setAttribute("width", "28");
        swatch.setAttribute("height", "10");
        swatch.setAttribute("aria-hidden", "true");
        el("line", { class: "explorer-curve", x1: 0, x2: 28, y1: 5, y2: 5 }, swatch);
        li.appendChild(swatch);
        li.appendChild(document.createTextNode(" " + index.names[data.id]));
        ul.appendChild(li);
      });
    }

    function read(list) {
      if (cursor === null || !list.length) { readout.textContent = list.length ? hint : index.words.none; return; }
      const x = list[0].x0 + cursor * list[0].dx;
      const parts = list.map(function (data) {
        const c = curveOf(data);
        const values = [];
        if (showing("y") || !showing("dy")) values.push("f = " + label(c.y[cursor]));
        if (showing("dy")) values.push("f\u2032 = " + label(c.dy[cursor]));
        return index.names[data.id] + ": " + values.join(", ");
      });
      readout.textContent = index.words.at.replace("{x}", label(x)) + " " + parts.join("; ");
    }

    let pending = 0;
    function update() {
      const ids = selected();
      root.querySelectorAll(".explorer-param").forEach(function (p) { p.hidden = ids.indexOf(p.dataset.id) < 0; });
      root.querySelector(".explorer-no-params").hidden =
        ids.some(function (id) { return !!slider(id); });
      const ticket = ++pending;
      svg.setAttribute("aria-busy", "true");
      Promise.all(ids.map(load)).then(function (list) {
        if (ticket !== pending) return;  // a newer update is on its way
        draw(list);
        legend(list);
        read(list);
        svg.setAttribute("aria-busy", "false");
      }).catch(function (err) {
        readout.textContent = String(err);
      });
    }

    boxes.concat(shows).forEach(function (b) { b.addEventListener("change", update); });
    root.querySelectorAll(".explorer-param input").forEach(function (input) {
      const values = JSON.parse(input.dataset.values);
      input.addEventListener("input", function () {
        const text = label(values[parseInt(input.value, 10)]);
        input.closest(".explorer-param").querySelector("output").textContent = text;
        input.setAttribute("aria-valuetext", input.dataset.symbol + " = " + text);
        update();
      });
    });

    function moveTo(i) {
      cursor = Math.max(0, Math.min(i, last));
      update();
    }
    function pointAt(event) {  // mouse, pen or finger
      const box = svg.getBoundingClientRect();
      const px = (event.clientX - box.left) / box.width * W;
      const x = lo + (px - M.left) / (W - M.left - M.right) * (hi - lo);
      moveTo(Math.round((x - lo) / dx));
    }
    svg.addEventListener("pointermove", pointAt);
    svg.addEventListener("pointerdown", pointAt);
    svg.addEventListener("keydown", function (event) {
      const step = event.shiftKey ? 10 : 1;
      const here = cursor === null ? Math.round(-lo / dx) : cursor;
      const keys = { ArrowRight: here + step, ArrowLeft: here - step, Home: 0, End: 1e9 };
      if (event.key in keys) {
        event.preventDefault();
        moveTo(keys[event.key]);
      }
    });
    let width = svg.clientWidth;
    window.addEventListener("resize", function () {  // its units and text follow the plot's width
      if (svg.clientWidth !== width) update();
      width = svg.clientWidth;
    });
    update();
  }

  function start() { document.querySelectorAll(".explorer").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
