"""The document catalog: one row per document number the corpus holds.

Fields printed in a surviving header (title, date, archive, fond, opis, delo,
listy, who obtained and translated the document) are parsed from it. What no
header gives (who recorded it, who took part, where, and everything about a
headless fragment) is curated in ``data/curation/documents.csv``, where each
row says how it is known.

>>> parse_source("[Source: RGANI, Fond 5, Opis 28, Delo 410, Listy 22-25. "
...              "Obtained and translated for CWIHP by James F. Person.]")["listy"]
'22-25'
>>> parse_title_date("Memorandum of Conversation with Choe Changik, 5 June 1956")
('Memorandum of Conversation with Choe Changik', '1956-06-05')
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from august1956.paths import data_dir
from august1956.text.corpus import word_count
from august1956.text.reading import Paragraph
from august1956.text.segment import Excerpt
from august1956.text.source import CorpusError, read_csv_table
from august1956.text.units import unit_doc_no

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
DATE_RE = re.compile(r"(\d{1,2}) (" + "|".join(MONTHS) + r") (19\d\d)")
TITLE_DATE_RE = re.compile(r"^(.*?),? (\d{1,2} (?:" + "|".join(MONTHS) + r") 19\d\d)\s*$")

COLUMNS = [
    "doc_no",
    "unit",
    "title",
    "date",
    "date_precision",
    "date_note",
    "doc_type",
    "recorder",
    "author",
    "interlocutors",
    "place",
    "archive",
    "fond",
    "opis",
    "delo",
    "listy",
    "call_number",
    "obtained_by",
    "translated_by",
    "header_present",
    "attribution",
    "attribution_confidence",
    "attribution_reasons",
    "n_excerpts",
    "n_paragraphs",
    "n_words",
    "first_line",
    "last_line",
    "note",
    "outside_sources",
]


def line_span(first: int, last: int) -> str:
    """'line 666' or 'lines 1072-1074'.

    >>> line_span(666, 666), line_span(1072, 1074)
    ('line 666', 'lines 1072-1074')
    """
    return f"line {first}" if first == last else f"lines {first}-{last}"


def iso_date(text: str) -> str:
    """'12 March 1956' -> '1956-03-12'.

    >>> iso_date("9 January 1957")
    '1957-01-09'
    """
    m = DATE_RE.search(text)
    if not m:
        raise ValueError(f"no date in {text!r}")
    return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))).isoformat()


# A header that says it has no date runs the words into the title (Document No. 25).
NO_DATE_RE = re.compile(r"[,\s]*\(?no date specified\)?\.?$", re.IGNORECASE)


def parse_title_date(title: str) -> tuple[str, str]:
    """Split a header title into its text and ISO date ('' when it has none).

    >>> parse_title_date("CPSU CC Directive to Soviet Ambassador Ivanov no date specified.")
    ('CPSU CC Directive to Soviet Ambassador Ivanov', '')
    """
    title = NO_DATE_RE.sub("", " ".join(title.split()))
    m = TITLE_DATE_RE.match(title)
    if not m:
        return title, ""
    return m.group(1).rstrip(", "), iso_date(m.group(2))


def parse_source(text: str) -> dict[str, str]:
    """The fields of a '[Source: ...]' paragraph; absent fields are ''."""
    text = " ".join(text.split())
    out = dict.fromkeys(
        ["archive", "fond", "opis", "delo", "listy", "call_number", "obtained_by", "translated_by"],
        "",
    )
    body = text.removeprefix("[Source:").strip()
    if "RGANI" in body:
        out["archive"] = "RGANI (Russian State Archive of Contemporary History)"
    elif body.startswith("Library of Congress"):
        out["archive"] = "Library of Congress"
        m = re.match(r"Library of Congress, ([^.]+(?:\.\d+[^.]*)?)\.", body)
        out["call_number"] = m.group(1).strip() if m else ""
    for key, word in (("fond", "Fond"), ("opis", "Opis"), ("delo", "Delo")):
        m = re.search(word + r" (\d+)", body)
        if m:
            out[key] = m.group(1)
    m = re.search(r"(?:Listy|Listi|List) ([\d\-–, ]+\d)", body)
    if m:
        out["listy"] = m.group(1).strip()
    m = re.search(r"Obtained and translated for CWIHP by ([^.\]]+(?:\. [A-Z][a-z]+)*)", body)
    if m:
        out["obtained_by"] = out["translated_by"] = _bare_name(m.group(1))
    else:
        m = re.search(r"Obtained for CWIHP by (.+?) and translated", body)
        if m:
            out["obtained_by"] = _bare_name(m.group(1))
        m = re.search(r"translated for CWIHP by (.+?)\.?\]?$", body)
        if m:
            out["translated_by"] = _bare_name(m.group(1))
    return out


def _bare_name(text: str) -> str:
    return text.strip().rstrip(".]").strip()


def read_curated(path=None) -> pd.DataFrame:
    path = path or data_dir() / "curation" / "documents.csv"
    if not path.is_file():
        raise CorpusError(f"{path} is missing: it holds the curated catalog fields.")
    df = read_csv_table(path)
    if df["doc_no"].duplicated().any():
        dup = df.loc[df["doc_no"].duplicated(), "doc_no"].tolist()
        raise CorpusError(f"{path}: document numbers listed twice: {dup}.")
    return df.set_index(df["doc_no"].astype(int))


def build_catalog(
    excerpts: list[Excerpt], paragraphs: list[Paragraph], curated: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The documents table, one row per document number present in the corpus."""
    curated = read_curated() if curated is None else curated
    rows = []
    doc_units = sorted({e.unit for e in excerpts if unit_doc_no(e.unit)})
    for unit in doc_units:
        doc_no = unit_doc_no(unit)
        exs = [e for e in excerpts if e.unit == unit]
        paras = [p for p in paragraphs if p.unit == unit]
        header = exs[0].attribution == "header"
        row: dict[str, object] = dict.fromkeys(COLUMNS, "")
        row.update(doc_no=doc_no, unit=unit, header_present=header)
        if header:
            title_para = paras[1].text if len(paras) > 1 else ""
            title, when = parse_title_date(title_para)
            row["title"] = title.replace("\n", " ")
            row["date"] = when
            source = next((p.text for p in paras[:4] if p.text.startswith("[Source:")), "")
            if not source:
                raise CorpusError(f"Document No. {doc_no} has a header but no [Source: ...] line.")
            row.update(parse_source(source))
        if doc_no not in curated.index:
            raise CorpusError(
                f"Document No. {doc_no} is in the corpus but has no row in "
                "data/curation/documents.csv; add one (doc_type, recorder, interlocutors...)."
            )
        cur = curated.loc[doc_no]
        for key in ("date_precision", "date_note", "doc_type", "recorder", "author"):
            row[key] = cur[key]
        for key in ("interlocutors", "place", "note", "outside_sources"):
            row[key] = cur[key]
        if not header:
            row["title"] = cur["title"]
            row["date"] = cur["date"]
        elif cur["date"] and row["date"] and cur["date"] != row["date"]:
            raise CorpusError(
                f"Document No. {doc_no}: the header dates it {row['date']} but "
                f"data/curation/documents.csv says {cur['date']}; the header wins: fix the row."
            )
        elif not row["date"]:
            row["date"] = cur["date"]
        inferred = [e for e in exs if e.attribution == "inferred"]
        row["attribution"] = "header" if header else "inferred"
        order = {"high": 0, "medium": 1, "low": 2}
        confs = [e.confidence for e in exs]
        row["attribution_confidence"] = max(confs, key=order.__getitem__)
        row["attribution_reasons"] = " | ".join(
            f"{line_span(*e.text_lines)}: {e.reason} ({e.confidence})" for e in inferred
        )
        row["n_excerpts"] = len(exs)
        row["n_paragraphs"] = len(paras)
        row["n_words"] = word_count(p.text for p in paras)
        # The lines that hold the document's text, without the blank lines after it.
        row["first_line"] = exs[0].text_lines[0]
        row["last_line"] = exs[-1].text_lines[1]
        rows.append(row)
    extra = set(curated.index) - {unit_doc_no(u) for u in doc_units}
    if extra:
        raise CorpusError(
            f"data/curation/documents.csv lists documents the corpus does not hold: "
            f"{sorted(extra)}; remove those rows."
        )
    return pd.DataFrame(rows, columns=COLUMNS)
