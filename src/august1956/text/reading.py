"""Reading text: repaired lines rebuilt into the paragraphs of each unit.

Each paragraph keeps, character by character, where its text came from (the
``kinds`` codes of the repair: ``c`` clean, ``r`` restored, ``i`` inferred,
``l`` lost, and ``e`` for an editor's emendation), so that the edition can mark
what the repair restored and show what the source lost.

Line-end hyphens are resolved against the corpus's own vocabulary: a break
inside a word is joined ("epi-" + "sode" -> "episode") and a real compound
keeps its hyphen ("Soviet-" + "Koreans" -> "Soviet-Koreans").

>>> lex = Lexicon.from_lines(["the anti-Japanese struggle", "an episode of"])
>>> lex.join("epi", "sode")
'episode'
>>> lex.join("anti", "Japanese")
'anti-Japanese'
>>> lex.join("Soviet", "Koreans")
'Soviet-Koreans'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from august1956.text.segment import Excerpt

WORD_RE = re.compile(r"[A-Za-z][A-Za-z’']*(?:-[A-Za-z][A-Za-z’']*)*")
NOTE_START_RE = re.compile(r"^\s*\d{1,2}\. [A-Z]")
LAYOUT_WIDTH = 35  # shorter lines are layout: headers, stamps, distribution lists


@dataclass(frozen=True)
class Lexicon:
    """Words and hyphenated compounds seen inside lines of the corpus (lower case)."""

    words: frozenset[str]
    compounds: frozenset[str]

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Lexicon:
        words: set[str] = set()
        compounds: set[str] = set()
        for line in lines:
            # the last token of a line may be a broken word: leave it out
            tokens = WORD_RE.findall(line.rstrip().rstrip("-"))
            if line.rstrip().endswith("-") and tokens:
                tokens = tokens[:-1]
            for tok in tokens:
                low = tok.lower()
                if "-" in low:
                    compounds.add(low)
                    words.update(low.split("-"))
                else:
                    words.add(low)
        return cls(frozenset(words), frozenset(compounds))

    def join(self, head: str, tail: str) -> str:
        """Join a word broken at a line-end hyphen, keeping the hyphen of a real compound."""
        h, t = head.lower(), tail.lower()
        if f"{h}-{t}" in self.compounds:
            return f"{head}-{tail}"
        if h + t in self.words:
            return head + tail
        if tail[:1].isupper():
            return f"{head}-{tail}"
        return head + tail


@dataclass
class Paragraph:
    """A paragraph of a unit's reading text, with its provenance."""

    unit: str
    number: int  # 1-based within the unit
    excerpt_id: str
    first_line: int
    last_line: int
    text: str
    kinds: str  # one code per character of text
    gap_before: bool  # text is missing right before this paragraph
    note_no: int | None = None  # Shimotomai's endnote number, when the paragraph opens one

    @property
    def anchor(self) -> str:
        """A stable HTML anchor, e.g. ``doc07-p3``."""
        return f"{self.unit}-p{self.number}"


def _strip_with_kinds(text: str, kinds: str) -> tuple[str, str]:
    """Strip surrounding whitespace and fold inner runs of whitespace to one space."""
    out_t: list[str] = []
    out_k: list[str] = []
    for ch, k in zip(text, kinds, strict=True):
        if ch.isspace():
            if out_t and out_t[-1] != " ":
                out_t.append(" ")
                out_k.append(k)
        else:
            out_t.append(ch)
            out_k.append(k)
    while out_t and out_t[-1] == " ":
        out_t.pop()
        out_k.pop()
    return "".join(out_t), "".join(out_k)


_BROKEN_END = re.compile(r"([A-Za-z’']+)-$")
_TAIL_START = re.compile(r"^([A-Za-z’']+)")


