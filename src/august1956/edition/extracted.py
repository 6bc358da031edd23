"""The extracted text beside the reading: each paragraph's raw lines, as they stand.

An edition page gives, under each paragraph, a ``<details>`` block (no script: it opens
with a click, a tap or the keyboard, and prints open if the reader opened it) that holds
the lines of ``data/raw/`` the paragraph was read from, character for character. In a
line the font damage touched, each damaged character is marked by what the repair made
of it, and the repaired line follows, marked as the reading text marks it:

- *shifted*: a letter or mark stored 29 code points too low (or a ligature mark), which
  the repair moved back: certain once the run is recognised;
- *read as a mark*: a U+FFFD the repair read as a space or a punctuation mark, from the
  context;
- *lost*: a U+FFFD the repair kept, a digit that cannot be known;
- *dropped*: a justification space, or a U+FFFD merged into a neighbouring space.

What the repair made of each raw character is not stored beside the repaired text; it
is recovered here by aligning each raw line with its repaired line and provenance codes
(:func:`raw_codes`), under the repair's own rules (:mod:`august1956.text.repair`). A line
that cannot be aligned is an error, since the generated files then disagree with the raw
file.

>>> raw = "DIWHU" + "\\ufffd" * 7 + "WKH"
>>> raw_codes(raw, "after ����, the", "rrrrrilllliirrr")
'rrrrrilllliirrr'
>>> raw_codes("WKH\\ufffd 3OHQXP", "the Plenum", "rrrirrrrrr")
'rrridrrrrrr'
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from august1956.paths import data_dir
from august1956.text.repair import FFFD, MARKS, unshift
from august1956.text.source import CorpusError, read_raw_lines

# What each code of a raw character means on the page (class, words).
RAW_MARKS = {
    "r": ("x-shifted", "shifted by the broken font; the repair moved it back"),
    "i": ("x-read", "a damage mark the repair read as a space or punctuation mark"),
    "l": ("x-lost", "a damage mark that stands for a lost digit: kept as lost"),
    "d": ("x-dropped", "dropped: a spacing mark or a space merged with its neighbour"),
}
DROPPED = "d"


def raw_codes(raw: str, text: str, kinds: str) -> str | None:
    """What the repair made of each character of a raw line, or None if nothing fits.

    One code per raw character: ``c`` copied, ``r`` shifted back (a ligature mark gives
    two letters), ``i`` a U+FFFD read as a space or mark, ``l`` a U+FFFD kept as a lost
    digit, ``d`` dropped (a justification space, or a U+FFFD merged into a space).

    >>> raw_codes("RI¿FLDO", "official", "rrrrrrrr")
    'rrrrrrr'
    >>> raw_codes("plain text", "plain text", "cccccccccc")
    'cccccccccc'
    >>> raw_codes("WKH", "thy", "rrr") is None
    True
    """
    if raw == text and set(kinds) <= {"c"}:
        return "c" * len(raw)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 4 * len(raw) + 200))

    @cache
    def fit(i: int, j: int) -> str | None:
        if i == len(raw):
            return "" if j == len(text) else None
        ch = raw[i]
        options: list[tuple[str, int]] = []  # (code, characters of text it gives)
        if ch == FFFD:
            if j < len(text) and kinds[j] in "il" and (kinds[j] == "i" or text[j] == FFFD):
                options.append((kinds[j], 1))
            options.append((DROPPED, 0))
        else:
            if j < len(text) and text[j] == ch and kinds[j] == "c":
                options.append(("c", 1))
            mark = MARKS.get(ch)
            if (
                mark
                and text[j : j + len(mark)] == mark
                and kinds[j : j + len(mark)] == "r" * len(mark)
            ):
                options.append(("r", len(mark)))
            back = unshift(ch)
            if back is not None and j < len(text) and text[j] == back and kinds[j] == "r":
                options.append(("r", 1))
            if ch in " \t":
                options.append((DROPPED, 0))
        for code, n in options:
            rest = fit(i + 1, j + n)
            if rest is not None:
                return code + rest
        return None

    return fit(0, 0)


@dataclass(frozen=True)
class SourceLines:
    """The raw lines and the repair's output, line by line (1-based line numbers)."""

    raw: list[str]
    text: list[str]
    kinds: list[str]

    def codes(self, line: int) -> str:
        """The codes of a raw line (:func:`raw_codes`), or a clear error."""
        raw, text, kinds = self.raw[line - 1], self.text[line - 1], self.kinds[line - 1]
        codes = raw_codes(raw, text, kinds)
        if codes is None:
            raise CorpusError(
                f"line {line} of the raw file does not align with line {line} of "
                "data/corpus/repaired.txt and repaired_kinds.txt: the generated files are out "
                "of date. Regenerate them with `python -m august1956 build-data`."
            )
        return codes


