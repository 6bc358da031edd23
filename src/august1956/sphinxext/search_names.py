"""The Who's who found by the book's search under any spelling of any name it holds.

The people table of the Who's who is HTML that a notebook cell writes, and Sphinx's
search does not index such output: a search for "Pak Chang-ok" did not find the page
that lists him. This extension gives that page a ``keywords`` meta element with the
search words of every person in the people table (:func:`august1956.tables.people.search_words`),
which Sphinx's search indexes. The edition's pages carry the same words for the people
they mention (``august1956.edition.pages``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

# The pages that list every person of the people table.
PEOPLE_PAGES = ("book/02_whos_who",)


def keywords_node() -> nodes.Element:
    from august1956.tables.people import default_people, search_words, spellings

    forms = [form for form, _pid in spellings(default_people())]
    return nodes.meta(name="keywords", content=", ".join(search_words(forms)))


def on_doctree_read(app: Any, doctree: nodes.document) -> None:
    if app.env.docname in PEOPLE_PAGES:
        doctree.insert(0, keywords_node())


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-read", on_doctree_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
