"""The edition as data: one TEI P5 file and one JSON file per unit, and a TEI corpus file.

Other scholars' tools read TEI, not the book's HTML. Each unit of the corpus (the
documents, Person's introduction, Shimotomai's article and its notes) is written from what
its edition page shows, by the same rules:

- the reading text, paragraph by paragraph, with the page's paragraph anchors as ``xml:id``;
- the provenance of every character (the repair's codes ``c r i l``, see
  :data:`august1956.edition.pages.KIND_CODES`): letters the repair restored are
  ``<choice><orig>`` (the extracted, font-shifted form) ``<reg>`` (the reading)
  ``</choice>``; a mark or space the repair chose from context is
  ``<supplied reason="damage" resp="#repair" cert="medium">``; a run of lost characters is
  ``<gap reason="damage" unit="chars" quantity="n"/>``;
- an editor's reading from ``data/emendations.csv`` (placed by
  :func:`august1956.text.emendations.place_emendations`, as the page places it) is
  ``<supplied resp="#editors" cert=...>`` followed by its reasoning in a ``<note>``;
- the people the text names (found by :func:`august1956.tables.people.find_mentions`,
  the rule of the page's "People mentioned") are ``<persName ref="#id">``, pointing to a
  ``<listPerson>`` written from ``data/people.csv``; dates written out in full ("30 August
  1956", "August 1956") are ``<date when>``.

The JSON file of a unit carries the same content (:func:`unit_record`, which the TEI is
written from) and follows ``unit.schema.json`` beside this module. :func:`reading_of` reads
a TEI file's reading text back, so that a test can compare it with the library's.

Run with ``python -m august1956 tei`` (``--check`` reports stale files without writing).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from august1956.edition.pages import (
    BOOK_TITLE,
    BREAKS_OFF_NOTE,
    BULLETIN,
    GAP_NOTE,
    UNIT_INFO,
    Tables,
    _archival_citation,
    _is_true,
    beginning_note,
    breaks_off,
    display_date,
    load_tables,
    page_title,
    split_ids,
)
from august1956.paths import data_dir
from august1956.tables.curated import OWN_LICENSE, TRANSLATION_TERMS
from august1956.tables.people import find_mentions
from august1956.text.catalog import DATE_RE, MONTHS, iso_date
from august1956.text.corpus import LOST, Corpus, load
from august1956.text.emendations import Emendation, apply_emendations, place_emendations
from august1956.text.repair import font_shift
from august1956.text.source import CorpusError
from august1956.text.units import unit_doc_no, unit_label

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", TEI_NS)

#: Folders under data/ (and under the built site's data/) of the two formats.
TEI_FOLDER = "tei"
JSON_FOLDER = "json"
#: The TEI corpus file beside the units' files, and the archive the site offers.
CORPUS_FILE = "august1956-corpus.xml"
ARCHIVE_NAME = "august1956-tei-json.zip"
#: The JSON Schema of a unit's JSON file (its one home); a copy is written beside the files.
SCHEMA_PATH = Path(__file__).with_name("unit.schema.json")
SCHEMA_NAME = "unit.schema.json"

#: What each provenance code of the repair means, as the JSON files state it (the edition's
#: codes, august1956.edition.pages.KIND_CODES, less its own ``e``, which marks a reading on
#: the page and stands here as the paragraph's emendations).
KIND_MEANINGS = {
    "c": "clean: as the source shows it",
    "r": "restored: a letter the repair put back from font-damaged text (certain once the "
    "damage is recognised)",
    "i": "inferred: a space or mark the damage erased, chosen by the repair from context",
    "l": "lost: a character the source lost (U+FFFD); an editor's reading may stand for it",
}
# The emendations' certainty in the TEI's words (att.global.responsibility's cert).
CERT = {"certain": "high", "probable": "medium", "possible": "low"}
#: The terms of a unit's text: the facts of the data package's statement of the translations'
#: terms (august1956.tables.curated.TRANSLATION_TERMS), said of a whole text.
TEXT_TERMS = (
    "not this project's to license, it keeps its rights holders' terms; the Wilson Center "
    "Digital Archive welcomes reuse for research and education, and copyright stays with the "
    "rights holders"
)
#: The repair's choice of a mark from context: likely, not certain (the edition's index says so).
INFERRED_CERT = "medium"

_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_MONTH_YEAR = re.compile(r"(?<![\d\w])(" + "|".join(MONTHS) + r") (19\d\d)(?!\d)")


def _q(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


# -- the record: what a unit's files say ------------------------------------------------------


def text_dates(text: str) -> list[tuple[str, int, int]]:
    """Dates written out in a text, as (ISO date, start, end): a day, month and year, or a
    month and year; never more precise than the text.

    >>> text_dates("held 30 August 1956; in September 1956 and on 5 May")
    [('1956-08-30', 5, 19), ('1956-09', 24, 38)]
    """
    found = [(iso_date(m.group(0)), m.start(), m.end()) for m in DATE_RE.finditer(text)]
    for m in _MONTH_YEAR.finditer(text):
        if not any(s <= m.start() < e for _, s, e in found):
            found.append((f"{m.group(2)}-{MONTHS[m.group(1)]:02d}", m.start(), m.end()))
    return sorted(found, key=lambda d: d[1])


def _crosses(start: int, end: int, emendations: list[Emendation]) -> bool:
    """Whether a span cuts through an editor's reading (which cannot be split)."""
    return any(
        start < e.end and e.start < end and not (start <= e.start and e.end <= end)
        for e in emendations
    )


