"""Who is who: any spelling of a name to its person id, and people found in a text.

The corpus spells Korean names one way (Bak Changok, Choe Changik, Li Sangjo),
Lankov and Szalontai another (Pak Ch'ang-ok, Ch'oe Ch'ang-ik, Yi Sang-jo), the
Wilson Center a third (Ri Sang-jo), and the corpus is not even consistent with
itself (Gim Sunghwa / Gim Seunghwa). ``data/people.csv`` lists, for each
person, the corpus form in ``name`` and every other form in ``variants``; this
module reads that table and nothing else.

- :func:`resolve_person` turns one spelling into an id, ignoring case,
  hyphens, spaces, apostrophes and diacritics.
- :func:`find_mentions` locates people in running text through all their
  spellings, leaving bare surnames ("Kim", "Li", "Bak") unresolved.
- :func:`mention_counts` counts mentions per unit, for the index of who is
  mentioned where.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from august1956.paths import data_dir
from august1956.text.source import read_csv_table

# Surnames and short forms that stand for many people. A bare "Kim" in the
# documents is sometimes Kim Il Sung and sometimes not, so these are never
# resolved on their own; a full name must be given.
AMBIGUOUS_FORMS = frozenset(
    {
        "kim",
        "gim",
        "li",
        "yi",
        "ri",
        "lee",
        "bak",
        "pak",
        "park",
        "choe",
        "choi",
        "nam",
        "ban",
        "pang",
        "go",
        "ko",
        "hong",
        "han",
        "yun",
        "seo",
        "jeong",
        "tak",
        "cde",
        "comrade",
    }
)

# Characters a spelling may use between the parts of a name.
_SEPARATORS = "-\u2010\u2011\u2013'\u2019\u2018`\u02bc.\u00b7"
_SEP_CLASS = "[\\s" + re.escape(_SEPARATORS) + "]*"


class UnknownPersonError(KeyError):
    """No person in people.csv has this spelling; the message suggests the closest ones."""

    def __str__(self) -> str:
        # KeyError would show the message with quotes and escapes; show it as written.
        return str(self.args[0])


def name_key(name: str) -> str:
    """Fold a spelling to the key that spellings of the same name share.

    Case, spaces, hyphens, apostrophes, dots and diacritics do not count.

    >>> name_key("Ch'oe Ch'ang-ik"), name_key("Choe Changik")
    ('choechangik', 'choechangik')
    >>> name_key("Pak Ŭi-wan")
    'pakuiwan'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    kept = (ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in "".join(kept).casefold() if ch.isalnum())


