// Fit a chart to the screen it is drawn on.
//
// The book's charts are laid out in pixels for a desktop column. plotly.js narrows them to a
// phone's width but does not wrap text, so on a phone a long title ran off the chart, a legend
// that wrapped onto more rows ran into the title or the axis under it, and long row labels
// left the plot a sliver. After plotly has drawn a chart, this script measures what it drew
// and, only where something does not fit, gives it room: it wraps the title and axis titles
// to the chart's width, puts a legend that squeezes the plot from the side under it, wraps
// long row labels onto the lines their rows have room for, and
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
        const wrapped = wrap(text, Math.max(width, 12));
        const added = lineCount(wrapped) - lineCount(text);
        if (added > 0) {
          update["title.text"] = wrapped;
          grow(div, update, "t", Math.ceil(added * (r.height / lineCount(text))));
        }
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
        const wrapped = wrap(words, Math.max(Math.floor(room / charWidth(xtitle)), 12));
        const added = lineCount(wrapped) - lineCount(words);
        if (added > 0) {
          update["xaxis.title.text"] = wrapped;
          grow(div, update, "b", Math.ceil(added * (r.height / lineCount(words))));
        }
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
    }
    await apply(div, update);
    // The longer labels may take room from the plot (plotly widens its margins for them):
    // measure again until every row has room for its lines.
    for (let round = 0; round < 3; round++) {
      const taller = Math.max(
        0,
        ...Object.entries(rowLines).map(([key, px]) => {
          const axis = div._fullLayout[key];
          return Math.ceil(axis._categories.length * px - axis._length);
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

  async function fit(div, spec) {
    div.dataset.fitted = "false";
    try {
      // Each step measures what the one before it drew.
      await legendBelow(div); // first: it widens the plot, and so moves the axis title
      await wrapTitles(div, spec);
      await wrapRowLabels(div);
      await keepInside(div, spec);
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
