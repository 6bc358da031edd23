"""Segmentation: the raw lines cut into excerpts, each assigned to its unit.

The extraction that produced the corpus kept excerpts of the *Bulletin* one after
another with no marker, except that a new block of text usually opens with a
line that starts with one space. An *excerpt* is a run of lines that the
source gives without a gap. Each excerpt belongs to exactly one *unit*:
Person's introduction (``intro``), Shimotomai's article (``article``), his
endnotes (``notes``), a document (``doc01`` ... ``doc30``), or, for running
heads and page numbers, ``furniture``.

Where a document's header survives (``DOCUMENT No. 16``) the attribution is
read off the text. Headless fragments are attributed by inference, and each
inference is a curated row in ``data/curation/attributions.csv`` with its
confidence and a one-line reason. Block starts that in fact continue the
previous line without a gap are curated in the same file.

Every raw line belongs to exactly one excerpt, so joining the excerpts' lines
gives the raw file back byte for byte.

>>> is_block_start(" 1956 have to be seen in the context of the broader theme of com-")
True
>>> is_block_start("\\t\\t   Secret. Copy No. 1 ")
False
>>> header_doc_no(" DOCUMENT No. 24")
24
>>> header_doc_no("Document No. 7")
7
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from august1956.paths import data_dir
from august1956.text.source import CorpusError, read_csv_table
from august1956.text.units import HISTORIAN_TEXTS, doc_unit, unit_doc_no

HEADER_RE = re.compile(r"^\s*(?:DOCUMENT|Document) No\. (\d{1,2})\s*$")
RUNNING_HEAD_RE = re.compile(
    r"^\s*(?:Cold War International History Project Bulletin, Issue 16"
    r"|New Evidence on North Korea"
    r"|Issue 16\d{3})\s*$"
)
PAGE_NUMBER_RE = re.compile(r"^\s*\d{3}\s*$")

# Each unit's name in the list of excerpts; "furniture" holds the printing's running heads.
UNIT_NAMES = {u: text.full_name for u, text in HISTORIAN_TEXTS.items()} | {
    "furniture": "running heads and page numbers"
}


def is_block_start(raw: str) -> bool:
    """True when a raw line opens a new text block: one space, then text.

    Tabs are layout inside a document's header; two spaces indent paragraphs
    in Document No. 26; neither opens a block.
    """
    return raw.startswith(" ") and not raw.startswith("  ") and raw.strip() != ""


def header_doc_no(raw: str) -> int | None:
    """The number of a surviving document header line, else None."""
    m = HEADER_RE.match(raw)
    return int(m.group(1)) if m else None


def furniture_lines(raw_lines: list[str]) -> set[int]:
    """0-based indices of page furniture: running heads, the page numbers beside them,
    and the blank lines around them.

    A bare three-digit line counts only next to a running head (blank lines
    between are allowed), so a number in a document's text is never dropped.
    """
    heads = {i for i, line in enumerate(raw_lines) if RUNNING_HEAD_RE.match(line)}
    found = set(heads)
    for i in heads:
        for step in (1, -1):
            j = i + step
            while 0 <= j < len(raw_lines) and raw_lines[j].strip() == "":
                j += step
            if 0 <= j < len(raw_lines) and PAGE_NUMBER_RE.match(raw_lines[j]):
                found.add(j)
    for i in sorted(found):
        for step in (1, -1):
            j = i + step
            while 0 <= j < len(raw_lines) and raw_lines[j].strip() == "":
                found.add(j)
                j += step
    return found


@dataclass(frozen=True)
class Attribution:
    """A curated decision about the excerpt that starts at ``first_line``."""

    first_line: int  # 1-based raw line number where the excerpt starts
    unit: str  # unit id, or "continuation" for a block start that is not a new excerpt
    confidence: str  # high, medium, low
    reason: str


@dataclass
class Excerpt:
    """A run of raw lines that the source gives without a gap, in one unit."""

    excerpt_id: str
    first_line: int  # 1-based, inclusive
    last_line: int  # 1-based, inclusive
    unit: str
    attribution: str  # header, inferred, furniture
    confidence: str
    reason: str
    gap_before: bool  # text is missing between this excerpt and what precedes it
    lines: list[str] = field(repr=False, default_factory=list)

    @property
    def doc_no(self) -> int | None:
        return unit_doc_no(self.unit)

    @property
    def text_lines(self) -> tuple[int, int]:
        """The first and last line that hold text: what a reader is pointed to. The
        excerpt itself also owns the blank lines after its text (and, at the end of the
        file, the empty piece after the final newline), so that the excerpts rebuild the
        file byte for byte.

        >>> Excerpt("x001", 5, 9, "doc01", "header", "high", "", False,
        ...         ["a", "b", "", "", ""]).text_lines
        (5, 6)
        """
        filled = [k for k, line in enumerate(self.lines) if line.strip()]
        if not filled:
            return self.first_line, self.last_line
        return self.first_line + filled[0], self.first_line + filled[-1]


CONFIDENCES = ("high", "medium", "low")


def read_attributions(path: Path | None = None) -> dict[int, Attribution]:
    """The curated attributions, keyed by first line, each row checked.

    Read with the strict CSV reader, so a short or long row is named by its line; a row
    whose fields are wrong is named by its row and says what to write.
    """
    path = path or data_dir() / "curation" / "attributions.csv"
    if not path.is_file():
        raise CorpusError(f"{path} is missing: it holds the curated attributions of fragments.")
    table = read_csv_table(path)
    missing = [c for c in ("first_line", "unit", "confidence", "reason") if c not in table]
    if missing:
        raise CorpusError(f"{path} lacks the columns {missing}.")
    out: dict[int, Attribution] = {}
    for n, row in enumerate(table.to_dict("records"), start=1):
        where = f"{path}, row {n} (first_line {row['first_line']!r})"
        try:
            first = int(row["first_line"])
        except ValueError:
            raise CorpusError(
                f"{where}: first_line must be a raw line number, got {row['first_line']!r}."
            ) from None
        unit = row["unit"].strip()
        doc_no = unit_doc_no(unit)
        if not (unit in HISTORIAN_TEXTS or unit == "continuation" or (doc_no and doc_no <= 30)):
            raise CorpusError(
                f"{where}: unknown unit {unit!r}; use {', '.join(HISTORIAN_TEXTS)}, "
                "continuation or doc01..doc30."
            )
        if row["confidence"] not in CONFIDENCES:
            raise CorpusError(f"{where}: confidence must be one of {CONFIDENCES}.")
        if not row["reason"].strip():
            raise CorpusError(f"{where}: every attribution needs a reason.")
        if first in out:
            raise CorpusError(f"{where}: line {first} is attributed twice.")
        out[first] = Attribution(first, unit, row["confidence"], row["reason"].strip())
    return out


def excerpt_starts(raw_lines: list[str], attributions: dict[int, Attribution]) -> list[int]:
    """0-based indices where a new excerpt starts.

    An excerpt starts at the first line, at each block start that is not a
    curated continuation, at each surviving document header, where page
    furniture begins and where the text resumes after it, and where a curated
    attribution says a new unit begins.
    """
    furniture = furniture_lines(raw_lines)
    starts = {0}
    for i, raw in enumerate(raw_lines):
        att = attributions.get(i + 1)
        if is_block_start(raw) and i not in furniture and not (att and att.unit == "continuation"):
            starts.add(i)
        if header_doc_no(raw) is not None:
            starts.add(i)
        if i > 0 and (i in furniture) != (i - 1 in furniture):
            starts.add(i)
        if att and att.unit != "continuation":
            starts.add(i)
    return sorted(starts)


def segment(raw_lines: list[str], attributions: dict[int, Attribution] | None = None):
    """Cut the raw lines into excerpts and attribute each one.

    ``raw_lines`` is the file split on newlines (the last item is the empty
    string after the final newline).
    """
    attributions = read_attributions() if attributions is None else attributions
    for line_no, att in attributions.items():
        if not 1 <= line_no <= len(raw_lines):
            raise CorpusError(f"attributions.csv names line {line_no}, beyond the corpus.")
        if att.unit == "continuation" and not is_block_start(raw_lines[line_no - 1]):
            raise CorpusError(
                f"attributions.csv marks line {line_no} as a continuation, but it does not "
                "open a block; remove the row."
            )
    furniture = furniture_lines(raw_lines)
    starts = excerpt_starts(raw_lines, attributions)
    bounds = list(zip(starts, starts[1:] + [len(raw_lines)], strict=True))
    excerpts: list[Excerpt] = []
    for n, (a, b) in enumerate(bounds, start=1):
        lines = raw_lines[a:b]
        text_idx = [k for k in range(a, b) if raw_lines[k].strip()]
        is_furniture = bool(text_idx) and all(k in furniture for k in text_idx)
        doc = header_doc_no(raw_lines[a])
        att = attributions.get(a + 1)
        if is_furniture:
            unit, how, conf, reason = (
                "furniture",
                "furniture",
                "high",
                "running head or page number of the printed Bulletin",
            )
        elif doc is not None:
            unit, how, conf = doc_unit(doc), "header", "high"
            reason = f"opens with the surviving header 'Document No. {doc}'"
            if att is not None:
                raise CorpusError(
                    f"attributions.csv attributes line {a + 1}, which carries a header; "
                    "remove the row: the header decides."
                )
        elif att is not None:
            unit, how, conf, reason = att.unit, "inferred", att.confidence, att.reason
        else:
            raise CorpusError(
                f"The excerpt starting at raw line {a + 1} ({raw_lines[a][:50]!r}) has no "
                "header and no row in data/curation/attributions.csv. Add a row with its "
                "unit, confidence and reason."
            )
        gap_before = n > 1 and doc is None and not is_furniture
        excerpts.append(
            Excerpt(
                excerpt_id=f"x{n:03d}",
                first_line=a + 1,
                last_line=b,
                unit=unit,
                attribution=how,
                confidence=conf,
                reason=reason,
                gap_before=gap_before,
                lines=lines,
            )
        )
    unused = (
        set(attributions)
        - {e.first_line for e in excerpts}
        - {k for k, v in attributions.items() if v.unit == "continuation"}
    )
    if unused:
        raise CorpusError(
            "attributions.csv has rows for lines that do not start an excerpt: "
            f"{sorted(unused)}. Check the line numbers against the raw file."
        )
    return excerpts


def rebuild_raw(excerpts: list[Excerpt]) -> str:
    """The raw text rebuilt from the excerpts: proof that no line was lost."""
    return "\n".join(line for e in excerpts for line in e.lines)
