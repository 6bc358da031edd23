"""The crosswalk to the Wilson Center Digital Archive, and its checks.

Two curated tables (``data/dictionary/archive_records.md`` describes them):

- ``archive_records``: for each document of the corpus, the archive's record(s) of it
  (address, title, date, archival citation as the record's page gives them, and how the
  record stands to the corpus), or one "none found" row saying what was looked for;
- ``archive_disagreements``: each place where a record and the corpus read a date, the
  archival pages, a name or a sentence differently, with both readings.

Nothing here fetches a page: the tables hold what stored copies of the pages showed, and
the edition only links to them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

from august1956.tables.curated import evidence_problems, read_table
from august1956.text.corpus import Corpus
from august1956.text.units import doc_unit

RECORDS = "archive_records"
DISAGREEMENTS = "archive_disagreements"
ARCHIVE_HOST = "digitalarchive.wilsoncenter.org"
# How a record stands to the corpus's document, from closest to loosest, in a reader's words.
RECORD_RELATIONS = {
    "same pages": "It cites the same archival pages as this document.",
    "overlapping pages": "It cites pages of the same archival file that overlap this document's.",
    "same text": (
        "It carries the same text as this document, in this translation or another, as the "
        "lines below show; the archival pages were not compared, since the record's page as "
        "seen or this document gives none."
    ),
    "same conversation": (
        "It records the same conversation or event (another copy, another record of it, or "
        "the archive's listing of it); the lines below show the match, not a comparison of "
        "the whole text."
    ),
}
DISAGREEMENT_KINDS = {
    "date": "date",
    "listy": "archival pages",
    "name": "name",
    "wording": "wording",
}
FOUND, NONE_FOUND = "record", "none found"


def url_problem(url: str, *, archive: bool = True) -> str | None:
    """What is wrong with an address, or None.

    >>> url_problem("https://digitalarchive.wilsoncenter.org/document/111638")
    >>> url_problem("http://digitalarchive.wilsoncenter.org/document/111638")
    'not https'
    >>> url_problem("https://wilson-center.example.org/document/1")
    'not on digitalarchive.wilsoncenter.org'
    >>> url_problem("https://digitalarchive.wilsoncenter.org/")
    'no path to a record'
    >>> url_problem("https://example.org/x y", archive=False)
    'contains a space'
    """
    if any(ch.isspace() for ch in url):
        return "contains a space"
    parts = urlsplit(url)
    if parts.scheme != "https":
        return "not https"
    if not parts.netloc:
        return "no host"
    if archive and parts.netloc != ARCHIVE_HOST:
        return f"not on {ARCHIVE_HOST}"
    if archive and parts.path.strip("/") == "":
        return "no path to a record"
    return None


def record_problems(records: pd.DataFrame, doc_numbers) -> list[str]:
    """Rows of the records table that break its rules, one message per problem.

    Every document of the corpus has a record or a "none found" row (never both); a record
    has a well-formed archive address, a title, a relation from the vocabulary and its
    evidence; a "none found" row says what was looked for and has no address.
    """
    out = []
    for _, row in records.iterrows():
        rid = row["record_id"]
        if not rid.startswith(doc_unit(int(row["doc_no"])) + "-"):
            out.append(
                f"{rid}: the id does not begin with its document, {doc_unit(int(row['doc_no']))}"
            )
        if row["status"] == FOUND:
            problem = url_problem(row["url"])
            if problem:
                out.append(f"{rid}: url {row['url']!r} is {problem}")
            if row["seen_at"] and url_problem(row["seen_at"], archive=False):
                out.append(f"{rid}: seen_at {row['seen_at']!r} is not a well-formed https address")
            if row["relation"] not in RECORD_RELATIONS:
                out.append(
                    f"{rid}: relation {row['relation']!r} is not one of {sorted(RECORD_RELATIONS)}"
                )
            for column in ("title", "record_evidence", "evidence"):
                if not row[column].strip():
                    out.append(f"{rid}: a record needs its {column}")
            if row["searched"]:
                out.append(f"{rid}: a record found needs no 'searched' (that is for none found)")
        elif row["status"] == NONE_FOUND:
            if not row["searched"].strip():
                out.append(f"{rid}: a 'none found' row must say what was looked for (searched)")
            filled = [c for c in ("url", "title", "record_date", "relation", "evidence") if row[c]]
            if filled:
                out.append(f"{rid}: a 'none found' row has no record, yet fills {filled}")
        else:
            out.append(f"{rid}: status {row['status']!r} is neither {FOUND!r} nor {NONE_FOUND!r}")
    by_doc = records.groupby(records["doc_no"].astype(int))["status"].agg(set)
    for doc in sorted(int(d) for d in doc_numbers):
        statuses = by_doc.get(doc, set())
        if not statuses:
            out.append(f"Document {doc}: neither a record nor a 'none found' row")
        elif statuses == {FOUND, NONE_FOUND}:
            out.append(f"Document {doc}: both records and a 'none found' row")
    unknown = set(by_doc.index) - {int(d) for d in doc_numbers}
    for doc in sorted(unknown):
        out.append(f"Document {doc}: not a document of the corpus")
    return out


def disagreement_problems(disagreements: pd.DataFrame, records: pd.DataFrame) -> list[str]:
    """Disagreement rows whose record is not a record of the same document, or whose kind
    is not in the vocabulary, or whose two readings are the same."""
    found = records[records["status"] == FOUND].set_index("record_id")
    out = []
    for _, row in disagreements.iterrows():
        did = row["disagreement_id"]
        if row["record_id"] not in found.index:
            out.append(f"{did}: record {row['record_id']!r} is not a record of archive_records")
        elif int(found.loc[row["record_id"], "doc_no"]) != int(row["doc_no"]):
            out.append(f"{did}: record {row['record_id']!r} is of another document")
        if row["kind"] not in DISAGREEMENT_KINDS:
            out.append(f"{did}: kind {row['kind']!r} is not one of {sorted(DISAGREEMENT_KINDS)}")
        if row["evidence"].strip() == row["record_reading"].strip():
            out.append(f"{did}: both readings are the same, so there is no disagreement")
    return out


def crosswalk_problems(
    corpus: Corpus, records: pd.DataFrame, disagreements: pd.DataFrame
) -> list[str]:
    """Every problem of the crosswalk: the rules above, and each evidence line verbatim in
    the corpus, in the document its row names."""
    doc_numbers = corpus.documents["doc_no"].astype(int)
    return [
        *record_problems(records, doc_numbers),
        *evidence_problems(corpus, records),
        *disagreement_problems(disagreements, records),
        *evidence_problems(corpus, disagreements),
    ]


def read_crosswalk(root=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two tables, read and cell-checked by :func:`~august1956.tables.curated.read_table`."""
    return read_table(RECORDS, root), read_table(DISAGREEMENTS, root)


def records_for(records: pd.DataFrame, doc_no: int) -> pd.DataFrame:
    """The rows of one document, records first (closest relation first), then none found."""
    rows = records[records["doc_no"].astype(int) == int(doc_no)]
    order = {r: i for i, r in enumerate(RECORD_RELATIONS)}
    return rows.sort_values(
        by=["status", "relation"],
        key=lambda s: s.map(order).fillna(len(order)) if s.name == "relation" else s != FOUND,
        kind="stable",
    )
