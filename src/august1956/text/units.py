"""The units of the corpus: the documents by number, and the three texts of the historians.

Every excerpt of the corpus belongs to one unit. A document's unit is ``doc`` and its
number in two digits (``doc07``); the other three are the historians' own texts, which
frame the documents in the *Bulletin*: Person's introduction, Shimotomai's article and its
endnotes. This module is the one place that knows those names and how each is labelled.

>>> unit_label("doc07"), unit_label("intro"), unit_label("notes")
('Document No. 7', 'Person, introduction', 'Shimotomai, notes')
>>> [u for u in HISTORIAN_TEXTS]
['intro', 'article', 'notes']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HistorianText:
    """One of the historians' texts in the corpus, and how the book names it."""

    author: str
    # As a citation names the text after the surname: "Person, introduction".
    part: str
    # As the list of excerpts names it in full: "Nobuo Shimotomai, endnotes".
    full_part: str
    # As a chart column names it where space is short: "Person, intro".
    short_part: str

    @property
    def surname(self) -> str:
        return self.author.split()[-1]

    @property
    def label(self) -> str:
        """The text in a citation: ``Person, introduction``."""
        return f"{self.surname}, {self.part}"

    @property
    def full_name(self) -> str:
        return f"{self.author}, {self.full_part}"

    @property
    def short_label(self) -> str:
        return f"{self.surname}, {self.short_part}"

    @property
    def voice(self) -> str:
        """Whose words the text carries, as the chapters on language name it."""
        return f"{self.surname} (historian)"


HISTORIAN_TEXTS = {
    "intro": HistorianText("James F. Person", "introduction", "introduction", "intro"),
    "article": HistorianText("Nobuo Shimotomai", "article", "article", "article"),
    "notes": HistorianText("Nobuo Shimotomai", "notes", "endnotes", "notes"),
}


def doc_unit(doc_no: int) -> str:
    """The unit id of a document number.

    >>> doc_unit(7)
    'doc07'
    """
    return f"doc{int(doc_no):02d}"


def unit_doc_no(unit: str) -> int | None:
    """The document number of a unit id, or None for the historians' texts.

    >>> unit_doc_no("doc21"), unit_doc_no("intro")
    (21, None)
    """
    unit = str(unit)
    return int(unit[3:]) if unit.startswith("doc") and unit[3:].isdigit() else None


def is_document(unit: str) -> bool:
    """Whether a unit id is a document's (not one of the historians' texts).

    >>> is_document("doc21"), is_document("article")
    (True, False)
    """
    return unit_doc_no(unit) is not None


def unit_label(unit: str) -> str:
    """How a citation names a unit.

    >>> unit_label("doc07"), unit_label("intro")
    ('Document No. 7', 'Person, introduction')
    """
    doc_no = unit_doc_no(unit)
    if doc_no is not None:
        return f"Document No. {doc_no}"
    text = HISTORIAN_TEXTS.get(unit)
    return text.label if text else unit
