"""Readings by paragraph: ``{reading}`doc21 40-46``` in the book's prose.

The seminar guide assigns documents by their paragraph numbers. Written by
hand, a range such as "¶40-46" can point past the end of a document, and a
length such as "about 1,200 words" goes stale when the repair or the
segmentation changes. The role computes both from the corpus at build time:

    {reading}`doc21 40-46`   Document No. 21, ¶40–46 (about 860 words)
    {reading}`doc13`         Document No. 13, ¶1–5 (about 550 words)
    {reading}`intro 12-13`   Person, introduction, ¶12–13 (about 360 words)

The label links to the first paragraph of the range on its edition page. A
unit the corpus does not hold, or a range outside the unit's paragraphs, is a
build warning (the book builds with ``-W``) naming the page and what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

SPEC = re.compile(r"^\s*(?P<unit>[a-z]+\d*)(?:\s+(?P<first>\d+)(?:\s*-\s*(?P<last>\d+))?)?\s*$")


@dataclass(frozen=True)
class Reading:
    unit: str
    first: int
    last: int
    words: int
    label: str

    @property
    def anchor(self) -> str:
        return f"{self.unit}-p{self.first}"

    @property
    def text(self) -> str:
        span = f"¶{self.first}" if self.first == self.last else f"¶{self.first}–{self.last}"
        return f"{self.label}, {span}"


def about(words: int) -> str:
    """A word count rounded as a reader plans by it: to the nearest 10 below 1,000, else 50.

    >>> about(38), about(541), about(1163), about(5786)
    ('about 40 words', 'about 540 words', 'about 1,150 words', 'about 5,800 words')
    """
    step = 10 if words < 1000 else 50
    return f"about {max(step, round(words / step) * step):,} words"


@cache
def _paragraphs() -> Any:
    from august1956.text.corpus import load

    return load().paragraphs


def parse(spec: str, paragraphs: Any) -> Reading:
    """The reading a spec names, checked against the corpus's paragraphs.

    Raises ValueError with what was wrong and what to write instead.
    """
    from august1956.text.corpus import word_count
    from august1956.text.units import unit_label

    match = SPEC.match(spec)
    if not match:
        raise ValueError(f"'{spec}' is not a reading: write a unit and a range, e.g. 'doc21 40-46'")
    unit = match["unit"]
    numbers = paragraphs.loc[paragraphs["unit"] == unit, "number"].astype(int)
    if numbers.empty:
        raise ValueError(f"'{unit}' is not a unit of the corpus (e.g. doc21, intro, article)")
    first = int(match["first"]) if match["first"] else int(numbers.min())
    last = (
        int(match["last"]) if match["last"] else (first if match["first"] else int(numbers.max()))
    )
    if not (numbers.min() <= first <= last <= numbers.max()):
        raise ValueError(
            f"¶{first}–{last} is outside {unit_label(unit)}, "
            f"which has ¶{numbers.min()}–{numbers.max()}"
        )
    chosen = paragraphs[(paragraphs["unit"] == unit) & numbers.between(first, last)]
    words = word_count(chosen["text"])
    return Reading(unit, first, last, words, unit_label(unit))


class ReadingRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            reading = parse(self.text, _paragraphs())
        except ValueError as error:
            message = self.inliner.reporter.warning(f"reading: {error}", line=self.lineno)
            return [nodes.inline(self.rawtext, self.text)], [message]
        ref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="ref",
            reftarget=reading.anchor,
            refexplicit=True,
            refwarn=True,
        )
        ref += nodes.inline(reading.text, reading.text)
        span = nodes.inline(classes=["reading"])
        span += ref
        span += nodes.Text(f" ({about(reading.words)})")
        return [span], []


def setup(app: Any) -> dict[str, Any]:
    app.add_role("reading", ReadingRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