def _folded_words(text: str) -> list[str]:
    """A text's words, folded for case and diacritics, split at anything not a letter or
    digit (spaces, hyphens, apostrophes straight or typographic)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return [w for w in re.split(r"[^\w]+|_", kept) if w]


def matches_name(text: str, query: str) -> bool:
    """Whether a query runs through whole words of a text, however the words are joined.

    The people filter's rule, in the book (its script, ``chapters.whoswho.people_html``)
    and in a live session (``chapters.whoswho.people_explorer``): "pak chang ok" and
    "Bak Changok" find "Pak Ch'ang-ok", "Yan’an" finds "Yan'an", and "yan" is not found
    inside "Mikoyan and".

    >>> matches_name("Bak Changok (Pak Ch'ang-ok)", "pak chang ok")
    True
    >>> matches_name("the Yan'an group", "Yan’an"), matches_name("Mikoyan and Suslov", "yan an")
    (True, False)
    >>> matches_name("Chŏng Il-lyong", "chong"), matches_name("anything", "")
    (True, True)
    """
    q = "".join(_folded_words(query))
    if not q:
        return True
    words = _folded_words(text)
    for i in range(len(words)):
        run = ""
        for word in words[i:]:
            if not q.startswith(run):
                break
            run += word
            if run.startswith(q):
                return True
    return False


def people_path(root: Path | None = None) -> Path:
    """Where the people table lives: ``people.csv`` in the data folder."""
    return (root or data_dir()) / "people.csv"


def read_people(path: Path | None = None) -> pd.DataFrame:
    """The people table as strings (empty cells as ''), with a clear error if it is missing.

    >>> read_people().set_index("person_id").loc["li-sangjo", "name"]
    'Li Sangjo'
    """
    path = path or people_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: the person resolver reads people.csv from the data folder "
            "(set AUGUST1956_DATA to point elsewhere)."
        )
    return read_csv_table(path)


def spellings(people: pd.DataFrame) -> list[tuple[str, str]]:
    """Every (spelling, person_id) pair: each name and each of its ';'-separated variants.

    >>> table = pd.DataFrame({"person_id": ["nam-il"], "name": ["Nam Il"], "variants": ["Nam Ir"]})
    >>> spellings(table)
    [('Nam Il', 'nam-il'), ('Nam Ir', 'nam-il')]
    """
    pairs = []
    columns = (people["person_id"], people["name"], people["variants"])
    for pid, name, variants in zip(*columns, strict=True):
        for form in [name, *variants.split(";")]:
            form = form.strip()
            if form:
                pairs.append((form, pid))
    return pairs


def build_index(people: pd.DataFrame) -> dict[str, str]:
    """Map each spelling's key (and each id's key) to its person id.

    Two people sharing a spelling would make lookups depend on row order, so
    that is an error to fix in people.csv.

    >>> table = pd.DataFrame({"person_id": ["gim-il", "kim-ilsung"],
    ...                       "name": ["Gim Il", "Kim Il Sung"], "variants": ["Kim Il", ""]})
    >>> build_index(table)["kimil"], build_index(table)["kimilsung"]
    ('gim-il', 'kim-ilsung')
    """
    index: dict[str, str] = {}
    pairs = spellings(people) + [(pid, pid) for pid in people["person_id"]]
    for form, pid in pairs:
        key = name_key(form)
        if key in AMBIGUOUS_FORMS:
            continue
        if index.get(key, pid) != pid:
            raise ValueError(
                f"people.csv gives the spelling {form!r} to both {index[key]} and {pid}: "
                "keep it for one person only."
            )
        index[key] = pid
    return index


@lru_cache(maxsize=4)
def _default_table(path: str, mtime: float) -> pd.DataFrame:
    # Keyed on the file's mtime so that an edited people.csv is read again.
    return read_people(Path(path))


def search_words(forms: Iterable[str]) -> list[str]:
    """The words under which the book's search should find a person, from their spellings.

    Sphinx's search splits a query at spaces, hyphens and apostrophes and folds its case,
    so "Pak Chang-ok" looks for *pak*, *chang* and *ok*, and "Bak Changok" for *bak* and
    *changok*. A page is found under any spelling if it carries each spelling's words both
    split there and joined ("chang" and "ok", and "changok"), without diacritics.

    >>> search_words(["Bak Changok", "Pak Ch'ang-ok", "Pak Chang-ok"])
    ['ang', 'bak', 'ch', 'chang', 'changok', 'ok', 'pak']
    >>> search_words(["Pak Ŭi-wan"])
    ['pak', 'ui', 'uiwan', 'wan', 'ŭi', 'ŭiwan']
    """
    words: set[str] = set()
    for form in forms:
        for chunk in form.split():
            parts = [chunk, *re.split(r"[-'’‘ʼ`.]", chunk)]
            # Folded (no diacritics: "Ŭi" is found as "ui") and as written, since a
            # diacritic is part of some letters ("й" is not "и").
            words.update(name_key(part) for part in parts)
            words.update(re.sub(r"\W", "", part.casefold()) for part in parts)
    words.discard("")
    return sorted(words)


def default_people() -> pd.DataFrame:
    """people.csv from the data folder, read once per change of the file."""
    path = people_path()
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _default_table(str(path), mtime)


def resolve_person(name: str, people: pd.DataFrame | None = None) -> str:
    """The person id for any spelling of a name (or for the id itself).

    >>> resolve_person("Pak Chang-ok")
    'bak-changok'
    >>> resolve_person("ri sang jo"), resolve_person("Gim Sunghwa")
    ('li-sangjo', 'gim-seunghwa')
    >>> resolve_person("Ho Ka-i")
    'hegai'
    """
    people = default_people() if people is None else people
    index = build_index(people)
    key = name_key(name)
    if key in AMBIGUOUS_FORMS:
        raise UnknownPersonError(
            f"{name!r} is a bare surname or title shared by many people: give the full name "
            "(e.g. 'Kim Il Sung', 'Li Sangjo')."
        )
    if key in index:
        return index[key]
    raise UnknownPersonError(_unknown_message(name, key, people, index))


def _unknown_message(name: str, key: str, people: pd.DataFrame, index: dict[str, str]) -> str:
    """An error message naming the closest known spellings."""
    close = difflib.get_close_matches(key, list(index), n=8, cutoff=0.6)
    names = display_names(people)
    suggestions = []
    for k in close:
        label = f"{names[index[k]]} ({index[k]})"
        if label not in suggestions:
            suggestions.append(label)
    hint = f" Closest: {', '.join(suggestions[:4])}." if suggestions else ""
    return (
        f"No person called {name!r} in people.csv.{hint} If this is another spelling of a "
        "known person, add it to that person's variants in data/people.csv."
    )


def spelling_pattern(form: str) -> str:
    """A regular expression for one spelling that tolerates line breaks, hyphens and apostrophes.

    >>> bool(re.fullmatch(spelling_pattern("Kim Il Sung"), "Kim Il\\nSung"))
    True
    >>> bool(re.match(spelling_pattern("Ivanov V.I."), "Ivanov V. I. reported"))
    True
    """
    parts = [p for p in re.split(r"[\W_]+", form) if p]
    return _SEP_CLASS.join(re.escape(p) for p in parts)


@lru_cache(maxsize=8)
def _mention_regexes(pairs: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern, str]]:
    """One compiled pattern per usable spelling.

    A one-word spelling ("Ivanov", "Qiao") must match its own capitalisation
    (or all capitals, as in "KHRUSHCHEV"), so that no ordinary word is taken
    for a name; longer spellings ignore case. A name made into an adjective by a
    prefix ("post-Stalin Soviet-style reforms") names no one.

    >>> [(pid, bool(rx.search("post-Stalin reforms"))) for rx, pid in
    ...  _mention_regexes((("Stalin", "stalin"),))]
    [('stalin', False)]
    """
    out = []
    for form, pid in pairs:
        key = name_key(form)
        if not key or key in AMBIGUOUS_FORMS:
            continue
        core = spelling_pattern(form)
        if len(re.findall(r"\w+", form)) == 1:
            adjective = r"(?<!(?i:post|anti)-)(?<!(?i:pre)-)"
            pattern = rf"(?<!\w){adjective}(?:{core}|{re.escape(form.upper())})(?!\w)"
            out.append((re.compile(pattern), pid))
        else:
            out.append((re.compile(rf"(?<!\w){core}(?!\w)", re.IGNORECASE), pid))
    return out


# A bare surname that one text uses for one person only, after naming him in full:
# Shimotomai's article calls Li Sangjo "Li" throughout (paragraphs 8-10). Person's
# introduction uses "Li" for Li Sangjo and for Li Pilgyu both, so it gets no entry.
UNIT_SHORT_FORMS: dict[str, dict[str, str]] = {"article": {"Li": "li-sangjo"}}

# How a table marks a person whom the document it draws on never names (a recorder or an
# audience known only from another text of the corpus or from a record outside it).
NAMED_OUTSIDE = "not named in the document"
# The same mark on the page of the text itself (an edition page), where "the document"
# would be ambiguous and some texts are not documents (Person's introduction).
NAMED_OUTSIDE_HERE = "not named in this text"


def find_mentions(
    text: str, people: pd.DataFrame | None = None, unit: str | None = None
) -> list[tuple[str, int, int]]:
    """Every mention of a person in a text, as (person_id, start, end), in text order.

    Where spellings overlap the longest wins, so "Kim Il Sung" is one mention
    of Kim Il Sung and not also of Gim Il ("Kim Il" is one of his variants).
    Bare surnames are left alone.

    >>> text = "Later he invited cds. Bak Jeongae and Gim Il, He asked. Kim Il Sung agreed."
    >>> [(pid, text[s:e]) for pid, s, e in find_mentions(text)]
    [('bak-jeongae', 'Bak Jeongae'), ('gim-il', 'Gim Il'), ('kim-ilsung', 'Kim Il Sung')]
    >>> find_mentions("Kim agreed with Li and Bak.")
    []

    A name cut off where the text stops is no mention: an excerpt of Doc 28
    breaks off after "organized by Kim Il", which may be Gim Il or the start
    of "Kim Il Sung".

    >>> find_mentions("a reception organized by Kim Il \\n\\nThe meeting")
    []

    Given the unit the text comes from, a bare form that the unit uses for one person
    only (:data:`UNIT_SHORT_FORMS`) counts as a mention of him:

    >>> [(p, s) for p, s, _ in find_mentions("Li met Li Pilgyu.", unit="article")]
    [('li-sangjo', 0), ('li-pilgyu', 7)]
    """
    people = default_people() if people is None else people
    pairs = tuple(spellings(people))
    candidates = []
    for regex, pid in _mention_regexes(pairs):
        for m in regex.finditer(text):
            candidates.append((m.start(), m.end(), pid))
    for form, pid in UNIT_SHORT_FORMS.get(unit or "", {}).items():
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            candidates.append((m.start(), m.end(), pid))
    # Longest first at each start, then keep only spans that do not overlap a kept one.
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[str, int, int]] = []
    last_end = -1
    for start, end, pid in candidates:
        if start >= last_end:
            kept.append((pid, start, end))
            last_end = end
    return [
        (pid, start, end)
        for pid, start, end in kept
        if not (_BREAK_AFTER.match(text, end) and _cut_off(text[start:end], pid, pairs))
    ]


# What follows a name cut off by the end of an excerpt: the end of the text or a
# paragraph break, with no mark in between.
_BREAK_AFTER = re.compile(r"[ \t]*(?:\n[ \t]*\n|\n?[ \t]*\Z)")


def _cut_off(form: str, pid: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    """Whether ``form``, found where a text stops, may be the start of another
    person's longer spelling ("Kim Il" of "Kim Il Sung").

    >>> pairs = (("Kim Il", "gim-il"), ("Kim Il Sung", "kim-ilsung"))
    >>> _cut_off("Kim Il", "gim-il", pairs), _cut_off("Kim Il Sung", "kim-ilsung", pairs)
    (True, False)
    """
    words = form.casefold().split()
    for other, other_pid in pairs:
        longer = other.casefold().split()
        if other_pid != pid and len(longer) > len(words) and longer[: len(words)] == words:
            return True
    return False


@lru_cache(maxsize=256)
def _named_in_text(text: str, unit: str | None) -> frozenset[str]:
    return frozenset(pid for pid, _, _ in find_mentions(text, unit=unit))


def named_in(text: str, unit: str | None = None) -> frozenset[str]:
    """The ids of the people a text names, by any spelling (people.csv as published).

    >>> sorted(named_in("Nam Il told Petrov"))
    ['nam-il', 'petrov']
    """
    return _named_in_text(text, unit)


def mention_counts(units: Mapping[str, str], people: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each person is mentioned in each unit: units as rows, person ids as columns.

    Every person in people.csv gets a column, in the table's order, so that
    tables built from different texts line up.

    >>> counts = mention_counts({"doc13": "Nam Il spoke of Bak Changok. Nam Il was uneasy."})
    >>> int(counts.loc["doc13", "nam-il"]), int(counts.loc["doc13", "bak-changok"])
    (2, 1)
    """
    people = default_people() if people is None else people
    ids = list(people["person_id"])
    rows = {}
    for unit, text in units.items():
        counts = dict.fromkeys(ids, 0)
        for pid, _, _ in find_mentions(text, people, unit=unit):
            counts[pid] += 1
        rows[unit] = counts
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=ids).fillna(0).astype(int)
    frame.index.name = "unit"
    frame.columns.name = "person_id"
    return frame


