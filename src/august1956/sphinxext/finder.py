"""The finder's script, added to the page that holds the finder's form and to no other.

``august1956.edition.finder`` writes the finder page with its records and a form; the
script ``static/finder.js`` shows the form and filters the records in the browser, from the
records' own data, with no request. Like the edition's scripts it lives in the extensions'
static folder, since Jupyter Book would load every script of the book's own static folder
on every page.
"""

from __future__ import annotations

from typing import Any

from august1956.sphinxext import add_static_folder

FINDER_SCRIPT = "finder.js"
# How august1956.edition.finder writes the form (its FINDER_FORM_ID).
FINDER_FORM_MARK = '<form id="finder-form"'


def add_finder_script(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and FINDER_FORM_MARK in context.get("body", ""):
        app.add_js_file(FINDER_SCRIPT, loading_method="defer")


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", add_static_folder)
    app.connect("html-page-context", add_finder_script)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
