"""Editorial readings: where each curated emendation stands, and the rules it must keep.

``data/emendations.csv`` gives, for a passage whose characters the source lost, the text as
it shows (``shows``, with U+FFFD for each lost character) and an editor's reading of it in
square brackets (``reading``). This module places each reading in its paragraph and refuses
one that cannot be placed or that would replace a character the source shows. The edition
marks the placed readings; :meth:`august1956.text.corpus.Corpus.text` applies them. Both
use :func:`place_emendations`, so the two cannot differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from august1956.text.source import CorpusError

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Emendation:
    """An editor's reading placed in a paragraph: characters start..end become ``reading``."""

    emendation_id: str
    unit: str
    anchor: str
    start: int
    end: int
    reading: str  # the bracketed text, brackets included, e.g. "[1956]"
    certainty: str
    reasoning: str

    @property
    def title(self) -> str:
        certainty = f" ({self.certainty})" if self.certainty else ""
        return f"editor's reading{certainty}: {self.reasoning}"


_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")


def bracket_spans(shows: str, reading: str) -> list[tuple[int, int, str]]:
    """Where each bracketed part of an editor's reading stands in the text it replaces.

    ``reading`` is ``shows`` with some characters replaced by bracketed text;
    the answer is (start, end, bracketed text) in ``shows`` for each bracket.

    >>> bracket_spans("August \\ufffd\\ufffd\\ufffd\\ufffd", "August [1956]")
    [(7, 11, '[1956]')]
    >>> bracket_spans("\\ufffd. The", "[4]. The")
    [(0, 1, '[4]')]
    """
    pieces = _BRACKET_RE.split(reading)
    if len(pieces) == 1:
        raise ValueError(f"the reading {reading!r} has no [bracketed] editorial text")
    pattern = "".join(re.escape(piece) if k % 2 == 0 else "(.*?)" for k, piece in enumerate(pieces))
    m = re.fullmatch(pattern, shows, flags=re.DOTALL)
    if not m:
        raise ValueError(
            f"the reading {reading!r} is not the text {shows!r} with bracketed parts: "
            "outside the brackets the two must be identical"
        )
    return [(m.start(g), m.end(g), f"[{pieces[2 * g - 1]}]") for g in range(1, m.lastindex + 1)]


# What an editor's reading may replace: a lost character (l), or a space or mark
# the repair inferred for a lost one (i). Never what the source shows.
EMENDABLE = frozenset("li")


def place_emendations(paragraphs: pd.DataFrame, emendations: pd.DataFrame) -> list[Emendation]:
    """Find each emendation's paragraph (by unit and raw line) and its place in the text.

    An emendation that cannot be placed, or that would replace a character the
    source shows, is a curation error, reported with what to fix.
    """
    placed: list[Emendation] = []
    for _, row in emendations.iterrows():
        unit, shows = row["unit"], row["shows"]
        paras = paragraphs[paragraphs["unit"] == unit]
        line = int(row["line"]) if str(row["line"]).strip() else None
        at_line = paras[(paras["first_line"] <= line) & (paras["last_line"] >= line)]
        candidates = [p for _, p in at_line.iterrows() if shows in p["text"]] or [
            p for _, p in paras.iterrows() if shows in p["text"]
        ]
        if len(candidates) != 1 or candidates[0]["text"].count(shows) != 1:
            raise CorpusError(
                f"data/emendations.csv, {row['emendation_id']}: the text {shows!r} must stand "
                f"exactly once in one paragraph of {unit}; found {len(candidates)} paragraphs. "
                "Copy 'shows' from corpus.text(unit, emend=False) with more context."
            )
        para = candidates[0]
        offset = para["text"].index(shows)
        try:
            spans = bracket_spans(shows, row["reading"])
        except ValueError as exc:
            raise CorpusError(f"data/emendations.csv, {row['emendation_id']}: {exc}.") from None
        for start, end, reading in spans:
            kinds = para["kinds"][offset + start : offset + end]
            if not kinds or set(kinds) - EMENDABLE:
                raise CorpusError(
                    f"data/emendations.csv, {row['emendation_id']}: {reading} would replace "
                    f"{shows[start:end]!r}, which the source shows (provenance {kinds!r}). "
                    "An editor's reading may replace only what the source lost: a lost "
                    "character (U+FFFD) or a mark the repair inferred in its place."
                )
            placed.append(
                Emendation(
                    emendation_id=row["emendation_id"],
                    unit=unit,
                    anchor=para["anchor"],
                    start=offset + start,
                    end=offset + end,
                    reading=reading,
                    certainty=str(row.get("certainty", "")),
                    reasoning=str(row["reasoning"]),
                )
            )
    return placed


def apply_emendations(text: str, placed: list[Emendation]) -> str:
    """A paragraph's text with the readings placed in it (all of one paragraph) put in.

    >>> e = Emendation("e1", "doc01", "doc01-p1", 5, 7, "[56]", "", "")
    >>> apply_emendations("in 19\\ufffd\\ufffd", [e])
    'in 19[56]'
    """
    for e in sorted(placed, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.reading + text[e.end :]
    return text