def read_source_lines(root: Path | None = None) -> SourceLines:
    """The raw file's lines beside the repaired lines and their provenance codes."""
    corpus_dir = (root or data_dir()) / "corpus"
    raw = read_raw_lines()
    text = (corpus_dir / "repaired.txt").read_text(encoding="utf-8").split("\n")
    kinds = (corpus_dir / "repaired_kinds.txt").read_text(encoding="utf-8").split("\n")
    if not len(raw) == len(text) == len(kinds):
        raise CorpusError(
            f"the raw file has {len(raw)} lines, data/corpus/repaired.txt {len(text)} and "
            f"repaired_kinds.txt {len(kinds)}: regenerate them with "
            "`python -m august1956 build-data`."
        )
    return SourceLines(raw, text, kinds)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def raw_line_html(raw: str, codes: str) -> str:
    """A raw line with its damaged characters marked, run by run.

    >>> raw_line_html("WKH\\ufffd x", "rrricc")
    '<span class="x-shifted">WKH</span><span class="x-read">\\ufffd</span> x'
    """
    out: list[str] = []
    for code, run in _runs(raw, codes):
        mark = RAW_MARKS.get(code)
        out.append(f'<span class="{mark[0]}">{_escape(run)}</span>' if mark else _escape(run))
    return "".join(out)


def _runs(text: str, codes: str) -> Iterator[tuple[str, str]]:
    """The runs of ``text`` whose characters share one code: (code, run).

    >>> list(_runs("abcd", "xxyx"))
    [('x', 'ab'), ('y', 'c'), ('x', 'd')]
    """
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and codes[j] == codes[i]:
            j += 1
        yield codes[i], text[i:j]
        i = j


# How the repaired line under a damaged raw line marks its characters, by provenance code
# (the reading text's marks, without their reasons: the reading text above gives those).
READING_MARKS = {"r": "x-restored", "i": "x-inferred", "l": "x-lost"}
# How the edition shows a lost character, here and in the reading text: U+25A1, not the
# narrower U+25AF "▯": DejaVu Sans, the default sans-serif of most Linux desktops, has no
# U+25AF, and a reader there saw a missing-glyph box instead.
LOST_GLYPH = "□"


def reading_line_html(text: str, kinds: str) -> str:
    """A repaired line with what the repair restored, supplied and lost marked.

    >>> reading_line_html("the \ufffd,", "rrrili")
    '<span class="x-restored">the</span><span class="x-inferred"> </span>\
<span class="x-lost">□</span><span class="x-inferred">,</span>'
    """
    out: list[str] = []
    for kind, run in _runs(text, kinds):
        run = run.replace(FFFD, LOST_GLYPH)
        cls = READING_MARKS.get(kind)
        out.append(f'<span class="{cls}">{_escape(run)}</span>' if cls else _escape(run))
    return "".join(out)


def _damaged_count(codes: str) -> int:
    return sum(1 for c in codes if c != "c")


def extracted_html(lines: SourceLines, first: int, last: int) -> str:
    """The ``<details>`` block of one paragraph: its raw lines ``first`` to ``last``."""
    rows = []
    damaged_lines = 0
    for n in range(first, last + 1):
        raw = lines.raw[n - 1]
        codes = lines.codes(n)
        damaged = _damaged_count(codes) > 0
        damaged_lines += damaged
        row = (
            f'<div class="x-line{" x-damaged" if damaged else ""}">'
            f'<span class="x-no">{n}</span>'
            f'<span class="x-raw">{raw_line_html(raw, codes)}</span>'
        )
        if damaged:
            reading = reading_line_html(lines.text[n - 1], lines.kinds[n - 1])
            row += f'<span class="x-reading"><span class="x-as">read as</span> {reading}</span>'
        rows.append(row + "</div>")
    where = f"line {first}" if first == last else f"lines {first}–{last}"
    if damaged_lines == 0:
        state = "no damage"
    elif damaged_lines == 1:
        state = "1 damaged line"
    else:
        state = f"{damaged_lines} damaged lines"
    summary = f"As extracted: {where} of the source text, {state}"
    return (
        f'<details class="extracted"><summary>{summary}</summary>'
        f'<div class="x-lines">{"".join(rows)}</div></details>'
    )


def legend_html() -> str:
    """One line before the text that says what the blocks under the paragraphs hold."""
    sample = "".join(
        f'<span class="{cls}">{ex}</span> {words}; '
        for (cls, words), ex in zip(RAW_MARKS.values(), ["WKH", FFFD, FFFD, FFFD], strict=True)
    ).rstrip("; ")
    return (
        '<p class="x-legend">Under each paragraph, “As extracted” opens the lines of the '
        "source text it was read from, exactly as the text extraction left them, with the "
        f"repair's reading under each damaged line. In them: {sample}.</p>"
    )
