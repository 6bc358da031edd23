// Fit a chart to the screen it is drawn on.
//
// The book's charts are laid out in pixels for a desktop column. plotly.js narrows them to a
// phone's width but does not wrap text, so on a phone a long title ran off the chart, a legend
// that wrapped onto more rows ran into the title or the axis under it, and long row labels
// left the plot a sliver. After plotly has drawn a chart, this script measures what it drew
// and, only where something does not fit, gives it room: it wraps the title and axis titles
// to the chart's width, puts a legend that squeezes the plot from the side under it, wraps
// long row labels onto the lines their rows have room for, puts a legend's title above its
// rows where the rows ran off the side, keeps the labels written beside points on the plot
// that would cut them (a wider axis, the point's other side, more lines), and
// moves the plot down (or the legend under it) until nothing collides. The chart keeps its
// data and its hover texts. It starts again from the figure as written when the screen's
// width changes (a phone turned sideways). The drawing script of each chart
// (august1956.sphinxext.plotly_mime) calls window.august1956FitChart; offline.py adds this
// file to the pages that hold a chart.
(() => {
  "use strict";

  const GAP = 4; // px kept between two texts that were colliding
  const SCROLL = "august1956-chart-scroll"; // the box of a chart too wide for the screen
  const box = (el) => el.getBoundingClientRect();
  const real = (r) => r.width > 0 && r.height > 0;
  const hits = (a, b) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const clone = (value) => JSON.parse(JSON.stringify(value));

  // Words joined into lines of at most `width` characters; the text's own <br> are kept.
  function wrap(text, width) {
    return String(text)
      .split(/<br\s*\/?>/i)
      .map((part) => {
        const lines = [];
        let line = "";
        for (const word of part.split(/\s+/).filter(Boolean)) {
          if (line && (line + " " + word).length > width) {
            lines.push(line);
            line = word;
          } else {
            line = line ? line + " " + word : word;
          }
        }
        if (line) lines.push(line);
        return lines.join("<br>");
      })
      .join("<br>");
  }
  const lineCount = (text) => String(text).split(/<br\s*\/?>/i).length;
  const plain = (text) => String(text).replace(/<[^>]*>/g, "");

  // Average width of one character of an SVG text, measured.
  function charWidth(el) {
    const n = plain(el.textContent || "").length;
    return n ? box(el).width / n : 7;
  }

  // Make the chart `extra` px taller, the room going to the top or bottom margin.
  function grow(div, update, side, extra) {
    const full = div._fullLayout;
    const margin = update[`margin.${side}`] ?? full.margin[side];
    update[`margin.${side}`] = margin + extra;
    update.height = (update.height ?? full.height) + extra;
  }

  async function apply(div, update) {
    if (!Object.keys(update).length) return false;
    if (update.height) div.style.height = `${update.height}px`;
    await window.Plotly.relayout(div, update);
    return true;
  }

  // The title and the axis titles, wrapped to the width they have.
  // A title wrapped to `chars` characters a line (12 at least); if that adds lines, its new
  // text goes into `update` under `key` and the chart's `side` margin grows by those lines
  // (`height` is the title's drawn height, over its lines as they stand).
  function wrapTitle(div, update, key, text, chars, side, height) {
    const wrapped = wrap(text, Math.max(chars, 12));
    const added = lineCount(wrapped) - lineCount(text);
    if (added > 0) {
      update[key] = wrapped;
      grow(div, update, side, Math.ceil(added * (height / lineCount(text))));
    }
  }

  async function wrapTitles(div, spec) {
    const svg = box(div.querySelector("svg.main-svg"));
    const update = {};
    const title = div.querySelector("text.gtitle");
    const text = spec.layout.title && (spec.layout.title.text ?? spec.layout.title);
    // In a box that scrolls a wide chart sideways, the title wraps to what the box shows.
    const scroller = div.closest(`.${SCROLL}`);
    const right = scroller ? Math.min(svg.right, box(scroller).right) : svg.right;
    if (title && typeof text === "string") {
      const r = box(title);
      if (r.right > right - 2) {
        const width = Math.floor((right - r.left - 8) / charWidth(title));
        wrapTitle(div, update, "title.text", text, width, "t", r.height);
      }
    }
    const xtitle = div.querySelector("text.xtitle");
    const own = spec.layout.xaxis && spec.layout.xaxis.title;
    const words = own && (own.text ?? own);
    if (xtitle && typeof words === "string") {
      // Centred under the plot: it has twice the room to the nearer edge of the chart.
      const r = box(xtitle);
      const centre = (r.left + r.right) / 2;
      const room = 2 * Math.min(centre - svg.left, svg.right - centre) - 8;
      if (r.width > room) {
        const width = Math.floor(room / charWidth(xtitle));
        wrapTitle(div, update, "xaxis.title.text", words, width, "b", r.height);
      }
    }
    const ytitle = div.querySelector("text.ytitle");
    const yown = spec.layout.yaxis && spec.layout.yaxis.title;
    const ywords = yown && (yown.text ?? yown);
    if (ytitle && typeof ywords === "string") {
      // Centred beside the plot, upright: it has twice the room to the title above it or the
      // chart's lower edge, whichever is nearer.
      const r = box(ytitle);
      const t = title && box(title);
      const top = t && real(t) && t.left < r.right ? t.bottom : svg.top;
      const centre = (r.top + r.bottom) / 2;
      const room = 2 * Math.min(centre - top, svg.bottom - centre) - 2 * GAP;
      const n = plain(ywords).length;
      if (r.height > room && n) {
        const wrapped = wrap(ywords, Math.max(Math.floor(room / (r.height / n)), 12));
        if (lineCount(wrapped) > lineCount(ywords)) update["yaxis.title.text"] = wrapped;
      }
    }
    return apply(div, update);
  }

  // A legend standing to the right of a plot it squeezes goes under the plot, in rows.
  async function legendBelow(div) {
    const full = div._fullLayout;
    const svg = box(div.querySelector("svg.main-svg"));
    const legend = div.querySelector("g.legend");
    if (!legend || full.legend.orientation !== "v" || full._size.w > svg.width * 0.45) return;
    if (!(full.legend.x >= 1)) return; // a legend inside the plot, or left of it
    const plotBottom = svg.top + full._size.t + full._size.h;
    const axes = [...div.querySelectorAll("g.xtick text, text.xtitle")].map(box).filter(real);
    const below = Math.max(0, ...axes.map((r) => r.bottom - plotBottom)) + 2 * GAP;
    const plotHeight = full._size.h;
    await apply(div, {
      "legend.orientation": "h",
      "legend.x": 0,
      "legend.xanchor": "left",
      "legend.y": -below / plotHeight,
      "legend.yanchor": "top",
    });
    // plotly makes room for the legend's rows by shortening the plot: the chart grows instead.
    for (let round = 0; round < 3; round++) {
      const shorter = Math.ceil(plotHeight - div._fullLayout._size.h);
      if (shorter <= 0) break;
      await apply(div, {
        height: div._fullLayout.height + shorter,
        "legend.y": -below / plotHeight,
      });
    }
  }

  // A legend in rows with its title to their left that runs off the chart's side (plotly
  // wraps the rows to the width it has, not counting the title's) puts its title above them.
  async function legendTitleAbove(div) {
    const full = div._fullLayout;
    const svg = box(div.querySelector("svg.main-svg"));
    const legend = div.querySelector("g.legend");
    const title = full.legend && full.legend.title;
    if (!legend || full.legend.orientation !== "h" || !title || !title.text) return false;
    if (title.side !== "left") return false;
    const parts = [...legend.querySelectorAll("g.traces, text.legendtitletext")].map(box);
    if (!parts.some((r) => real(r) && (r.left < svg.left - 1 || r.right > svg.right + 1)))
      return false;
    return apply(div, {"legend.title.side": "top"});
  }

  // Long row labels of a squeezed plot, wrapped onto as many lines as their rows hold.
  async function wrapRowLabels(div) {
    const full = div._fullLayout;
    const svg = box(div.querySelector("svg.main-svg"));
    const update = {};
    const rowLines = {}; // the px each row of an axis needs
    for (const key of Object.keys(full).filter((k) => /^yaxis\d*$/.test(k))) {
      const axis = full[key];
      if (axis.type !== "category" || axis._length <= 0) continue;
      const values = axis.tickvals && axis.tickmode === "array" ? axis.tickvals : axis._categories;
      const labels = axis.ticktext && axis.tickmode === "array" ? axis.ticktext : values;
      if (!values || !values.length || values.length !== labels.length) continue;
      const ticks = [...div.querySelectorAll(`g.${axis._id}tick text`)].filter((t) => real(box(t)));
      if (!ticks.length) continue;
      const widest = Math.max(...ticks.map((t) => box(t).width));
      // Only where the labels take the room the plot needs.
      if (widest < svg.width * 0.4 || full._size.w > svg.width * 0.5) continue;
      // Within 40% of the chart's width, and each row tall enough for its lines.
      const size = axis.tickfont.size;
      const line = size * 1.3; // plotly's spacing of the lines of one label
      const chars = Math.max(...labels.map((l) => plain(l).length));
      const wrapped = labels.map((l) => wrap(l, Math.floor((svg.width * 0.4) / (widest / chars))));
      const lines = Math.max(...wrapped.map(lineCount));
      update[`${key}.tickmode`] = "array";
      update[`${key}.tickvals`] = values;
      update[`${key}.ticktext`] = wrapped;
      rowLines[key] = lines * line + GAP;
      // Each row's lines are centred on it: the first and last rows get the whole of their
      // band too (plotly pads a plot of points less), or their labels reach past the plot
      // into a panel's title above it.
      const n = axis._categories.length;
      const [lo, hi] = [Math.min(...axis.range), Math.max(...axis.range)];
      if (lo > -0.5 || hi < n - 0.5) {
        const reversed = axis.range[0] > axis.range[1];
        update[`${key}.range`] = reversed ? [n - 0.5, -0.5] : [-0.5, n - 0.5];
      }
    }
    await apply(div, update);
    // The longer labels may take room from the plot (plotly widens its margins for them):
    // measure again until every row has room for its lines. A panel of several gets its
    // share of the height the chart gains, so the chart grows by the lack over that share.
    for (let round = 0; round < 3; round++) {
      const taller = Math.max(
        0,
        ...Object.entries(rowLines).map(([key, px]) => {
          const axis = div._fullLayout[key];
          const share = axis._length / div._fullLayout._size.h;
          return Math.ceil((axis._categories.length * px - axis._length) / share);
        }),
      );
      if (taller <= 0) break;
      await apply(div, { height: div._fullLayout.height + taller });
    }
  }

  // Room between the title and what lies under it, and between the plot's axes and a
  // legend set under the plot.
  async function separate(div) {
    const full = div._fullLayout;
    const svg = box(div.querySelector("svg.main-svg"));
    const update = {};
    const title = div.querySelector("text.gtitle");
    const legend = div.querySelector("g.legend");
    const labels = [...div.querySelectorAll("g.annotation")]
      .filter((g) => !g.closest("g.g-gtitle"))
      .map((g) => box(g.querySelector("text") || g));
    const legendBox = legend ? box(legend.querySelector(".bg") || legend) : null;
    const menus = [...div.querySelectorAll("g.updatemenu-header-group")].map(box);
    if (title && real(box(title))) {
      const t = box(title);
      const under = labels
        .concat(legendBox ? [legendBox] : [], menus)
        .filter((r) => real(r) && hits(r, t));
      if (under.length) {
        grow(div, update, "t", Math.ceil(t.bottom - Math.min(...under.map((r) => r.top)) + GAP));
      }
    }
    // A menu above the plot that a legend in rows runs into goes up clear of it; the chart
    // grows by as much, so the title above them moves no nearer to either.
    const menuHit =
      legendBox && real(legendBox) ? menus.filter((m) => real(m) && hits(m, legendBox)) : [];
    if (menuHit.length && !("margin.t" in update)) {
      const up = Math.ceil(Math.max(...menuHit.map((m) => m.bottom)) - legendBox.top + GAP);
      (full.updatemenus || []).forEach((menu, i) => {
        if (menu.visible !== false && menu.y >= full.legend.y)
          update[`updatemenus[${i}].y`] = menu.y + up / full._size.h;
      });
      grow(div, update, "t", up);
    }
    const plotBottom = box(div.querySelector("svg.main-svg")).top + full._size.t + full._size.h;
    if (legendBox && real(legendBox) && legendBox.top >= plotBottom - 1) {
      const axes = [...div.querySelectorAll("g.xtick text, text.xtitle")]
        .map(box)
        .filter((r) => real(r) && hits(r, legendBox));
      const down = axes.length
        ? Math.ceil(Math.max(...axes.map((r) => r.bottom)) - legendBox.top + GAP)
        : 0;
      const overflow = Math.ceil(legendBox.bottom + down - svg.bottom + GAP);
      if (down > 0) update["legend.y"] = full.legend.y - down / full._size.h;
      if (overflow > 0) grow(div, update, "b", overflow);
    }
    return apply(div, update);
  }

  // A label written beside a point (a date line's name) that runs off the chart's right
  // edge is written on the point's other side; a plot with equal scales on both axes (a
  // circle of people) that a phone makes tall and narrow is let fill its height.
  async function keepInside(div, spec) {
    const full = div._fullLayout;
    const svg = box(div.querySelector("svg.main-svg"));
    const update = {};
    for (const g of div.querySelectorAll("g.annotation[data-index]")) {
      const index = Number(g.dataset.index);
      const note = full.annotations[index];
      const r = box(g.querySelector("text") || g);
      if (note && note.xanchor === "left" && real(r) && r.right > svg.right + 1)
        update[`annotations[${index}].xanchor`] = "right";
    }
    for (const key of Object.keys(full).filter((k) => /^yaxis\d*$/.test(k))) {
      const own = spec.layout[key] || {};
      if (own.scaleanchor && full._size.w < full._size.h) {
        update[`${key}.scaleanchor`] = false;
        if (own.range) update[`${key}.range`] = own.range; // as written, not as scaled
      }
    }
    return apply(div, update);
  }

  // A label of the chart (a panel's title) wider than the room it has on the chart, wrapped
  // onto more lines; one beside a date line turns back instead (keepInside).
  async function wrapLabels(div) {
    const full = div._fullLayout;
    const svg = box(div.querySelector("svg.main-svg"));
    const update = {};
    for (const g of div.querySelectorAll("g.annotation[data-index]")) {
      const index = Number(g.dataset.index);
      const note = full.annotations[index];
      const el = g.querySelector("text");
      const text = note && note.text;
      if (!el || typeof text !== "string" || text.startsWith("Source:")) continue;
      const r = box(el);
      if (!real(r) || (r.left >= svg.left - 1 && r.right <= svg.right + 1)) continue;
      const centre = (r.left + r.right) / 2;
      const room =
        note.xanchor === "left"
          ? svg.right - r.left - GAP
          : note.xanchor === "right"
            ? r.right - svg.left - GAP
            : 2 * Math.min(centre - svg.left, svg.right - centre) - 2 * GAP;
      const wrapped = wrap(note.text, Math.max(Math.floor(room / charWidth(el)), 12));
      if (lineCount(wrapped) > lineCount(note.text))
        update[`annotations[${index}].text`] = wrapped;
    }
    return apply(div, update);
  }

  // The labels a trace writes beside its points, measured: the text, its box, its point's
  // centre on the screen and its trace's axes. plotly binds each label's point to its group.
  function dataLabels(div) {
    const full = div._fullLayout;
    const left = box(div.querySelector("svg.main-svg")).left;
    const labels = [];
    for (const g of div.querySelectorAll("g.trace.scatter")) {
      const cd = g.__data__;
      const trace = cd && cd[0] && cd[0].trace;
      if (!trace || !trace.xaxis) continue;
      const xa = full[trace.xaxis.replace("x", "xaxis")];
      const ya = full[trace.yaxis.replace("y", "yaxis")];
      for (const el of g.querySelectorAll("g.text g.textpoint text")) {
        const d = el.parentNode.__data__;
        const r = box(el);
        if (!d || !Number.isInteger(d.i) || !real(r) || !Number.isFinite(xa.c2l(d.x))) continue;
        const x = xa.c2l(d.x);
        labels.push({el, r, d, trace, xa, ya, x, cx: left + xa._offset + xa.l2p(x)});
      }
    }
    return labels;
  }

  // The part of the screen a label may use: its plot, which cuts its traces' text at its
  // edges, or the chart for a trace that is not cut (cliponaxis false).
  function plotBox(div, label) {
    const svg = box(div.querySelector("svg.main-svg"));
    if (label.trace.cliponaxis === false) return svg;
    const [left, top] = [svg.left + label.xa._offset, svg.top + label.ya._offset];
    return {left, right: left + label.xa._length, top, bottom: top + label.ya._length};
  }

  // Change the text and the side of single labels: one restyle per trace.
  async function relabel(div, changes) {
    const byTrace = new Map();
    for (const {trace, i, text, side} of changes) {
      const index = trace.index;
      if (!byTrace.has(index)) {
        const own = div.data[index];
        const n = trace._length ?? (trace.x || []).length;
        const list = (v, fallback) =>
          Array.from({length: n}, (_, k) => (Array.isArray(v) ? v[k] : v) ?? fallback);
        byTrace.set(index, {
          text: list(own.text, ""),
          textposition: list(trace.textposition, "middle center"),
        });
      }
      const arrays = byTrace.get(index);
      if (text !== undefined) arrays.text[i] = text;
      if (side !== undefined) arrays.textposition[i] = side;
    }
    for (const [index, arrays] of byTrace) {
      // plotly redraws a trace's labels into the elements it drew them in, and drew none for
      // a point without a label: a label moved to such a point was never drawn. Drawn anew.
      for (const g of div.querySelectorAll("g.trace.scatter")) {
        if (g.__data__ && g.__data__[0].trace.index === index)
          g.querySelectorAll("g.textpoint").forEach((t) => t.remove());
      }
      await window.Plotly.restyle(
        div,
        {text: [arrays.text], textposition: [arrays.textposition]},
        [index],
      );
    }
    return byTrace.size > 0;
  }

  const across = (side) =>
    side.includes("right") ? side.replace("right", "left") : side.replace("left", "right");

  // A label beside a point that runs into a larger point of its own trace (a bubble drawn
  // next to a bigger one) is written beside the larger point, whose edge reaches further.
  async function clearNeighbours(div) {
    const changes = [];
    for (const label of dataLabels(div)) {
      const side = String(label.el.parentNode.__data__.tp || label.trace.textposition || "");
      const right = side.includes("right");
      if (!right && !side.includes("left")) continue;
      const points = [...div.querySelectorAll("g.trace.scatter")]
        .filter((g) => g.__data__ && g.__data__[0].trace === label.trace)
        .flatMap((g) => [...g.querySelectorAll("g.points path.point")]);
      const own = points.find((p) => p.__data__ && p.__data__.i === label.d.i);
      if (!own) continue;
      const edge = (p) => (right ? box(p).right : -box(p).left);
      const bigger = points
        .filter((p) => p !== own && p.__data__ && hits(box(p), label.r) && edge(p) > edge(own))
        .sort((a, b) => edge(b) - edge(a))[0];
      if (!bigger) continue;
      const texts = label.trace.text;
      if (Array.isArray(texts) && texts[bigger.__data__.i]) continue; // it has a label of its own
      changes.push({trace: label.trace, i: label.d.i, text: ""});
      changes.push({trace: label.trace, i: bigger.__data__.i, text: label.d.tx, side});
    }
    return relabel(div, changes);
  }

  // Labels beside points near a plot's edge that run off it, where plotly cuts them. The
  // axis is widened to hold them where that costs the plot less than a third of its width
  // (the names on the circle of people); otherwise a label that fits on its point's other
  // side, clear of the other points and labels, is written there (the documents beside the
  // last bubbles of the label timeline), or else wrapped onto the lines it needs on the side
  // it fits, and only as a last resort shortened to the room it has (its whole text is in
  // the point's hover).
  async function keepLabelsOnPlot(div) {
    const full = div._fullLayout;
    const cut = (label, r = label.r) => {
      const plot = plotBox(div, label);
      return r.left < plot.left - 1 || r.right > plot.right + 1;
    };
    const update = {};
    const axes = new Map();
    for (const label of dataLabels(div)) {
      if (!axes.has(label.xa._name)) axes.set(label.xa._name, []);
      axes.get(label.xa._name).push(label);
    }
    for (const [name, labels] of axes) {
      if (!labels.some((l) => cut(l))) continue;
      const xa = full[name];
      // An axis tied to another's scale (the circle on a wide screen) keeps its range.
      const anchored =
        xa.scaleanchor ||
        Object.keys(full).some((k) => /^yaxis\d*$/.test(k) && full[k].scaleanchor === xa._id);
      const [a, b] = xa.range.map((v) => xa.r2l(v));
      if (anchored || !(b > a)) continue;
      const W = xa._length;
      let lo = a;
      let hi = b;
      for (let round = 0; round < 50; round++) {
        const k = W / (hi - lo);
        lo = Math.min(a, ...labels.map((l) => l.x + (l.r.left - l.cx - GAP) / k));
        hi = Math.max(b, ...labels.map((l) => l.x + (l.r.right - l.cx + GAP) / k));
      }
      const k = W / (hi - lo);
      const fits = labels.every(
        (l) => (l.x - lo) * k + l.r.left - l.cx >= 0 && (l.x - lo) * k + l.r.right - l.cx <= W,
      );
      if (fits && (b - a) / (hi - lo) >= 2 / 3) update[`${name}.range`] = [xa.l2r(lo), xa.l2r(hi)];
    }
    await apply(div, update);
    const marks = [...div.querySelectorAll("g.points path.point, g.textpoint text")].map(box);
    const changes = [];
    for (const label of dataLabels(div).filter((l) => cut(l))) {
      const side = String(label.d.tp || label.trace.textposition || "");
      if (!side.includes("right") && !side.includes("left")) continue;
      const plot = plotBox(div, label);
      const {r, cx} = label;
      const mirror = {left: 2 * cx - r.right, right: 2 * cx - r.left}; // about its point
      const flipped = {top: r.top, bottom: r.bottom, ...mirror};
      // Clear of every other point and label (what the label covers now is itself, or its own).
      const clear = (q) => !marks.some((m) => real(m) && hits(m, q) && !hits(m, r));
      if (!cut(label, flipped) && clear(flipped)) {
        changes.push({trace: label.trace, i: label.d.i, side: across(side)});
        continue;
      }
      // Wrapped onto at most three lines, on whichever side they fit and stay clear; a label
      // listing several documents ("No. 21: 7; No. 26: 3") breaks between them first.
      const right = side.includes("right");
      const sides = [
        {
          side,
          room: right ? plot.right - r.left : r.right - plot.left,
          start: right ? r.left : r.right,
        },
        {
          side: across(side),
          room: right ? 2 * cx - r.left - plot.left : plot.right - (2 * cx - r.right),
          start: 2 * cx - (right ? r.left : r.right),
        },
      ];
      const text = String(label.d.tx);
      const em = charWidth(label.el);
      const lineHeight = r.height / lineCount(text);
      const middle = (r.top + r.bottom) / 2;
      let done = false;
      for (const {side: to, room, start} of sides) {
        const width = Math.floor((room - GAP) / em);
        const wrapped = wrap(text.replace(/;\s+/g, ";<br>"), width);
        const lines = wrapped.split("<br>");
        if (lines.length > 3 || lines.some((l) => plain(l).length > width)) continue;
        const px = Math.max(...lines.map((l) => plain(l).length)) * em;
        const rightward = to.includes("right");
        const est = {
          top: middle - (lines.length * lineHeight) / 2,
          bottom: middle + (lines.length * lineHeight) / 2,
          left: rightward ? start : start - px,
          right: rightward ? start + px : start,
        };
        if (!clear(est) || est.top < plot.top - 1 || est.bottom > plot.bottom + 1) continue;
        changes.push({trace: label.trace, i: label.d.i, text: wrapped, side: to});
        done = true;
        break;
      }
      if (done) continue;
      // Or shortened on the side with more room, to whole words and an ellipsis.
      const [here, there] = sides;
      const other = there.room > here.room && clear(flipped);
      const words = plain(text).replace(/…$/, "");
      const chars = Math.floor(((other ? there : here).room - GAP) / em) - 1;
      let short = words.slice(0, Math.max(chars, 0));
      if (short.includes(" ") && words[short.length] !== " ")
        short = short.slice(0, short.lastIndexOf(" "));
      short = short.replace(/[\s,;:.-]+$/, "");
      if (short) {
        changes.push({
          trace: label.trace,
          i: label.d.i,
          text: `${short}…`,
          side: other ? there.side : side,
        });
      }
    }
    return relabel(div, changes);
  }

  async function fit(div, spec) {
    div.dataset.fitted = "false";
    try {
      // Each step measures what the one before it drew.
      await legendBelow(div); // first: it widens the plot, and so moves the axis title
      await legendTitleAbove(div);
      await wrapTitles(div, spec);
      await wrapRowLabels(div);
      await keepInside(div, spec);
      await wrapLabels(div); // after keepInside, which turns a date line's name back
      await clearNeighbours(div);
      await keepLabelsOnPlot(div); // after keepInside, which frees the circle's axes
      for (let round = 0; round < 3; round++) {
        if (!(await separate(div))) break;
      }
      // A chart scrolled sideways in its box: the line above it says so, when it scrolls.
      const scroller = div.closest(`.${SCROLL}`);
      const hint = scroller && scroller.previousElementSibling;
      if (hint && hint.classList.contains(`${SCROLL}-hint`))
        hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
    } finally {
      div.dataset.fitted = "true"; // what the browser tests wait for
    }
  }

  window.august1956FitChart = (div, spec) => {
    let width = div.clientWidth;
    const height = div.style.height;
    let timer;
    let running = fit(div, spec);
    // A new width (a phone turned, a window resized): the figure as written, fitted again.
    new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        await running;
        if (div.clientWidth === width) return;
        width = div.clientWidth;
        div.style.height = height;
        running = window.Plotly.react(div, clone(spec.data), clone(spec.layout), spec.config)
          .then(() => window.Plotly.Plots.resize(div)) // react keeps the width it had
          .then(() => fit(div, spec));
      }, 250);
    }).observe(div);
  };
})();
