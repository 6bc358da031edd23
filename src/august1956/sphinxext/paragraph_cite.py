"""A "cite" button beside every numbered paragraph of the edition's pages.

Each edition page carries the citation of one of its paragraphs, with N for the number,
in its "Cite this" section and in ``div.cite-paragraph-form`` (both written by
``august1956.edition.pages.cite_section``). The script ``static/cite-paragraph.js`` fills in the
number for each paragraph and shows the citation, with a button that copies it, under the
paragraph. It is added to the pages that carry the form only; the book's own static folder
holds no JavaScript, because Jupyter Book would load every script there on every page.

The marks of the edition's text (restored, supplied, lost, an editor's reading) carry their
reason in a title, which only a mouse shows; ``static/edition-marks.js``, added to the pages
that hold such a mark, shows it to a tap and to the keyboard as well.
"""

from __future__ import annotations

import re
from typing import Any

from august1956.sphinxext import add_static_folder

SCRIPT = "cite-paragraph.js"
FORM_CLASS = "cite-paragraph-form"
MARKS_SCRIPT = "edition-marks.js"
# How august1956.edition.pages writes a mark that carries its reason.
MARK_RE = re.compile(r'<span class="(?:restored|inferred|lost|emendation)" title=')


def on_page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and FORM_CLASS in context.get("body", ""):
        app.add_js_file(SCRIPT, loading_method="defer")
    if doctree is not None and MARK_RE.search(context.get("body", "")):
        app.add_js_file(MARKS_SCRIPT, loading_method="defer")


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", add_static_folder)
    app.connect("html-page-context", on_page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