def _append_line(
    buf_t: list[str], buf_k: list[str], text: str, kinds: str, lex: Lexicon, *, prev_raw_len: int
) -> None:
    """Append one stripped line to a paragraph buffer, joining at hyphens."""
    if not buf_t:
        buf_t.append(text)
        buf_k.append(kinds)
        return
    prev_t = buf_t[-1]
    m = _BROKEN_END.search(prev_t)
    n = _TAIL_START.match(text)
    if m and n:
        joined = lex.join(m.group(1), n.group(1))
        keep_hyphen = joined != m.group(1) + n.group(1)
        if not keep_hyphen:
            buf_t[-1] = prev_t[:-1]
            buf_k[-1] = buf_k[-1][:-1]
        buf_t.append(text)
        buf_k.append(kinds)
        return
    sep = "\n" if prev_raw_len < LAYOUT_WIDTH else " "
    buf_t.append(sep + text)
    buf_k.append("c" + kinds)


_FINAL_RE = re.compile(r"[.:;?!”\"’)\]]\d*$")
FULL_LINE = 50  # body lines of the two-column page run 50-65 characters


def _runs_on(prev: str, nxt: str) -> bool:
    """After a blank line: does the text run on (a column artefact), not a new paragraph?

    >>> _runs_on("party-state as the three-year", "dispute in the Korean Workers’ Party")
    False
    >>> _runs_on("history of the North Korean party-state as the three-year", "dispute in")
    True
    """
    if prev.endswith("-"):
        return True
    return len(prev) >= FULL_LINE and not _FINAL_RE.search(prev) and not nxt.startswith("[Source")


def _ends_paragraph(prev: str, nxt: str) -> bool:
    """Without a blank line: a short line that ends a sentence closes its paragraph."""
    return bool(_FINAL_RE.search(prev)) and len(prev) < FULL_LINE and nxt[:1] in _OPENERS


_OPENERS = set('ABCDEFGHIJKLMNOPQRSTUVWXYZ“"[(')


def _line_groups(ex: Excerpt, texts: Sequence[str]) -> list[list[int]]:
    """0-based line indices of an excerpt, grouped into paragraphs by line shape."""
    groups: list[list[int]] = [[]]
    blank = False
    for i in range(ex.first_line - 1, ex.last_line):
        t = texts[i].strip()
        if not t:
            blank = True
            continue
        if groups[-1]:
            prev = texts[groups[-1][-1]].strip()
            if ex.unit == "notes" and NOTE_START_RE.match(t):
                brk = True  # each endnote is its own paragraph
            elif blank:
                brk = not _runs_on(prev, t)
            else:
                brk = _ends_paragraph(prev, t)
            if brk:
                groups.append([])
        groups[-1].append(i)
        blank = False
    return [g for g in groups if g]


def unit_paragraphs(
    excerpts: Sequence[Excerpt], texts: Sequence[str], kinds: Sequence[str], lex: Lexicon
) -> list[Paragraph]:
    """Paragraphs of every unit, in corpus order; numbering restarts in each unit.

    ``texts`` and ``kinds`` are the repaired lines (0-based like the raw file).
    Blank lines and excerpt boundaries end a paragraph; a short line (page
    layout: headers, distribution lists) is kept as a line break inside it.
    """
    counters: dict[str, int] = {}
    out: list[Paragraph] = []
    for ex in excerpts:
        if ex.unit == "furniture":
            continue
        for g, group in enumerate(_line_groups(ex, texts)):
            buf_t: list[str] = []
            buf_k: list[str] = []
            prev_len = 99
            for i in group:
                t, k = _strip_with_kinds(texts[i], kinds[i])
                _append_line(buf_t, buf_k, t, k, lex, prev_raw_len=prev_len)
                prev_len = len(t)
            text = "".join(buf_t)
            counters[ex.unit] = counters.get(ex.unit, 0) + 1
            note = re.match(r"(\d{1,2})\. ", text) if ex.unit == "notes" else None
            out.append(
                Paragraph(
                    unit=ex.unit,
                    number=counters[ex.unit],
                    excerpt_id=ex.excerpt_id,
                    first_line=group[0] + 1,
                    last_line=group[-1] + 1,
                    text=text,
                    kinds="".join(buf_k),
                    gap_before=ex.gap_before and g == 0,
                    note_no=int(note.group(1)) if note else None,
                )
            )
    return out
