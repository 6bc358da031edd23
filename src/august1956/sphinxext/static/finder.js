// The finder (book/documents/finder.md, written by august1956.edition.finder): shows the
// form and lists the documents and meetings that every chosen filter lets through. The
// records carry what the filters read in their data attributes; nothing is fetched, so the
// page works offline and from a file. The status line (a live region) says how many are
// listed after every change.
(function () {
  "use strict";
  function start() {
    const form = document.getElementById("finder-form");
    const list = document.getElementById("finder-results");
    const status = document.getElementById("finder-status");
    if (!form || !list || !status) return;
    const field = (id) => document.getElementById("finder-" + id);
    const items = Array.from(list.querySelectorAll("li.finder-item"));
    const words = (el, name) => (el.dataset[name] || "").split(" ").filter(Boolean);
    const counted = (n, one, many) => n + " " + (n === 1 ? one : many);

    function passes(item, f) {
      const d = item.dataset;
      if (f.person && !words(item, "people").includes(f.person)) return false;
      if (f.side && !words(item, "sides").includes(f.side)) return false;
      if (f.kind && d.record !== f.kind && d.kind !== f.kind) return false;
      if (f.confidence && d.confidence !== f.confidence) return false;
      if (!f.from && !f.to) return true;
      // An undated record cannot be placed in a range: listed only when asked for.
      if (!d.start) return f.undated;
      // ISO days compare as strings. A month or a year covers all its days: "overlap"
      // lists it when any of them is in the range, "within" only when all are.
      const from = f.from || "0000-00-00";
      const to = f.to || "9999-99-99";
      if (f.vague === "within") return d.start >= from && d.end <= to;
      return d.start <= to && d.end >= from;
    }

    function apply() {
      const f = {
        person: field("person").value,
        side: field("side").value,
        kind: field("kind").value,
        confidence: field("confidence").value,
        from: field("from").value,
        to: field("to").value,
        vague: field("vague").value,
        undated: field("undated").checked,
      };
      let documents = 0;
      let meetings = 0;
      let undatedLeft = 0;
      for (const item of items) {
        const shown = passes(item, f);
        item.hidden = !shown;
        if (shown && item.dataset.record === "document") documents += 1;
        if (shown && item.dataset.record === "meeting") meetings += 1;
        if (!shown && !item.dataset.start && (f.from || f.to) && !f.undated &&
            passes(item, Object.assign({}, f, { from: "", to: "" }))) undatedLeft += 1;
      }
      let text = (documents + meetings === items.length ? "All " : "Listed: ") +
        counted(documents, "document", "documents") + " and " +
        counted(meetings, "meeting", "meetings") + ".";
      if (documents + meetings === 0) text = "No document or meeting matches these filters.";
      if (undatedLeft) {
        text += " " + counted(undatedLeft, "undated record matches", "undated records match") +
          " the other filters and is left out by the date range.";
        if (undatedLeft > 1) text = text.replace(" and is left out", " and are left out");
      }
      status.textContent = text;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    // The reset button clears the fields after its event: list again once they are clear.
    form.addEventListener("reset", () => setTimeout(apply, 0));
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