def paragraph_record(
    p: pd.Series, unit: str, people: pd.DataFrame | None, emendations: list[Emendation]
) -> dict:
    text, kinds = p["text"], p["kinds"]
    if len(text) != len(kinds) or set(kinds) - set(KIND_MEANINGS):
        raise CorpusError(
            f"data/corpus/paragraphs.csv, paragraph {p['anchor']}: {len(text)} characters, "
            f"{len(kinds)} provenance codes (codes {sorted(set(kinds))}; the repair writes "
            f"{', '.join(KIND_MEANINGS)}). Regenerate "
            "data/corpus with `python -m august1956 build-data`."
        )
    mentions = []
    if people is not None:
        mentions = [
            {"person_id": pid, "start": s, "end": e}
            for pid, s, e in find_mentions(text, people, unit=unit)
            if not _crosses(s, e, emendations)
        ]
    taken = [(m["start"], m["end"]) for m in mentions]
    dates = [
        {"when": when, "start": s, "end": e}
        for when, s, e in text_dates(text)
        if not _crosses(s, e, emendations) and not any(s < b and a < e for a, b in taken)
    ]
    return {
        "anchor": p["anchor"],
        "number": int(p["number"]),
        "gap_before": _is_true(p["gap_before"]),
        "text": text,
        "kinds": kinds,
        "reading": apply_emendations(text, emendations),
        "emendations": [
            {
                "id": e.emendation_id,
                "start": e.start,
                "end": e.end,
                "reading": e.reading,
                "certainty": e.certainty,
                "reasoning": e.reasoning,
            }
            for e in sorted(emendations, key=lambda e: e.start)
        ],
        "people": mentions,
        "dates": dates,
    }


def _precise(iso: str, precision: str) -> str:
    """An ISO date cut to its precision ('1956-03-12', 'month' -> '1956-03')."""
    return {"year": iso[:4], "month": iso[:7]}.get(precision, iso)


def catalog_record(corpus: Corpus, unit: str, names: dict[str, str]) -> dict:
    if unit in UNIT_INFO:
        info = UNIT_INFO[unit]
        return {
            "author": info.author,
            "kind": info.kind,
            "description": info.description,
            "title_supplied": True,
        }
    doc = corpus.documents.loc[unit_doc_no(unit)]
    return {
        "document_number": int(doc["doc_no"]),
        "date": _precise(str(doc["date"]), str(doc["date_precision"])),
        "date_in_words": display_date(doc["date"], doc["date_precision"]),
        "date_note": doc["date_note"],
        "kind": doc["doc_type"],
        "recorded_by": [names.get(p, p) for p in split_ids(doc["recorder"])],
        "author": doc["author"],
        "interlocutors": [names.get(p, p) for p in split_ids(doc["interlocutors"])],
        "place": doc["place"],
        "repository": doc["archive"],
        "archival_citation": _archival_citation(doc),
        "obtained_by": doc["obtained_by"],
        "translated_by": doc["translated_by"],
        "title_supplied": not _is_true(doc["header_present"]),
        "attribution_confidence": doc["attribution_confidence"],
    }


