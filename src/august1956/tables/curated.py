"""The curated tables (people, meetings, events, figures, claims, evidence, the archive
crosswalk) and their checks.

Each table is a CSV file in ``data/`` with a Frictionless Table Schema in
``data/schemas/``. Every row that rests on the corpus carries an ``evidence``
quote, and :func:`evidence_problems` proves that each quote really stands in
the repaired corpus, in the unit the row names.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from august1956.paths import data_dir
from august1956.text.corpus import Corpus
from august1956.text.source import CorpusError, read_csv_table
from august1956.text.units import doc_unit

TABLES = (
    "people",
    "meetings",
    "events",
    "figures",
    "claims",
    "evidence",
    "archive_records",
    "archive_disagreements",
)
ISO_DATE_RE = re.compile(r"^(19\d\d)(-(0[1-9]|1[0-2]))?(-(0[1-9]|[12]\d|3[01]))?$")


def read_table(name: str, root: Path | None = None) -> pd.DataFrame:
    """A curated table as strings, empty cells as '', each cell checked against the
    table's schema (``data/schemas/<name>.schema.json``) as it is read.

    A cell that is not what its column holds (a number, a document number, an ISO date
    that is a real day, an id) stops the reading with one message naming the file, the
    line, the column, the value and what is expected, before any chapter computes with it.
    """
    root = root or data_dir()
    path = root / f"{name}.csv"
    if not path.is_file():
        raise CorpusError(f"{path} is missing: it is one of the curated tables ({TABLES}).")
    table = read_csv_table(path)
    schema = root / "schemas" / f"{name}.schema.json"
    if schema.is_file():
        problem = cell_problem(table, json.loads(schema.read_text(encoding="utf-8")))
        if problem:
            n, column, value, expected = problem
            raise CorpusError(
                f"{path}, line {n + 2}, column {column}: {value!r} is not {expected}. Fix "
                f"the cell (data/dictionary/{name}.md describes the column)."
            )
    return table


def cell_problem(table: pd.DataFrame, schema: dict) -> tuple[int, str, str, str] | None:
    r"""The first cell that its column's schema refuses: (row, column, value, expected).

    >>> schema = {"fields": [{"name": "doc_no", "type": "integer",
    ...                       "constraints": {"minimum": 1, "maximum": 30}},
    ...                      {"name": "date", "type": "string",
    ...                       "constraints": {"pattern": r"^$|^19[45]\d(-\d\d){0,2}$"}}]}
    >>> cell_problem(pd.DataFrame({"doc_no": ["7", ""], "date": ["1956-06", ""]}), schema)
    >>> cell_problem(pd.DataFrame({"doc_no": ["7", "seven"], "date": ["", ""]}), schema)
    (1, 'doc_no', 'seven', 'a whole number')
    >>> cell_problem(pd.DataFrame({"doc_no": ["31"], "date": [""]}), schema)
    (0, 'doc_no', '31', 'a number from 1 to 30')
    >>> cell_problem(pd.DataFrame({"doc_no": [""], "date": ["1956-02-30"]}), schema)
    (0, 'date', '1956-02-30', 'a day of the calendar')
    """
    for field in schema.get("fields", []):
        column = field["name"]
        if column not in table:
            continue
        kind = field.get("type", "string")
        limits = field.get("constraints", {})
        pattern = re.compile(limits["pattern"]) if "pattern" in limits else None
        for n, value in enumerate(table[column]):
            if value == "":
                continue
            if kind in ("number", "integer"):
                try:
                    number = float(value) if kind == "number" else int(value)
                except ValueError:
                    return n, column, value, "a number" if kind == "number" else "a whole number"
                low, high = limits.get("minimum"), limits.get("maximum")
                if (low is not None and number < low) or (high is not None and number > high):
                    return n, column, value, f"a number from {low} to {high}"
            elif pattern and not pattern.match(value):
                described = field.get("description", "").rstrip(".")
                return n, column, value, f"what the column holds ({described or pattern.pattern})"
            elif pattern and ISO_DATE_RE.match(value) and value.count("-") == 2:
                try:
                    pd.Timestamp(value)
                except ValueError:
                    return n, column, value, "a day of the calendar"
    return None


def require_columns(table: pd.DataFrame, name: str, columns) -> None:
    """Fail clearly when a DataFrame is not the curated table ``name``.

    >>> require_columns(pd.DataFrame({"a": []}), "events", ["a"])
    >>> require_columns(pd.DataFrame({"a": []}), "events", ["a", "event_id"])
    Traceback (most recent call last):
    ...
    august1956.text.source.CorpusError: the events table lacks the columns ['event_id']: ...
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise CorpusError(
            f"the {name} table lacks the columns {missing}: pass data/{name}.csv as read by "
            f"august1956.tables.curated.read_table('{name}'); data/dictionary/{name}.md "
            "describes its columns."
        )


def available_tables(root: Path | None = None) -> list[str]:
    root = root or data_dir()
    return [t for t in TABLES if (root / f"{t}.csv").is_file()]


