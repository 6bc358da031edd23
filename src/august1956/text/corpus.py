"""``august1956.load()``: what the chapters need, read from the generated files.

>>> corpus = load()
>>> corpus.documents.loc[7, "title"]
'Memorandum of Conversation with Choe Changik'
>>> corpus.cite("help is needed from the outside").label
'Document No. 10, ¶2'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from august1956.home import paragraph_target
from august1956.paths import data_dir
from august1956.text.emendations import apply_emendations, place_emendations
from august1956.text.source import CorpusError, check_manifest, read_csv_table
from august1956.text.units import HISTORIAN_TEXTS, is_document, unit_label

if TYPE_CHECKING:
    import pandas as pd

LOST = "\ufffd"
_QUOTE_MAP = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_ELLIPSIS_RE = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")


def normalize(text: str) -> str:
    """Fold what a verbatim comparison ignores: whitespace runs and quote styles.

    >>> normalize("the “Soviet”\\n faction’s")
    'the "Soviet" faction\\'s'
    """
    return " ".join(text.translate(_QUOTE_MAP).split())


def word_count(texts: Iterable[str]) -> int:
    """Words in some texts, counted as runs of letters and digits: the book's one rule.

    >>> word_count(["Li Sangjo's letter, 12 October 1956."])
    7
    """
    return sum(len(re.findall(r"\w+", t)) for t in texts)


@dataclass(frozen=True)
class Citation:
    """Where a verbatim quote stands: unit, paragraph, and a link into the edition."""

    unit: str
    paragraph: int
    anchor: str
    quote: str

    @property
    def label(self) -> str:
        return f"{unit_label(self.unit)}, ¶{self.paragraph}"

    def href(self, base: str = "") -> str:
        """Link to the paragraph on its edition page (``base`` is the path to book/)."""
        return f"{base}documents/{self.unit}.html#{self.anchor}"

    def markdown(self) -> str:
        """A link to the paragraph: in the book, a MyST reference to its target.

        The reference works from any page of the book (the edition pages declare a
        target ``(doc07-p3)=`` before each paragraph), including Markdown that a
        notebook cell displays. In a live session it is the paragraph's published
        page instead (:func:`august1956.home.paragraph_target`).
        """
        return paragraph_link(self.label, self.anchor)


def date_label(start: str, end: str = "", precision: str = "day", *, month: str = "%b") -> str:
    """A date or date range as a reader writes it, no more precise than the source.

    ``month`` is the strftime code for the month: abbreviated on charts, ``"%B"`` in prose.

    >>> date_label("1956-02-14", "1956-02-25")
    '14-25 Feb 1956'
    >>> date_label("1956-08-30", "1956-09-01")
    '30 Aug-1 Sep 1956'
    >>> date_label("1956-08-30", "1956-08-31", month="%B")
    '30-31 August 1956'
    >>> date_label("1956-06", "1956-07", "month"), date_label("1956", "", "year")
    ('Jun-Jul 1956', '1956')
    >>> date_label("1956-09", "1957-01", "month")
    'Sep 1956-Jan 1957'

    >>> date_label("", "", "unknown")
    'undated'
    """
    import pandas as pd

    if not start or precision == "unknown":
        return "undated"
    first, last = pd.Timestamp(start), pd.Timestamp(end or start)
    if precision == "year":
        return str(first.year) if first.year == last.year else f"{first.year}-{last.year}"
    # A range across a new year names both years ("Sep 1956-Jan 1957").
    head = month if first.year == last.year else f"{month} %Y"
    if precision == "month":
        if (first.year, first.month) == (last.year, last.month):
            return first.strftime(f"{month} %Y")
        return f"{first.strftime(head)}-{last.strftime(f'{month} %Y')}"
    if first == last:
        return f"{first.day} {first.strftime(f'{month} %Y')}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last.strftime(f'{month} %Y')}"
    return f"{first.day} {first.strftime(head)}-{last.day} {last.strftime(f'{month} %Y')}"


def date_words(date: str, precision: str = "") -> str:
    """An ISO date of the catalog in words, no more precise than it is: its precision is
    the one given, or what the date's own length shows (a year, a month, a day).

    >>> date_words("1956-06-16"), date_words("1956-10", "month"), date_words("")
    ('16 Jun 1956', 'Oct 1956', 'undated')
    >>> date_words("1956-10"), date_words("1956")
    ('Oct 1956', '1956')
    """
    if not date:
        return "undated"
    shown = {4: "year", 7: "month"}.get(len(date))
    return date_label(date, "", shown or precision or "day")


def date_known_from(date: str, note: str) -> str:
    """Where a catalogued date comes from, read from the curators' note on it.

    >>> date_known_from("1956-03-12", "date in the surviving header")
    'the document'
    >>> date_known_from("1956-07-24", "no date survives in the corpus; 24 July 1956 ... "
    ...                 "come from outside the corpus")
    'outside the corpus'
    >>> date_known_from("1956-07-20", "20 July comes from outside the corpus; the sources disagree")
    'outside the corpus, where the sources disagree'
    >>> date_known_from("1956-10", "no date survives; Shimotomai says he wrote in October 1956")
    "the historians' texts"
    >>> date_known_from("1956-10-26", "the entry is headed 26 October; the year is inferred")
    'the document (year inferred)'
    """
    if not date:
        return ""
    if "the sources disagree" in note and "outside the corpus" in note:
        return "outside the corpus, where the sources disagree"
    if "outside the corpus" in note:
        return "outside the corpus"
    if re.match(r"no date survives; (Person|Shimotomai) ", note):
        return "the historians' texts"
    if "no date survives" in note or "so it is" in note:
        return "inferred from the text"
    if "year is inferred" in note:
        return "the document (year inferred)"
    return "the document"


# Where a document's date comes from (date_known_from), as the mark after the date says it.
_WHENCE = {
    "outside the corpus": "date from outside the corpus",
    "outside the corpus, where the sources disagree": (
        "date from outside the corpus; the sources disagree"
    ),
    "the historians' texts": "from the historians' texts",
    "inferred from the text": "inferred from the text",
    "the document (year inferred)": "year inferred",
}


def document_date_words(date: str, precision: str, note: str) -> str:
    """A catalogued document's date in words, no more precise than it is, and marked with
    where it comes from when that is not the document itself. Every chart and table that
    shows a document's date says it this way.

    >>> document_date_words("1956-03-12", "day", "date in the surviving header")
    '12 Mar 1956'
    >>> document_date_words("1956-06", "month", "no date survives; Person places both ...")
    "Jun 1956 (month only, from the historians' texts)"
    >>> document_date_words("1956-07-20", "day", "20 July comes from outside the corpus; the "
    ...                     "sources disagree")
    '20 Jul 1956 (date from outside the corpus; the sources disagree)'
    >>> document_date_words("1956-10-26", "day", "headed 26 October; the year is inferred")
    '26 Oct 1956 (year inferred)'
    >>> document_date_words("", "unknown", "no date survives")
    'undated'
    """
    if not date:
        return "undated"
    month = "month only" if len(date) == 7 or precision == "month" else ""
    whence = _WHENCE.get(date_known_from(date, note), "")
    marks = ", ".join(m for m in (month, whence) if m)
    return date_words(date, precision) + (f" ({marks})" if marks else "")


# The mark for a date on which the sources disagree (the note says which, and how).
SOURCES_DISAGREE = " (the sources disagree)"
# A month or day that the source does not state but its context implies.
BY_CONTEXT = " (by context)"


def date_caveat(note: str) -> str:
    """What a reader must know about a meeting's date, read from the curators' note on it.

    >>> date_caveat("no date survives in the corpus; 24 July 1956 comes from outside the corpus")
    ' (from outside the corpus)'
    >>> date_caveat("Shimotomai: 23 September; the telegram: 19 September: the sources disagree")
    ' (the sources disagree)'
    >>> date_caveat("entry of 5 June in Ivanov's diary")
    ''
    >>> date_caveat('"In April 1956" (Doc 30); outside the corpus, a newspaper has 23 April')
    ''
    >>> date_caveat("not dated; the date is inferred from outside the corpus: presumably April")
    ' (inferred from outside the corpus)'
    >>> date_caveat("before the plenum, by context (Doc 15)")
    ' (by context)'

    Only a note that says the corpus has no date, or that the date itself is from outside,
    marks the date: an outside source that merely sharpens a corpus date does not.
    """
    if "the sources disagree" in note:
        return SOURCES_DISAGREE
    if "the date is inferred from outside the corpus" in note:
        return " (inferred from outside the corpus)"
    if "no date survives in the corpus" in note or "the date is from outside the corpus" in note:
        return " (from outside the corpus)"
    if "by context" in note:
        return BY_CONTEXT
    return ""


def _left_context(text: str, start: int, width: int) -> str:
    """Up to ``width`` characters before ``start``, cut at a word's edge ("…" where cut).

    A context that began inside a word would show a different word ("abused" as "used").

    >>> _left_context("he abused the name of", 14, 10)
    '…the '
    >>> _left_context("he abused the name of", 14, 30)
    'he abused the '
    """
    begin = max(0, start - width)
    window = text[begin:start]
    if begin > 0 and text[begin - 1].isalnum() and window[:1].isalnum():
        cut = window.find(" ")
        window = window[cut + 1 :] if cut >= 0 else ""
    return ("…" if begin > 0 else "") + window


def _right_context(text: str, end: int, width: int) -> str:
    """Up to ``width`` characters after ``end``, cut at a word's edge ("…" where cut).

    >>> _right_context("the name of the party", 8, 9)
    ' of the…'
    """
    stop = min(len(text), end + width)
    window = text[end:stop]
    if stop < len(text) and text[stop].isalnum() and window[-1:].isalnum():
        cut = window.rfind(" ")
        window = window[:cut] if cut >= 0 else ""
    return window + ("…" if stop < len(text) else "")


def paragraph_link(label: str, anchor: str) -> str:
    """A citation label as a Markdown link to its paragraph in the edition.

    >>> paragraph_link("Document No. 10, ¶2", "doc10-p2")
    '[Document No. 10, ¶2](doc10-p2)'

    In the built book the link is the paragraph's MyST target, which resolves from any
    page (the edition pages declare ``(doc10-p2)=`` before each paragraph); in a live
    session it is the paragraph's published page (:func:`august1956.home.paragraph_target`).
    """
    return f"[{label}]({paragraph_target(anchor)})"


def block_quote(text: str, source: str, comment: str = "") -> str:
    """A quotation as a Markdown block quote, with its source on a line of its own.

    Runs of white space become one space, and a text that is itself a quotation keeps its
    own marks rather than getting a second pair. ``comment`` follows the source, in italics.

    >>> print(block_quote("help is  needed from the outside ", "Document No. 10, ¶2"))
    > “help is needed from the outside”
    >
    > — Document No. 10, ¶2
    >>> print(block_quote("“was a desperate attempt”", "Person, introduction, ¶2", "Why."))
    > “was a desperate attempt”
    >
    > — Person, introduction, ¶2. *Why.*
    """
    text = " ".join(text.split())
    if not (text[0] in '“"' and text[-1] in '”"'):
        text = f"“{text}”"
    source = f"{source}. *{comment}*" if comment else source
    return f"> {text}\n>\n> — {source}"


def quote_markdown(corpus: Corpus, quote: str, unit: str | None = None, comment: str = "") -> str:
    """A verbatim corpus quote as a Markdown block quote, with its citation linked.

    The quote is located in the corpus first, so a misquotation fails loudly. This is the
    one way the chapters show a quotation from the corpus.

    >>> from august1956 import load
    >>> print(quote_markdown(load(), "help is needed from the outside"))
    > “help is needed from the outside”
    >
    > — [Document No. 10, ¶2](doc10-p2)
    """
    quote = " ".join(quote.split())
    return block_quote(quote, corpus.cite(quote, unit).markdown(), comment)


def quotes(corpus: Corpus, *items: str | tuple[str, str]) -> str:
    """Several quotes, each a string or a (quote, unit) pair, as consecutive block quotes."""
    pairs = [item if isinstance(item, tuple) else (item, None) for item in items]
    return "\n\n".join(quote_markdown(corpus, quote, unit) for quote, unit in pairs)


# The generated files a Corpus reads (build-data writes them; its manifest vouches for them).
GENERATED_READ = ["documents.csv", "corpus/excerpts.csv", "corpus/paragraphs.csv"]


class Corpus:
    """The repaired, segmented and catalogued corpus."""

    def __init__(self, root: Path):

        self.root = root
        # The generated files must be the ones the last build-data wrote, all of them.
        check_manifest(root, GENERATED_READ)
        self._lines: pd.DataFrame | None = None

    # The tables are read on first use: loading the corpus costs only the check of the
    # manifest, and pandas is imported when a table is first asked for.
    @cached_property
    def documents(self) -> pd.DataFrame:
        """The catalog: one row per document (generated ``documents.csv``)."""
        return _read_csv(self.root / "documents.csv").set_index("doc_no", drop=False)

    @cached_property
    def excerpts(self) -> pd.DataFrame:
        """The excerpts of the source, each a run of raw lines in one unit."""
        return _read_csv(self.root / "corpus" / "excerpts.csv")

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """The reading text, one row per paragraph with its unit and anchor."""
        return _read_csv(self.root / "corpus" / "paragraphs.csv")

    @cached_property
    def emendations(self) -> pd.DataFrame:
        """The editor's readings of lost characters (``emendations.csv``)."""
        return _read_emendations(self.root / "emendations.csv")

    @cached_property
    def _norm(self) -> list[str]:
        return [normalize(t) for t in self.paragraphs["text"]]

    # -- lines --------------------------------------------------------------
    @property
    def lines(self) -> pd.DataFrame:
        """One row per raw line: its repair, provenance codes, excerpt and unit."""
        import pandas as pd

        if self._lines is None:
            from august1956.text.source import read_raw_lines

            raw = read_raw_lines(self.root / "raw" / "000_4586cb435a2fc35a.txt")
            check_manifest(self.root, ["corpus/repaired.txt", "corpus/repaired_kinds.txt"])
            text = _read_text(self.root / "corpus" / "repaired.txt").split("\n")
            kinds = _read_text(self.root / "corpus" / "repaired_kinds.txt").split("\n")
            if not len(raw) == len(text) == len(kinds):
                raise CorpusError(
                    "data/corpus/repaired.txt does not have one line per raw line; "
                    "regenerate it with `python -m august1956 build-data`."
                )
            df = pd.DataFrame(
                {"line": range(1, len(raw) + 1), "raw": raw, "text": text, "kinds": kinds}
            )
            df["damaged"] = [r != t for r, t in zip(raw, text, strict=True)]
            unit = [""] * len(raw)
            excerpt = [""] * len(raw)
            for _, e in self.excerpts.iterrows():
                for n in range(int(e["first_line"]), int(e["last_line"]) + 1):
                    unit[n - 1] = e["unit"]
                    excerpt[n - 1] = e["excerpt_id"]
            df["unit"], df["excerpt_id"] = unit, excerpt
            self._lines = df
        return self._lines

    def before_after(self, line_numbers: list[int]) -> pd.DataFrame:
        """Raw lines and their repair, one above the other: line, version, text."""
        import pandas as pd

        lines = self.lines.set_index("line")
        rows = []
        for n in line_numbers:
            rows.append({"line": n, "version": "as received", "text": lines.loc[n, "raw"]})
            rows.append({"line": n, "version": "as repaired", "text": lines.loc[n, "text"]})
        return pd.DataFrame(rows)

    # -- reading text -------------------------------------------------------
    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(self.paragraphs["unit"]))

    def unit_paragraphs(self, unit: str) -> pd.DataFrame:
        if unit not in set(self.paragraphs["unit"]):
            raise KeyError(
                f"no unit {unit!r}; units are {', '.join(HISTORIAN_TEXTS)} and "
                + ", ".join(u for u in self.units if is_document(u))
            )
        return self.paragraphs[self.paragraphs["unit"] == unit]

    def text(self, unit: str, *, emend: bool = True) -> str:
        """The reading text of a unit, paragraphs separated by blank lines.

        Lost characters show as U+FFFD; with ``emend`` the curated editorial
        readings replace them in square brackets, placed by the rules the edition keeps
        (:func:`august1956.text.emendations.place_emendations`).
        """
        paras = self.unit_paragraphs(unit)
        texts = paras["text"].tolist()
        if emend:
            placed = place_emendations(paras, self.emendations[self.emendations["unit"] == unit])
            texts = [
                apply_emendations(text, [e for e in placed if e.anchor == anchor])
                for text, anchor in zip(texts, paras["anchor"], strict=True)
            ]
        return "\n\n".join(texts)

    def unit_summary(self) -> pd.DataFrame:
        """One row per unit: what survives of it and how it is attributed."""
        import pandas as pd

        rows = []
        for unit in self.units:
            paras = self.unit_paragraphs(unit)
            exs = self.excerpts[self.excerpts["unit"] == unit]
            rows.append(
                {
                    "unit": unit,
                    "label": unit_label(unit),
                    "excerpts": len(exs),
                    "paragraphs": len(paras),
                    "words": word_count(paras["text"]),
                    "header": "header" in set(exs["attribution"]),
                    "weakest attribution": max(
                        exs["confidence"], key=["high", "medium", "low"].index
                    ),
                }
            )
        return pd.DataFrame(rows)

    def unit_table(self) -> pd.DataFrame:
        """:meth:`unit_summary` as readers see it: words for headers and values, no ids."""
        import pandas as pd

        summary = self.unit_summary()
        return pd.DataFrame(
            {
                "text": summary["label"],
                "excerpts": summary["excerpts"],
                "paragraphs": summary["paragraphs"],
                "words": summary["words"],
                "printed header survives": summary["header"].map({True: "yes", False: "no"}),
                "weakest attribution": summary["weakest attribution"],
            }
        )

    def catalog_table(self) -> pd.DataFrame:
        """The document catalog as readers see it: headers in words, how each date is known.

        >>> table = load().catalog_table().set_index("document")
        >>> table.loc[10, ["date", "date known from"]].tolist()
        ['16 Jun 1956', 'outside the corpus']
        >>> table.loc[9, ["date", "date known from"]].tolist()
        ['Jun 1956', "the historians' texts"]
        """
        import pandas as pd

        docs = self.documents
        return pd.DataFrame(
            {
                "document": docs["doc_no"].astype(int),
                "title": docs["title"],
                "date": [
                    date_words(d, p)
                    for d, p in zip(docs["date"], docs["date_precision"], strict=True)
                ],
                "date known from": [
                    date_known_from(d, n)
                    for d, n in zip(docs["date"], docs["date_note"], strict=True)
                ],
                "type": docs["doc_type"],
                "translated by": docs["translated_by"],
                "header survives": docs["header_present"].map({"True": "yes", "False": "no"}),
            }
        ).reset_index(drop=True)

    def doubtful_attributions(self, confidence: str = "low") -> pd.DataFrame:
        """Excerpts whose attribution to a document is rated ``confidence``, in words."""
        import pandas as pd

        low = self.excerpts[self.excerpts["confidence"] == confidence]
        return pd.DataFrame(
            {
                "document or text": low["unit"].map(unit_label),
                "lines of the source": [
                    f"{int(a)}-{int(b)}" if a != b else str(a)
                    for a, b in zip(low["first_line"], low["last_line"], strict=True)
                ],
                "why it is given to this document": low["reason"],
            }
        ).reset_index(drop=True)

    # -- search ---------------------------------------------------------------
    def kwic(self, pattern: str, width: int = 50, units: list[str] | None = None) -> pd.DataFrame:
        """Keyword in context: every match of a regular expression (case-insensitive).

        Columns: unit, doc_no, label, anchor, left, match, right.
        """
        import pandas as pd

        # the text is searched with typographic quotes folded; fold the pattern alike
        rx = re.compile(pattern.translate(_QUOTE_MAP), re.IGNORECASE)
        rows = []
        for (_, p), norm in zip(self.paragraphs.iterrows(), self._norm, strict=True):
            if units and p["unit"] not in units:
                continue
            for m in rx.finditer(norm):
                rows.append(
                    {
                        "unit": p["unit"],
                        "doc_no": p["doc_no"],
                        "label": f"{unit_label(p['unit'])}, ¶{p['number']}",
                        "anchor": p["anchor"],
                        "left": _left_context(norm, m.start(), width),
                        "match": m.group(0),
                        "right": _right_context(norm, m.end(), width),
                    }
                )
        return pd.DataFrame(
            rows, columns=["unit", "doc_no", "label", "anchor", "left", "match", "right"]
        )

    def find(self, quote: str, unit: str | None = None) -> list[Citation]:
        """Every place where a verbatim quote stands.

        An ellipsis joins parts that must stand, in order, in the same unit;
        the citation points to the paragraph of the first part.
        """
        parts = [normalize(p) for p in _ELLIPSIS_RE.split(quote) if normalize(p)]
        if not parts:
            raise ValueError("an empty quote cannot be found")
        out = []
        paras = self.paragraphs
        units = [unit] if unit else self.units
        for u in units:
            idx = [i for i in range(len(paras)) if paras.iloc[i]["unit"] == u]
            joined = ""
            starts = []
            for i in idx:
                starts.append(len(joined))
                joined += self._norm[i] + " "
            pos = joined.find(parts[0])
            while pos != -1:
                end = pos + len(parts[0])
                ok = True
                for part in parts[1:]:
                    nxt = joined.find(part, end)
                    if nxt == -1:
                        ok = False
                        break
                    end = nxt + len(part)
                if ok:
                    k = max(j for j, s in enumerate(starts) if s <= pos)
                    p = paras.iloc[idx[k]]
                    out.append(Citation(u, int(p["number"]), p["anchor"], quote))
                pos = joined.find(parts[0], pos + 1)
        return out

    def cite(self, quote: str, unit: str | None = None) -> Citation:
        """The single place where a quote stands; an error says what to do otherwise."""
        found = self.find(quote, unit)
        if not found:
            raise CorpusError(
                f"The quote {quote[:60]!r} is not in the repaired corpus"
                + (f" ({unit})" if unit else "")
                + ". Copy it verbatim from corpus.text(unit); join parts with '…'."
            )
        if len(found) > 1 and unit is None:
            where = ", ".join(c.label for c in found)
            raise CorpusError(
                f"The quote {quote[:60]!r} stands in several places ({where}); "
                "quote more words or pass unit=."
            )
        return found[0]