def unit_record(corpus: Corpus, unit: str, tables: Tables) -> dict:
    """Everything a unit's TEI and JSON files say, as one JSON-ready dict."""
    from importlib import metadata

    from august1956.home import read_home

    paras = corpus.unit_paragraphs(unit)
    placed = place_emendations(paras, corpus.emendations[corpus.emendations["unit"] == unit])
    people = tables.people
    names = tables.person_names()
    paragraphs = [
        paragraph_record(p, unit, people, [e for e in placed if e.anchor == p["anchor"]])
        for _, p in paras.iterrows()
    ]
    mentioned = sorted({m["person_id"] for para in paragraphs for m in para["people"]})
    others = tables.other_spellings()
    for pid in mentioned:
        if not _NCNAME.match(pid):
            raise CorpusError(
                f"data/people.csv, person_id {pid!r}: TEI needs an id that starts with a "
                "letter and holds only letters, digits, '-', '_' and '.'; rename it."
            )
    role = {}
    if people is not None:
        role = dict(zip(people["person_id"], people["role_1956"], strict=True))
    first_gap = beginning_note(corpus, unit)
    return {
        "unit": unit,
        "label": unit_label(unit),
        "title": page_title(corpus, unit),
        "edition": {
            "title": BOOK_TITLE,
            "version": metadata.version("august1956"),
            "url": f"{read_home().book_url}book/documents/{unit}.html",
        },
        "printing": BULLETIN,
        "licence": {
            **OWN_LICENSE,
            "applies_to": "the markup, the paragraph numbers and the "
            "editorial readings of this file",
        },
        "translation_terms": {
            "title": TEXT_TERMS,
            "path": TRANSLATION_TERMS["path"],
            "applies_to": "the text, which the Cold War International History Project "
            "(Wilson Center) published",
        },
        "catalog": catalog_record(corpus, unit, names),
        "kind_codes": KIND_MEANINGS,
        "beginning_lost": first_gap,
        "breaks_off": bool(len(paras)) and breaks_off(paras.iloc[-1]["text"]),
        "paragraphs": paragraphs,
        "people": [
            {
                "person_id": pid,
                "name": names.get(pid, pid),
                "other_spellings": others.get(pid, []),
                "role_1956": str(role.get(pid, "")),
            }
            for pid in mentioned
        ],
    }


# -- TEI ----------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    """A child element; ``xml_id`` is written as ``xml:id``, and an empty attribute is left out."""
    names = {"xml_id": f"{{{XML_NS}}}id"}
    el = ET.SubElement(parent, _q(tag), {names.get(k, k): v for k, v in attrs.items() if v})
    if text:
        el.text = text
    return el


def _add_text(parent: ET.Element, text: str) -> None:
    """Append text to mixed content, turning each layout line break into ``<lb/>``."""
    for k, line in enumerate(text.split("\n")):
        if k:
            ET.SubElement(parent, _q("lb"))
        if not line:
            continue
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + line
        else:
            parent.text = (parent.text or "") + line


def _pieces(text: str, kinds: str, cuts: set[int], emendations: list[dict]):
    """The paragraph's characters as runs of one provenance, split at ``cuts`` (where a name
    or date begins or ends); an editor's reading is one piece."""
    by_start = {e["start"]: e for e in emendations}
    i = 0
    while i < len(text):
        if i in by_start:
            e = by_start[i]
            yield "emendation", i, e["end"], e
            i = e["end"]
            continue
        kind = "l" if text[i] == LOST else kinds[i]
        if kind == "l" and text[i] != LOST:
            raise CorpusError(
                f"provenance code 'l' on the character {text[i]!r}: it belongs to U+FFFD only. "
                "Regenerate data/corpus with `python -m august1956 build-data`."
            )
        j = i + 1
        while (
            j < len(text)
            and j not in cuts
            and j not in by_start
            and ("l" if text[j] == LOST else kinds[j]) == kind
        ):
            j += 1
        yield kind, i, j, None
        i = j


