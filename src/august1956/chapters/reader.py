"""Read a document with a keyword highlighted: a widget for live sessions, a table for the web.

>>> from august1956 import load
>>> html = highlighted_html(load(), "doc10", "outside")
>>> html.count("<mark>")
1
"""

from __future__ import annotations

import html as html_lib
import re

import pandas as pd

from august1956.chapters.live import controls_view, explorer
from august1956.text.corpus import Corpus
from august1956.text.units import unit_label


def highlighted_html(corpus: Corpus, unit: str, keyword: str = "") -> str:
    """A unit's reading text as HTML paragraphs, every match of ``keyword`` in ``<mark>``.

    The keyword is a plain string matched case-insensitively (not a regular
    expression), so a reader can type anything without breaking the view.
    """
    rx = re.compile(re.escape(keyword), re.IGNORECASE) if keyword.strip() else None
    parts = [f"<h4>{html_lib.escape(unit_label(unit))}</h4>"]
    for _, p in corpus.unit_paragraphs(unit).iterrows():
        text = html_lib.escape(p["text"]).replace("\n", "<br>")
        if rx is not None:
            text = rx.sub(lambda m: f"<mark>{m.group(0)}</mark>", text)
        parts.append(f"<p><small>¶{p['number']}</small> {text}</p>")
    return "\n".join(parts)


def keyword_counts(corpus: Corpus, keyword: str) -> pd.DataFrame:
    """How often a plain keyword occurs in each unit: unit, label, matches (the largest first)."""
    rx = re.compile(re.escape(keyword), re.IGNORECASE)
    rows = []
    for unit in corpus.units:
        n = sum(len(rx.findall(t)) for t in corpus.unit_paragraphs(unit)["text"])
        if n:
            rows.append({"unit": unit, "label": unit_label(unit), "matches": n})
    columns = ["unit", "label", "matches"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values("matches", ascending=False, kind="stable").reset_index(drop=True)


def document_reader(corpus: Corpus, unit: str = "doc10", keyword: str = "outside"):
    """A reader for live sessions: pick a unit, type a keyword, read it highlighted.

    In the built book (no kernel) it shows instead where the default keyword
    occurs, with keyword-in-context lines.
    """

    def live():
        import ipywidgets as w
        from IPython.display import HTML

        units = w.Dropdown(
            options=[(unit_label(u), u) for u in corpus.units], value=unit, description="Read"
        )
        word = w.Text(value=keyword, description="Highlight")
        return controls_view(
            [units, word], lambda: HTML(highlighted_html(corpus, units.value, word.value))
        )

    def static():
        return corpus.kwic(re.escape(keyword))[["label", "left", "match", "right"]]

    return explorer(live, static)
