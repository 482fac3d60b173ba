/* The targets dashboard's bar charts, drawn as SVG from the figures the page carries
   (#dashboard-data). No libraries; the same figures are in the table under each chart. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var ROW = 26, VALUE = 110, WIDTH = 720;  // WIDTH: the figure's own width, up to 720

  // Room for the longest label: CJK characters are about twice as wide as Latin ones.
  function labelWidth(rows) {
    var widest = 0;
    rows.forEach(function (row) {
      var width = 0;
      for (var i = 0; i < row.label.length; i++) {
        width += row.label.charCodeAt(i) > 0x2e80 ? 13 : 7.5;
      }
      widest = Math.max(widest, width);
    });
    return Math.min(Math.max(widest + 16, 60), WIDTH < 500 ? 120 : 280);
  }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fmt(value) {
    return Number(value).toLocaleString(undefined, {
      minimumFractionDigits: 2, maximumFractionDigits: 2
    });
  }

  function draw(figure, rows, integers) {
    if (!rows || !rows.length) return;
    // Drawn at the figure's width, so labels keep their size on a phone.
    WIDTH = Math.min(720, Math.max(300, figure.clientWidth || 720));
    VALUE = WIDTH < 500 ? 80 : 110;
    var max = 0;
    rows.forEach(function (row) {
      max = Math.max(max, Number(row.value), Number(row.target || 0));
    });
    var LABEL = labelWidth(rows);
    var span = WIDTH - LABEL - VALUE;
    var svg = el("svg", {
      viewBox: "0 0 " + WIDTH + " " + rows.length * ROW,
      width: "100%",
      role: "img",
      focusable: "false"
    });
    rows.forEach(function (row, i) {
      var y = i * ROW;
      var width = max > 0 ? (Number(row.value) / max) * span : 0;
      svg.appendChild(el("text", {
        x: LABEL - 8, y: y + ROW / 2 + 5, "text-anchor": "end", "font-size": 13, fill: "#334155"
      }, row.label));
      if (row.target !== undefined && max > 0) {
        // The quarter's target as a pale track the held bar fills (a thin line alone, with
        // no bar when nothing was held yet, read as stray marks).
        svg.appendChild(el("rect", {
          x: LABEL, y: y + 4, width: (Number(row.target) / max) * span,
          height: ROW - 8, rx: 3, fill: "#e2e8f0", stroke: "#94a3b8", "stroke-width": 1
        }));
      }
      svg.appendChild(el("rect", {
        x: LABEL, y: y + 4, width: Math.max(width, Number(row.value) > 0 ? 1 : 0),
        height: ROW - 8, rx: 3, fill: "#0b5cad"
      }));
      var text = integers ? String(row.value) + (row.target !== undefined ? " / " + row.target : "")
                          : fmt(row.value);
      var end = row.target !== undefined && max > 0
        ? Math.max(width, (Number(row.target) / max) * span) : width;
      svg.appendChild(el("text", {
        x: LABEL + end + 6, y: y + ROW / 2 + 5, "font-size": 12, fill: "#475569"
      }, text));
    });
    figure.appendChild(svg);
  }

  document.querySelectorAll("[data-chart]").forEach(function (figure) {
    var key = figure.getAttribute("data-chart");
    draw(figure, data[key], key === "events_by_quarter");
  });
})();