def repair_benchmark(path: Path | None = None) -> dict:
    """The repair benchmark's report (``reports/repair_benchmark.json``)."""
    import json

    path = path or data_dir().parent / "reports" / "repair_benchmark.json"
    if not path.is_file():
        raise CorpusError(
            f"{path} is missing: run `python benchmarks/repair_benchmark.py` to produce it."
        )
    return json.loads(path.read_text(encoding="utf-8"))


BENCHMARK_SETS = {
    "corpus_held_out": "corpus lines held out from training",
    "outside_corpus": "text that is not in the corpus",
}
BENCHMARK_MEASURES = {
    "lines": ("damaged lines repaired", "{:,.0f}"),
    "word_accuracy": ("words right", "{:.1%}"),
    "damaged_word_accuracy": ("damaged words right", "{:.1%}"),
    "line_exact": ("lines exactly right", "{:.1%}"),
    "fffd_accuracy": ("lost marks (�) read right", "{:.1%}"),
    "invented_digits": ("digits invented (must be 0)", "{:,.0f}"),
}


def benchmark_table(report: dict) -> pd.DataFrame:
    """The repair benchmark's headline measures: one row per measure, one column per set.

    >>> benchmark_table({"corpus_held_out": {"lines": 3, "word_accuracy": 0.5,
    ...   "damaged_word_accuracy": 0.5, "line_exact": 0.0, "fffd_accuracy": 1.0,
    ...   "invented_digits": 0}}).loc["words right"].iloc[0]
    '50.0%'
    """
    import pandas as pd

    columns = {}
    for key, label in BENCHMARK_SETS.items():
        if key not in report:
            continue
        measures = report[key]
        columns[label] = {
            name: fmt.format(measures[m]) for m, (name, fmt) in BENCHMARK_MEASURES.items()
        }
    if not columns:
        raise CorpusError(
            "The repair benchmark report has none of the expected sets "
            f"({', '.join(BENCHMARK_SETS)}); rerun benchmarks/repair_benchmark.py."
        )
    return pd.DataFrame(columns)


def _read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    if not path.is_file():
        raise CorpusError(
            f"{path} is missing. It is generated: run `python -m august1956 build-data` "
            "from the repository root (or restore it with git)."
        )
    df = read_csv_table(path)
    for col in ("doc_no", "number", "first_line", "last_line", "n_words", "n_lines"):
        if col in df:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    return df


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise CorpusError(
            f"{path} is missing. It is generated: run `python -m august1956 build-data`."
        )
    return path.read_text(encoding="utf-8")


def _read_emendations(path: Path) -> pd.DataFrame:
    import pandas as pd

    cols = ["emendation_id", "unit", "line", "shows", "reading", "reasoning"]
    if not path.is_file():
        return pd.DataFrame(columns=cols)
    df = read_csv_table(path)
    missing = set(cols) - set(df.columns)
    if missing:
        raise CorpusError(f"{path} lacks the columns {sorted(missing)}.")
    return df


@cache
def _load(root: str) -> Corpus:
    return Corpus(Path(root))


def load(root: Path | str | None = None) -> Corpus:
    """The corpus, loaded once per process from the generated files."""
    return _load(str(root or data_dir()))