def _emit(parent: ET.Element, kind: str, run: str, emendation: dict | None) -> None:
    if kind == "c":
        _add_text(parent, run)
    elif kind == "r":
        choice = _sub(parent, "choice")
        _sub(choice, "orig", font_shift(run))
        _sub(choice, "reg", run)
    elif kind == "i":
        supplied = _sub(parent, "supplied", reason="damage", resp="#repair", cert=INFERRED_CERT)
        _add_text(supplied, run)
    elif kind == "l":
        _sub(parent, "gap", reason="damage", unit="chars", quantity=str(len(run)))
    else:  # an editor's reading: the lost characters it stands for, and why
        e = emendation
        supplied = _sub(
            parent,
            "supplied",
            reason="damage",
            resp="#editors",
            cert=CERT.get(e["certainty"], "unknown"),
            rend="square-brackets",
            unit="chars",
            quantity=str(e["end"] - e["start"]),
        )
        supplied.text = e["reading"][1:-1]
        _sub(parent, "note", e["reasoning"], type="emendation", resp="#editors", n=e["id"])


def paragraph_tei(parent: ET.Element, para: dict) -> ET.Element:
    p = _sub(parent, "p", xml_id=para["anchor"], n=str(para["number"]))
    spans = [
        ("persName", {"ref": f"#{m['person_id']}"}, m["start"], m["end"]) for m in para["people"]
    ]
    spans += [("date", {"when": d["when"]}, d["start"], d["end"]) for d in para["dates"]]
    spans.sort(key=lambda s: s[2])
    cuts = {s[2] for s in spans} | {s[3] for s in spans}
    pieces = list(_pieces(para["text"], para["kinds"], cuts, para["emendations"]))
    k = 0
    for tag, attrs, start, end in spans:
        while k < len(pieces) and pieces[k][1] < start:
            _emit(p, pieces[k][0], para["text"][pieces[k][1] : pieces[k][2]], pieces[k][3])
            k += 1
        wrapper = _sub(p, tag, **attrs)
        while k < len(pieces) and pieces[k][2] <= end:
            _emit(wrapper, pieces[k][0], para["text"][pieces[k][1] : pieces[k][2]], pieces[k][3])
            k += 1
    for kind, start, end, e in pieces[k:]:
        _emit(p, kind, para["text"][start:end], e)
    return p


ENCODING = [
    (
        "projectDesc",
        "The text of this file is the reading text of the edition's page: the corpus as the "
        "August 1956 project repaired it, cut into its units and rebuilt into paragraphs. "
        "Each paragraph's xml:id is the anchor of the paragraph on the page, and n its "
        "number (¶).",
    ),
    (
        "correction",
        "About a tenth of the source went through a broken font map, which stored every "
        "letter 29 code points too low and lost spaces, digits and most punctuation. Letters "
        "the repair moved back are certain once the damage is recognised: each stands in "
        "choice, with the extracted form in orig and the reading in reg. A space or mark the "
        "damage erased and the repair chose from context stands in supplied with "
        'resp="#repair" and cert="medium": likely rather than certain. A character lost '
        'for good (a digit, most often) is a gap with reason="damage" and its quantity in '
        "characters; nothing is filled in silently.",
    ),
    (
        "normalization",
        "An editor's reading of lost characters (the project's table of emendations) stands "
        'in supplied with resp="#editors", cert (high: certain; medium: probable), the '
        'number of characters it replaces as quantity, and rend="square-brackets" because '
        "the edition prints it in brackets; the note after it gives the reasoning. A reading "
        "replaces only characters the source lost or marks the repair chose.",
    ),
    (
        "segmentation",
        "A layout line break inside a paragraph (a header, a signature block) is lb. Where "
        'the corpus leaves out part of a text, a gap with reason="sampling" says so between '
        "paragraphs. People the text names are persName, with ref to the list of people in "
        "standOff (from the project's people table, under every spelling it gives; a bare "
        "surname is not a mention); dates written out in full are date with when, no more "
        "precise than the text.",
    ),
]


