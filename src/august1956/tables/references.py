"""Works and records outside the corpus, as the book's bibliography lists them.

Every fact the book takes from outside the corpus cites an entry of
``book/references.bib``: a published work, or a public archival record of the
Wilson Center Digital Archive with its URL and archival citation. The curated
tables name such a source by its key (``events.csv`` ``source``,
``claims.csv`` ``source_of_claim``); this module turns a key into the words a
reader sees (its URL stays in the bibliography), and says which keys the
bibliography lacks.

>>> short_citation("lankov2005crisis")
'Lankov, Crisis in North Korea (2005)'
>>> short_citation("wcda120194")  # doctest: +NORMALIZE_WHITESPACE
'Wilson Center Digital Archive, “Telegram from A. Mikoyan to the CPSU Central Committee”,
 21 September 1956'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from august1956.paths import references_path
from august1956.text.source import CorpusError
from august1956.text.units import HISTORIAN_TEXTS

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
# The units of the corpus that a source cell may name beside a key.
CORPUS_UNITS = tuple(HISTORIAN_TEXTS)


@dataclass(frozen=True)
class Reference:
    key: str
    short: str
    url: str


def _plain(text: str) -> str:
    """A BibTeX field as plain text: braces dropped, TeX quotes and dashes made typographic.

    >>> _plain("{Kim} Takes Control: The ``{Great} {Purge}'' in {North} {Korea}, 1956--1960")
    'Kim Takes Control: The “Great Purge” in North Korea, 1956–1960'
    """
    text = text.replace("``", "“").replace("''", "”").replace("--", "–")
    text = text.replace("{\\'a}", "á").replace("\\'a", "á")
    return " ".join(text.replace("{", "").replace("}", "").split())


def _date(fields) -> str:
    """An entry's date in words: a record's day is in its month field ("21 September",
    BibTeX's usual way to give one), which the bibliography then prints too.

    >>> _date({"year": "1956", "month": "21 September"}), _date({"year": "2005", "month": "oct"})
    ('21 September 1956', '2005')
    """
    year = fields.get("year", "")
    day, _, name = str(fields.get("month", "")).strip().rpartition(" ")
    month = _MONTHS.get(name.lower()[:3])
    if month and day.isdigit():
        return f"{int(day)} {_MONTH_NAMES[month - 1]} {year}"
    return year


def _short(entry) -> str:
    fields = entry.fields
    title = _plain(fields.get("title", ""))
    authors = entry.persons.get("author", [])
    names = [_plain(" ".join(p.last_names)) for p in authors]
    if names and names[0] == "Wilson Center Digital Archive":
        date = _date(fields)
        return f"Wilson Center Digital Archive, “{title}”" + (f", {date}" if date else "")
    who = " and ".join(names)
    main = title.split(":")[0] if entry.type in ("book", "techreport") else f"“{title}”"
    if entry.type == "article" and fields.get("journal"):
        main += f", {_plain(fields['journal'])}"
    if entry.type == "misc" and fields.get("howpublished"):
        main = _plain(fields["howpublished"])
    year = fields.get("year", "")
    return f"{who}, {main}" + (f" ({year})" if year else "")


@cache
def _read(path: str, mtime: float) -> dict[str, Reference]:
    from pybtex.database import parse_file

    data = parse_file(path, bib_format="bibtex")
    return {
        key: Reference(key, _short(entry), entry.fields.get("url", ""))
        for key, entry in data.entries.items()
    }


def read_references() -> dict[str, Reference]:
    """Every entry of the bibliography by key (read again when the file changes)."""
    path = references_path()
    if not path.is_file():
        raise CorpusError(
            f"{path} is missing: the bibliography of outside sources. Restore it from the "
            "repository (git checkout -- book/references.bib)."
        )
    return _read(str(path), path.stat().st_mtime)


def short_citation(key: str) -> str:
    """A key of the bibliography as a short citation in words."""
    refs = read_references()
    if key not in refs:
        raise KeyError(
            f"{key!r} is not a key of {references_path()}: add the entry or fix the key."
        )
    return refs[key].short


def source_keys(cell: str) -> list[str]:
    """The bibliography keys in a source cell (parts separated by ";"), corpus units left out.

    >>> source_keys("intro; person2006help")
    ['person2006help']
    >>> source_keys("Doc 16 (Qiao Xiaoguang to Ivanov)"), source_keys("article")
    ([], [])
    """
    parts = [p.strip() for p in str(cell).split(";") if p.strip()]
    return [p for p in parts if re.fullmatch(r"[a-z][a-z0-9_-]+", p) and p not in CORPUS_UNITS]


def source_text(cell: str) -> str:
    """A source cell for a plain-text place (a hover, a table cell): short citations, no links.

    >>> source_text("intro; person2006help")
    'intro; Person, “We Need Help from Outside” (2006)'
    """
    refs = read_references()
    return "; ".join(
        refs[p].short if p in refs else p for p in (q.strip() for q in str(cell).split(";")) if p
    )