def row_unit(row: pd.Series) -> str | None:
    """The unit a row's evidence should stand in, from its ``unit``/``doc_no`` columns.

    >>> row_unit(pd.Series({"unit": "doc", "doc_no": "7"}))
    'doc07'
    >>> row_unit(pd.Series({"unit": "intro", "doc_no": ""}))
    'intro'
    >>> row_unit(pd.Series({"doc_no": "21"}))
    'doc21'
    >>> row_unit(pd.Series({"unit": "intro", "doc_no": pd.NA}))  # an Int64 column's blank
    'intro'
    """
    doc = row.get("doc_no", "")
    doc = "" if pd.isna(doc) else str(doc).strip()
    unit = str(row.get("unit", "") or "").strip()
    if doc:
        return doc_unit(int(float(doc)))
    if unit and unit != "doc":
        return unit
    return None


def evidence_problems(
    corpus: Corpus, table: pd.DataFrame, *, evidence_col: str = "evidence", unit_fn=row_unit
) -> list[str]:
    """Every row whose evidence quote is not found verbatim in the unit it names."""
    problems = []
    id_col = table.columns[0]
    for _, row in table.iterrows():
        quote = str(row.get(evidence_col, "")).strip()
        if not quote:
            continue
        unit = unit_fn(row)
        found = corpus.find(quote, unit) if unit in set(corpus.units) else []
        if not found:
            where = unit or "no unit named"
            problems.append(f"{row[id_col]}: not found in {where}: {quote[:80]!r}")
    return problems


def date_problems(table: pd.DataFrame, columns: list[str]) -> list[str]:
    """Dates that are not ISO (YYYY, YYYY-MM or YYYY-MM-DD) within 1945-1960."""
    out = []
    id_col = table.columns[0]
    for col in columns:
        if col not in table:
            continue
        for _, row in table.iterrows():
            value = row[col].strip()
            if not value:
                continue
            m = ISO_DATE_RE.match(value)
            if not m or not 1945 <= int(m.group(1)) <= 1960:
                out.append(f"{row[id_col]}: {col}={value!r}")
                continue
            try:
                pd.Timestamp(value)
            except ValueError:
                out.append(f"{row[id_col]}: {col}={value!r} is not a calendar date")
    return out


# The project's own licence for its prose and data.
OWN_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# The terms of the translations the tables quote: not the project's to license.
TRANSLATION_TERMS = {
    "title": (
        "The translations quoted, published by the Cold War International History Project: "
        "their rights holders' terms (the Wilson Center Digital Archive welcomes reuse for "
        "research and education; copyright stays with the rights holders)"
    ),
    "path": "https://digitalarchive.wilsoncenter.org/",
}
# The columns that quote those translations word for word (titles as the headers give them).
QUOTED_COLUMNS = {
    "documents": ["title"],
    "people": ["evidence"],
    "meetings": ["initiation_evidence", "evidence"],
    "events": ["evidence"],
    "figures": ["evidence"],
    "claims": ["quote"],
    "evidence": ["evidence"],
    "archive_records": ["title", "record_evidence", "evidence"],
    "archive_disagreements": ["evidence", "record_reading"],
}
SOURCE = {
    "title": (
        '"New Evidence on North Korea in 1956", Cold War International History Project '
        "Bulletin 16 (Fall 2007/Winter 2008)"
    ),
    "path": "https://digitalarchive.wilsoncenter.org/",
}


def datapackage(root: Path | None = None) -> dict:
    """A Frictionless data package descriptor for the tables whose schemas exist.

    Each table is under the project's licence except its columns that quote the
    translations, which its description names and which keep their holders' terms.
    """
    from importlib import metadata

    root = root or data_dir()
    resources = []
    names = ["documents", *TABLES]
    for name in names:
        schema_path = root / "schemas" / f"{name}.schema.json"
        if not (root / f"{name}.csv").is_file() or not schema_path.is_file():
            continue
        quoted = QUOTED_COLUMNS.get(name, [])
        resource = {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "licenses": [OWN_LICENSE, *([TRANSLATION_TERMS] if quoted else [])],
            "schema": json.loads(schema_path.read_text(encoding="utf-8")),
        }
        if quoted:
            columns = ", ".join(f"`{c}`" for c in quoted)
            resource["description"] = (
                f"Curated by the August 1956 project (CC BY 4.0), except the column(s) {columns}, "
                "which quote the translations published by the Cold War International History "
                "Project word for word and keep their rights holders' terms."
            )
            if name == "documents":
                resource["description"] += (
                    " A title in square brackets is not quoted: the project supplied it where "
                    "the document's header is lost, and it is the project's (CC BY 4.0)."
                )
        resources.append(resource)
    return {
        "name": "august-1956",
        "title": "August 1956: tables curated from the CWIHP Bulletin 16 documents",
        "version": metadata.version("august1956"),
        "licenses": [OWN_LICENSE],
        "sources": [SOURCE],
        "resources": resources,
    }