def _header(rec: dict, parent: ET.Element, standalone: bool = True) -> None:
    """The unit's teiHeader; in the corpus file (not ``standalone``) the ids that ``resp``
    points to are the corpus header's, so a unit's header does not define them again."""
    header = _sub(parent, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", rec["title"], type="main")
    cat = rec["catalog"]
    if "document_number" not in cat:
        _sub(title_stmt, "author", cat["author"])
    else:
        # who recorded a conversation, else who wrote or issued the document
        for name in cat["recorded_by"] or ([cat["author"]] if cat["author"] else []):
            _sub(title_stmt, "author", name)
    _responsibility(title_stmt, with_id=standalone)
    _sub(file_desc, "editionStmt").append(_edition(rec))
    pub = _sub(file_desc, "publicationStmt")
    _sub(pub, "publisher", "The August 1956 project")
    _sub(pub, "idno", rec["edition"]["url"], type="URL")
    _availability(pub, rec)
    source = _sub(file_desc, "sourceDesc")
    bibl = _sub(source, "bibl", type="printing")
    printed = UNIT_INFO[rec["unit"]].title if rec["unit"] in UNIT_INFO else rec["title"]
    _sub(bibl, "title", printed, level="a")
    _sub(bibl, "title", "Cold War International History Project Bulletin", level="j")
    _sub(bibl, "biblScope", "16", unit="issue")
    _sub(bibl, "date", "Fall 2007/Winter 2008")
    _sub(bibl, "note", f"Printed in {rec['printing']}.")
    if "document_number" in cat:
        for role, who in (
            ("obtained for CWIHP by", cat["obtained_by"]),
            ("translated for CWIHP by", cat["translated_by"]),
        ):
            if who:
                stmt = _sub(bibl, "respStmt")
                _sub(stmt, "resp", role)
                _sub(stmt, "persName", who)
        ms = _sub(source, "msDesc")
        ident = _sub(ms, "msIdentifier")
        if cat["repository"]:
            _sub(ident, "repository", cat["repository"])
            _sub(ident, "idno", cat["archival_citation"], type="archival")
        else:
            _sub(ident, "msName", "archival citation not in the corpus (the header is lost)")
        contents = _sub(ms, "msContents")
        item = _sub(contents, "msItem")
        _sub(
            item,
            "title",
            rec["title"].split(": ", 1)[-1],
            type="supplied" if cat["title_supplied"] else "",
        )
    encoding = _sub(header, "encodingDesc")
    app_info = _sub(encoding, "appInfo")
    _application(app_info, rec["edition"]["version"], standalone)
    _sub(_sub(encoding, "projectDesc"), "p", ENCODING[0][1])
    decl = _sub(encoding, "editorialDecl")
    for tag, words in ENCODING[1:]:
        _sub(_sub(decl, tag), "p", words)
    profile = _sub(header, "profileDesc")
    if cat.get("date"):
        creation = _sub(profile, "creation")
        _sub(creation, "date", cat["date_in_words"], when=cat["date"])
        if cat["date_note"]:
            creation[-1].tail = f" ({cat['date_note']})"
    _sub(_sub(profile, "langUsage"), "language", "English (translation)", ident="en")


def _availability(pub: ET.Element, rec: dict) -> None:
    """The two sets of terms: the project's licence for its work, the holders' for the text."""
    avail = _sub(pub, "availability")
    for key in ("licence", "translation_terms"):
        terms = rec[key]
        _sub(
            avail, "licence", f"For {terms['applies_to']}: {terms['title']}.", target=terms["path"]
        )


def _responsibility(parent: ET.Element, with_id: bool) -> None:
    resp = _sub(parent, "respStmt")
    _sub(resp, "resp", "repaired, segmented and encoded by")
    _sub(resp, "orgName", "The August 1956 project", xml_id="editors" if with_id else "")


def _application(parent: ET.Element, version: str, with_id: bool) -> None:
    app = _sub(
        parent,
        "application",
        ident="august1956",
        version=version,
        xml_id="repair" if with_id else "",
    )
    _sub(app, "label", "The August 1956 project's repair of the font-damaged text")


def _edition(rec: dict) -> ET.Element:
    el = ET.Element(_q("edition"), {"n": rec["edition"]["version"]})
    el.text = f"{rec['edition']['title']}, version {rec['edition']['version']}"
    return el


def _list_person(parent: ET.Element, people: list[dict]) -> None:
    if not people:
        return
    listing = _sub(_sub(parent, "standOff"), "listPerson")
    for person in people:
        el = _sub(listing, "person", xml_id=person["person_id"])
        _sub(el, "persName", person["name"], type="main")
        for form in person["other_spellings"]:
            _sub(el, "persName", form, type="variant")
        if person["role_1956"]:
            _sub(el, "note", person["role_1956"], type="role1956")


def tei_element(rec: dict, standalone: bool = True) -> ET.Element:
    """A unit's ``<TEI>`` element; ``standalone`` gives it its own list of people and the
    ids its ``resp`` and ``ref`` point to (in the corpus file, the corpus's header has them)."""
    tei = ET.Element(
        _q("TEI"), {f"{{{XML_NS}}}id": f"tei-{rec['unit']}", f"{{{XML_NS}}}lang": "en"}
    )
    _header(rec, tei, standalone)
    if standalone:
        _list_person(tei, rec["people"])
    body = _sub(_sub(tei, "text"), "body")
    for n, para in enumerate(rec["paragraphs"]):
        if n == 0 and rec["beginning_lost"]:
            _sub(_sub(body, "gap", reason="sampling"), "desc", rec["beginning_lost"])
        elif para["gap_before"]:
            _sub(_sub(body, "gap", reason="sampling"), "desc", GAP_NOTE)
        paragraph_tei(body, para)
    if rec["breaks_off"]:
        _sub(_sub(body, "gap", reason="sampling"), "desc", BREAKS_OFF_NOTE)
    return tei


# Elements that hold other elements only: a line break between their children changes no
# text, and keeps the files' diffs readable.
_ELEMENT_ONLY = {
    _q(t)
    for t in (
        "teiCorpus",
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "editionStmt",
        "publicationStmt",
        "availability",
        "sourceDesc",
        "bibl",
        "msDesc",
        "msIdentifier",
        "msContents",
        "msItem",
        "encodingDesc",
        "appInfo",
        "application",
        "projectDesc",
        "editorialDecl",
        "correction",
        "normalization",
        "segmentation",
        "profileDesc",
        "langUsage",
        "standOff",
        "listPerson",
        "person",
        "text",
        "body",
        "gap",
    )
}


def _break_lines(el: ET.Element) -> None:
    if el.tag in _ELEMENT_ONLY and len(el):
        el.text = "\n"
        for child in el:
            child.tail = "\n"
            _break_lines(child)


def _serialize(root: ET.Element) -> str:
    _break_lines(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def corpus_element(records: list[dict], tables: Tables) -> ET.Element:
    """The ``<teiCorpus>`` that holds every unit, with one list of all the people."""
    corpus = ET.Element(_q("teiCorpus"), {f"{{{XML_NS}}}lang": "en"})
    header = _sub(corpus, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", f"{BOOK_TITLE}: the edition's texts")
    _responsibility(title_stmt, with_id=True)
    pub = _sub(file_desc, "publicationStmt")
    _sub(pub, "publisher", "The August 1956 project")
    first = records[0]
    _availability(pub, first)
    _sub(
        _sub(file_desc, "sourceDesc"),
        "p",
        f"The documents and the historians' texts of {BULLETIN}, as the corpus holds them.",
    )
    encoding = _sub(header, "encodingDesc")
    _application(_sub(encoding, "appInfo"), first["edition"]["version"], True)
    _sub(_sub(encoding, "projectDesc"), "p", ENCODING[0][1])
    people = {}
    for rec in records:
        for person in rec["people"]:
            people[person["person_id"]] = person
    _list_person(corpus, [people[k] for k in sorted(people)])
    for rec in records:
        corpus.append(tei_element(rec, standalone=False))
    return corpus


# -- reading a TEI file back ---------------------------------------------------------------------


def _reading(el: ET.Element) -> str:
    tag = el.tag.removeprefix(f"{{{TEI_NS}}}")
    if tag == "note":
        out = ""
    elif tag == "lb":
        out = "\n"
    elif tag == "gap":
        out = LOST * int(el.get("quantity", "0"))
    elif tag == "choice":
        reg = el.find(_q("reg"))
        out = _reading_inner(reg) if reg is not None else ""
    elif tag == "supplied" and el.get("rend") == "square-brackets":
        out = f"[{_reading_inner(el)}]"
    else:
        out = _reading_inner(el)
    return out + (el.tail or "")


def _reading_inner(el: ET.Element) -> str:
    return (el.text or "") + "".join(_reading(child) for child in el)


def reading_of(xml: str) -> dict[str, str]:
    """The reading text of each unit in a TEI file (a unit's or the corpus file), by unit:
    paragraphs separated by a blank line, an editor's reading in its square brackets, a lost
    character as U+FFFD, notes left out."""
    root = ET.fromstring(xml)
    teis = [root] if root.tag == _q("TEI") else root.findall(_q("TEI"))
    out = {}
    for tei in teis:
        unit = tei.get(f"{{{XML_NS}}}id", "").removeprefix("tei-")
        paras = tei.find(_q("text")).find(_q("body")).findall(_q("p"))
        out[unit] = "\n\n".join(_reading_inner(p) for p in paras)
    return out


# -- writing and checking ------------------------------------------------------------------------


def render_files(corpus: Corpus | None = None) -> dict[str, str]:
    """Every file of the two formats: path under data/ -> content."""
    corpus = corpus or load()
    tables = load_tables(corpus.root)
    records = [unit_record(corpus, unit, tables) for unit in corpus.units]
    files = {}
    for rec in records:
        files[f"{TEI_FOLDER}/{rec['unit']}.xml"] = _serialize(tei_element(rec))
        files[f"{JSON_FOLDER}/{rec['unit']}.json"] = (
            json.dumps(rec, indent=1, ensure_ascii=False) + "\n"
        )
    files[f"{TEI_FOLDER}/{CORPUS_FILE}"] = _serialize(corpus_element(records, tables))
    files[f"{JSON_FOLDER}/{SCHEMA_NAME}"] = SCHEMA_PATH.read_text(encoding="utf-8")
    return files


def _folders(root: Path) -> list[Path]:
    return [root / TEI_FOLDER, root / JSON_FOLDER]


def stale_tei_files(root: Path | None = None) -> list[str]:
    """Files of the two formats that differ from a fresh rendering, are missing, or are
    left over from a unit that is gone."""
    root = root or data_dir()
    files = render_files()
    stale = [
        rel
        for rel, text in files.items()
        if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text
    ]
    for folder in _folders(root):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            rel = path.relative_to(root).as_posix()
            if rel not in files:
                stale.append(rel)
    return stale


def write_tei_files(root: Path | None = None) -> list[Path]:
    root = root or data_dir()
    files = render_files()
    for folder in _folders(root):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*"):
            if old.relative_to(root).as_posix() not in files:
                old.unlink()
    written = []
    for rel, text in files.items():
        path = root / rel
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m august1956 tei",
        description="Write each unit's TEI and JSON files under data/tei and data/json.",
    )
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_tei_files()
            if stale:
                print(
                    f"stale TEI or JSON files: {', '.join(stale)}. "
                    "Run: python -m august1956 tei, and commit data/tei and data/json.",
                    file=sys.stderr,
                )
                return 1
            print("TEI and JSON files are up to date")
            return 0
        written = write_tei_files()
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} files under {data_dir()}/{TEI_FOLDER} and /{JSON_FOLDER}")
    return 0