def paragraph_mentions(
    paragraphs: pd.DataFrame, unit: str, people: pd.DataFrame | None = None
) -> list[tuple[str, int, list[int]]]:
    """(person id, mentions, paragraph numbers) for every person a unit's paragraphs mention.

    Most mentioned first, then by id.

    >>> paras = pd.DataFrame({"number": [1, 2], "text": ["Nam Il and Nam Il", "Nam Il"]})
    >>> paragraph_mentions(paras, "doc13")
    [('nam-il', 3, [1, 2])]
    """
    counts: dict[str, int] = {}
    where: dict[str, list[int]] = {}
    for _, p in paragraphs.iterrows():
        for person_id, _start, _end in find_mentions(p["text"], people, unit=unit):
            counts[person_id] = counts.get(person_id, 0) + 1
            numbers = where.setdefault(person_id, [])
            if int(p["number"]) not in numbers:
                numbers.append(int(p["number"]))
    return sorted(((pid, n, where[pid]) for pid, n in counts.items()), key=lambda t: (-t[1], t[0]))


# Organisations that stand where the tables expect a person (speaker_org, authors).
_ORGANISATIONS = {
    "cpsu-cc": "CPSU Central Committee",
    "dprk-ministry-of-agriculture": "DPRK Ministry of Agriculture",
}


