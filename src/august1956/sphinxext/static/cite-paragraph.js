// Cite one paragraph of an edition page.
//
// An edition page states, in its "Cite this" section, the citation of a paragraph with N in
// place of the number, and carries the same form in div.cite-paragraph-form (written by
// august1956.edition.pages.cite_section). This script gives each numbered paragraph a "cite"
// button beside its number. The button opens a box under the paragraph with the citation
// filled in and a button that copies it. Without the script the page still shows the form.
(() => {
  "use strict";

  function fill(form, number) {
    return form.replaceAll("¶N", `¶${number}`).replace(/-pN\.$/, `-p${number}.`);
  }

  function citeBox(id, text) {
    const box = document.createElement("div");
    box.className = "cite-paragraph";
    box.id = id;
    box.hidden = true;
    const quote = document.createElement("code");
    quote.textContent = text;
    const copy = document.createElement("button");
    copy.type = "button";
    copy.className = "cite-paragraph-copy";
    copy.textContent = "Copy";
    const status = document.createElement("span");
    status.className = "cite-paragraph-status";
    status.setAttribute("role", "status");
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = "Copied.";
      } catch {
        // No clipboard (an insecure page, or permission refused): select the text instead.
        const range = document.createRange();
        range.selectNodeContents(quote);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = "Selected: copy it with your keyboard.";
      }
    });
    box.append(quote, " ", copy, " ", status);
    return box;
  }

  function addButtons() {
    const holder = document.querySelector(".cite-paragraph-form");
    if (!holder) return;
    const form = holder.dataset.form;
    for (const para of document.querySelectorAll("p.edition-para[id]")) {
      const number = para.id.split("-p").pop();
      const anchor = para.querySelector("a.para-no");
      if (!anchor || !/^\d+$/.test(number)) continue;
      const box = citeBox(`cite-${para.id}`, fill(form, number));
      const button = document.createElement("button");
      button.type = "button";
      button.className = "cite-paragraph-toggle";
      button.textContent = "cite";
      button.setAttribute("aria-label", `cite paragraph ${number}`);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", box.id);
      button.addEventListener("click", () => {
        box.hidden = !box.hidden;
        button.setAttribute("aria-expanded", String(!box.hidden));
      });
      anchor.after(" ", button);
      para.after(box);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
})();
