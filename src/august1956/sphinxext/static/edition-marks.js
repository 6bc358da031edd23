// Why a mark of the edition is there, by tap and by keyboard as well as by mouse.
//
// The edition's text marks what the repair restored, the marks it supplied, the characters
// the source lost and the editor's readings (august1956.edition.pages); each mark carries
// its reason in a title attribute, which only a mouse can show. This script makes every
// mark reachable with the Tab key and by a tap, and shows its reason in a small box under
// it while it has the focus (or the mouse is over it); Escape closes the box. A screen
// reader reads the reason as the mark's description. Without the script the title remains.
(() => {
  "use strict";

  const MARKS = ".bd-article span.restored[title], .bd-article span.inferred[title], "
    + ".bd-article span.lost[title], .bd-article span.emendation[title]";

  function addReasons() {
    let n = 0;
    for (const mark of document.querySelectorAll(MARKS)) {
      const tip = document.createElement("span");
      tip.className = "edition-reason";
      tip.id = `edition-reason-${++n}`;
      tip.textContent = mark.title;
      // Not part of the mark's name: a screen reader hears it as the description.
      tip.setAttribute("aria-hidden", "true");
      mark.removeAttribute("title"); // the box replaces the browser's own tooltip
      mark.classList.add("edition-mark");
      mark.tabIndex = 0;
      mark.setAttribute("aria-describedby", tip.id);
      mark.append(tip);
      mark.addEventListener("keydown", (event) => {
        if (event.key === "Escape") mark.blur();
      });
      // The box stays on the screen: near its right edge it moves left.
      const place = () => {
        tip.style.left = "0";
        const r = tip.getBoundingClientRect();
        const over = r.right - (document.documentElement.clientWidth - 8);
        if (over > 0) tip.style.left = `${-Math.min(over, r.left - 8)}px`;
      };
      mark.addEventListener("focus", place);
      mark.addEventListener("mouseenter", place);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addReasons);
  } else {
    addReasons();
  }
})();