def display_names(people: pd.DataFrame | None = None) -> dict[str, str]:
    """Each person id of the people table with the name the book shows (the corpus's
    spelling, the ``name`` column).

    >>> display_names()["bak-changok"]
    'Bak Changok'
    """
    people = default_people() if people is None else people
    return dict(zip(people["person_id"], people["name"], strict=True))


def person_name(person_id: str, people: pd.DataFrame | None = None) -> str:
    """The name, as the corpus spells it, of a person id of the curated tables.

    >>> person_name("li-sangjo"), person_name("kim-ilsung"), person_name("")
    ('Li Sangjo', 'Kim Il Sung', '')
    >>> person_name("nobody-here")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: "'nobody-here' is not a person_id of data/people.csv; add the person ..."
    """
    person_id = person_id.strip()
    if not person_id:
        return ""
    if person_id in _ORGANISATIONS:
        return _ORGANISATIONS[person_id]
    names = display_names(people)
    if person_id not in names:
        raise KeyError(
            f"{person_id!r} is not a person_id of data/people.csv; add the person "
            "or correct the id."
        )
    return names[person_id]


def person_names(cell: str, joiner: str = " and ") -> str:
    """Several person ids (separated by ";") as names.

    >>> person_names("choe-changik;gim-seunghwa")
    'Choe Changik and Gim Seunghwa'
    """
    return joiner.join(person_name(p) for p in str(cell).split(";") if p.strip())
