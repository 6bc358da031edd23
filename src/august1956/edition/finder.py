"""The finder: one page that lists every document and every meeting, and filters them.

The page (``book/documents/finder.md``, written with the edition's other pages by
``python -m august1956 edition``) lists each numbered document and each row of the meetings
table as an item whose data attributes carry what the filters read: the people (as person
ids), their sides, the kind of record, how sure the attribution is, and the time the date
covers. ``static/finder.js`` (added to this page only by :mod:`august1956.sphinxext.finder`)
shows the form and hides the items a choice rules out; without the script the page is the
full list, in date order.

The rules are the tables' own, each from its one home:

- a document's people are the people its text names, as its edition page lists them
  (:func:`august1956.tables.people.paragraph_mentions`); a meeting's are its participants
  in the meetings table, marked where the text that records it never names them;
- a record is on a side when one of its people is (the people table's ``side``);
- a date is shown as the source gives it (:func:`august1956.text.corpus.document_date_words`,
  and the meetings chapter's :func:`august1956.chapters.meetings.meeting_spans`), and covers
  the whole month or year when that is all the source gives
  (:func:`august1956.chapters.chronology.span`);
- a document's confidence is the catalog's (the weakest of its passages); a meeting's is
  that of the passage that records it, found with :meth:`august1956.text.corpus.Corpus.find`,
  which is also where the meeting's link goes (the meetings chapter has no anchor per
  meeting).

>>> from august1956 import load
>>> corpus = load()
>>> items = finder_items(corpus, load_tables(corpus.root))
>>> doc07 = next(i for i in items if i.href == "doc07.html")
>>> "choe-changik" in doc07.people, doc07.start, doc07.end
(True, '1956-06-05', '1956-06-05')
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from august1956.chapters.chronology import span
from august1956.chapters.meetings import meeting_spans
from august1956.chapters.vocabulary import counted
from august1956.edition.pages import (
    GENERATED_NOTE,
    Tables,
    _is_true,
    load_tables,
    page_title,
    split_ids,
    vague_last,
)
from august1956.tables.curated import row_unit
from august1956.tables.people import NAMED_OUTSIDE_HERE, named_in, paragraph_mentions
from august1956.text.corpus import Corpus, document_date_words
from august1956.text.source import CorpusError
from august1956.text.units import unit_label

#: The page's file name in ``book/documents/`` and the id of its form, which the Sphinx
#: extension looks for to add the script.
FINDER_PAGE = "finder.md"
FINDER_FORM_ID = "finder-form"

#: The people table's sides, as the reader says them.
SIDE_WORDS = {
    "DPRK": "North Korean",
    "USSR": "Soviet",
    "PRC": "Chinese",
    "other": "other (the historians and others)",
}

#: The meetings table's kinds, as the finder's menu names them.
MEETING_KIND_WORDS = {
    "recorded": "Meeting recorded in the text",
    "reported": "Meeting reported in the text",
    "body": "Meeting of a party or state body",
    "planned": "Meeting planned",
}

#: How sure the edition is that a passage belongs to its text, in words.
CONFIDENCE_WORDS = {
    "high": "high confidence",
    "medium": "medium confidence",
    "low": "low confidence",
}


@dataclass
class FinderItem:
    """One record of the finder: a document or a meeting, with what the filters read."""

    record: str  # "document" or "meeting"
    key: str  # the document's unit, or "meeting-" and the meeting's row: for tests, never shown
    kind: str  # the kind filter's value, e.g. "document:memo" or "meeting:recorded"
    kind_words: str
    when: str  # the date as the source gives it
    start: str  # first day the date covers (ISO), "" when undated
    end: str  # last day it covers (ISO), "" when undated
    vague: bool  # known only to a month or a year, or spanning several days
    title: str
    href: str
    people: list[str] = field(default_factory=list)
    people_words: str = ""
    sides: list[str] = field(default_factory=list)
    confidence: str = ""
    confidence_words: str = ""
    order: tuple = ()


def _days(date: str, end: str, precision: str) -> tuple[str, str]:
    """The first and last day a date covers (ISO), or two blanks for an undated record.

    >>> _days("1956-06", "", "month"), _days("1956", "", "year"), _days("", "", "unknown")
    (('1956-06-01', '1956-06-30'), ('1956-01-01', '1956-12-31'), ('', ''))
    >>> _days("1956-08-30", "1956-08-31", "day")
    ('1956-08-30', '1956-08-31')
    """
    first, after = span(date, end, precision)
    if pd.isna(first):
        return "", ""
    return first.date().isoformat(), (after - pd.Timedelta(days=1)).date().isoformat()


def _sides(people: list[str], table: pd.DataFrame | None) -> list[str]:
    if table is None:
        return []
    side = dict(zip(table["person_id"], table["side"], strict=True))
    return sorted({side[p] for p in people if p in side})


def _names(ids: list[str], names: dict[str, str], marked: set[str] = frozenset()) -> str:
    """Names joined in words, each person the text never names marked so.

    >>> _names(["a", "b", "c"], {"a": "Ivanov", "b": "Choe Changik"}, {"c"})
    'Ivanov, Choe Changik and c (not named in this text)'
    """
    shown = [names.get(p, p) + (f" ({NAMED_OUTSIDE_HERE})" if p in marked else "") for p in ids]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _excerpt_confidence(corpus: Corpus, unit: str, paragraph: int) -> tuple[str, str]:
    """How a paragraph's passage is attributed to its text: (confidence, words)."""
    para = corpus.paragraphs[
        (corpus.paragraphs["unit"] == unit) & (corpus.paragraphs["number"] == paragraph)
    ].iloc[0]
    excerpt = corpus.excerpts.set_index("excerpt_id").loc[para["excerpt_id"]]
    confidence = str(excerpt["confidence"])
    if excerpt["attribution"] == "header":
        words = "the passage stands under the text's own header"
    else:
        words = "the passage is attributed to this text by inference"
    return confidence, f"{words}, {CONFIDENCE_WORDS.get(confidence, confidence)}"


def document_items(corpus: Corpus, tables: Tables) -> list[FinderItem]:
    """One item per numbered document, with the people its text names."""
    names = tables.person_names()
    items = []
    for _, doc in corpus.documents.iterrows():
        unit = doc["unit"]
        people = []
        if tables.people is not None:
            mentions = paragraph_mentions(corpus.unit_paragraphs(unit), unit, tables.people)
            people = sorted((pid for pid, _, _ in mentions), key=lambda p: names.get(p, p))
        start, end = _days(doc["date"], "", doc["date_precision"])
        confidence = str(doc["attribution_confidence"])
        level = CONFIDENCE_WORDS.get(confidence, confidence)
        if not _is_true(doc["header_present"]):
            trust = f"the header is lost and the text attributed by inference, {level}"
        elif confidence == "high":
            trust = f"the header survives, {level}"
        else:
            trust = (
                "the header survives; later passages are attributed by inference, the "
                f"weakest with {level}"
            )
        doc_type = str(doc["doc_type"]) or "unknown"
        items.append(
            FinderItem(
                record="document",
                key=unit,
                kind=f"document:{doc_type}",
                kind_words=f"Document: {'of unknown kind' if doc_type == 'unknown' else doc_type}",
                when=document_date_words(doc["date"], doc["date_precision"], doc["date_note"]),
                start=start,
                end=end,
                vague=doc["date_precision"] in ("month", "year"),
                title=page_title(corpus, unit),
                href=f"{unit}.html",
                people=people,
                people_words=(
                    f"Names {_names(people, names)}"
                    if people
                    else "Names no one in the people table"
                ),
                sides=_sides(people, tables.people),
                confidence=confidence,
                confidence_words=trust,
                order=(vague_last(doc["date"]), 0, int(doc["doc_no"])),
            )
        )
    return items


def meeting_items(corpus: Corpus, tables: Tables) -> list[FinderItem]:
    """One item per row of the meetings table, linked to the paragraph that records it."""
    if tables.meetings is None or tables.meetings.empty:
        return []
    names = tables.person_names()
    items = []
    spans = meeting_spans(tables.meetings)
    for n, (_, m) in enumerate(spans.iterrows()):
        unit = row_unit(m)
        found = corpus.find(m["evidence"], unit) if unit and m["evidence"] else []
        if not found:
            raise CorpusError(
                f"data/meetings.csv, line {n + 2} ({m['meeting_id']}): its evidence quote is "
                f"not found in {unit_label(unit) if unit else 'any text'}, so the finder "
                "cannot link the meeting: copy the quote verbatim from the text it names."
            )
        where = found[0]
        people = split_ids(m["participants"])
        named = named_in(corpus.text(unit, emend=False), unit)
        confidence, trust = _excerpt_confidence(corpus, unit, where.paragraph)
        place = f", {m['place']}" if m["place"] else ""
        topics = ", ".join(split_ids(m["topics"]))
        about = f", on {topics}" if topics else ""
        start, end = _days(m["date"], m["date_end"], m["date_precision"])
        items.append(
            FinderItem(
                record="meeting",
                key=f"meeting-{n + 1}",
                kind=f"meeting:{m['kind']}",
                kind_words=MEETING_KIND_WORDS.get(m["kind"], m["kind"]),
                when=m["when"],
                start=start,
                end=end,
                vague=m["date_precision"] in ("month", "year") or start != end,
                title=f"{where.label}{place}{about}",
                href=f"{where.anchor.rsplit('-p', 1)[0]}.html#{where.anchor}",
                people=people,
                people_words=(
                    "Present: " + _names(people, names, {p for p in people if p not in named})
                    if people
                    else "Participants not recorded"
                ),
                sides=_sides(people, tables.people),
                confidence=confidence,
                confidence_words=trust,
                order=(vague_last(m["date"]), 1, n),
            )
        )
    return items


def finder_items(corpus: Corpus, tables: Tables) -> list[FinderItem]:
    """Every document and every meeting, in date order (a vague date after the days in it)."""
    items = document_items(corpus, tables) + meeting_items(corpus, tables)
    return sorted(items, key=lambda i: i.order)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def item_html(item: FinderItem) -> str:
    """One record of the list, its filter data in ``data-`` attributes."""
    data = {
        "record": item.record,
        "key": item.key,
        "kind": item.kind,
        "people": " ".join(item.people),
        "sides": " ".join(item.sides),
        "confidence": item.confidence,
        "start": item.start,
        "end": item.end,
    }
    attrs = " ".join(f'data-{k}="{_attr(v)}"' for k, v in data.items())
    return (
        f'<li class="finder-item" {attrs}>'
        f'<span class="finder-when">{html.escape(item.when)}</span> · '
        f'<span class="finder-kind">{html.escape(item.kind_words)}</span><br>'
        f'<a href="{_attr(item.href)}">{html.escape(item.title)}</a><br>'
        f'<span class="finder-detail">{html.escape(item.people_words)}.<br>'
        f"Attribution: {html.escape(item.confidence_words)}.</span></li>"
    )


def _options(pairs: list[tuple[str, str]], any_words: str) -> str:
    first = f'<option value="">{html.escape(any_words)}</option>'
    return first + "".join(
        f'<option value="{_attr(v)}">{html.escape(w)}</option>' for v, w in pairs
    )


FINDER_STYLE = """<style>
.finder-form { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
  gap: .6rem 1.2rem; margin: 1rem 0; padding: .8rem; border: 1px solid
  var(--pst-color-border, #ccc); border-radius: .3rem; }
.finder-form[hidden] { display: none; }
.finder-form label { display: block; font-weight: 600; font-size: .9rem; }
.finder-form select, .finder-form input[type=date] { width: 100%; max-width: 100%;
  padding: .25rem; color: var(--pst-color-text-base); background:
  var(--pst-color-background); border: 1px solid var(--pst-color-border, #888);
  border-radius: .2rem; }
.finder-form .finder-check label { display: inline; font-weight: normal; }
.finder-form .finder-wide { grid-column: 1 / -1; }
.finder-reset { padding: .3rem .8rem; color: var(--pst-color-text-base); background:
  var(--pst-color-background); border: 1px solid var(--pst-color-text-muted);
  border-radius: .2rem; cursor: pointer; }
.finder-reset:hover { background: var(--pst-color-surface); }
.finder-status { font-weight: 600; }
.finder-list { list-style: none; padding-left: 0; }
.finder-item { padding: .5rem 0; border-top: 1px solid var(--pst-color-border, #ddd);
  overflow-wrap: anywhere; }
.finder-when { font-weight: 600; }
.finder-detail { font-size: .9rem; color: var(--pst-color-text-muted); }
</style>"""


def finder_form(items: list[FinderItem], tables: Tables) -> str:
    """The filters, hidden until the script shows them (without it, the page is the list)."""
    names = tables.person_names()
    people = sorted({p for i in items for p in i.people}, key=lambda p: names.get(p, p))
    sides = [s for s in SIDE_WORDS if any(s in i.sides for i in items)]
    kinds_doc = sorted({i.kind for i in items if i.record == "document"})
    kinds_meet = [
        f"meeting:{k}" for k in MEETING_KIND_WORDS if any(i.kind == f"meeting:{k}" for i in items)
    ]
    words = {i.kind: i.kind_words.removeprefix("Document: ") for i in items}
    kind_menu = (
        '<option value="">any kind</option>'
        '<option value="document">every document</option>'
        '<option value="meeting">every meeting</option>'
        '<optgroup label="Documents">'
        + "".join(f'<option value="{_attr(k)}">{html.escape(words[k])}</option>' for k in kinds_doc)
        + '</optgroup><optgroup label="Meetings">'
        + "".join(
            f'<option value="{_attr(k)}">{html.escape(words[k])}</option>' for k in kinds_meet
        )
        + "</optgroup>"
    )
    levels = [c for c in CONFIDENCE_WORDS if any(i.confidence == c for i in items)]
    return (
        f'<form id="{FINDER_FORM_ID}" class="finder-form" hidden '
        'aria-label="Filter the documents and meetings">'
        '<div><label for="finder-person">Person</label>'
        f'<select id="finder-person">{_options([(p, names.get(p, p)) for p in people], "anyone")}'
        "</select></div>"
        '<div><label for="finder-side">Side</label>'
        f'<select id="finder-side">{_options([(s, SIDE_WORDS[s]) for s in sides], "any side")}'
        "</select></div>"
        '<div><label for="finder-kind">Kind of record</label>'
        f'<select id="finder-kind">{kind_menu}</select></div>'
        '<div><label for="finder-confidence">Attribution confidence</label>'
        '<select id="finder-confidence">'
        f"{_options([(c, CONFIDENCE_WORDS[c]) for c in levels], 'any confidence')}"
        "</select></div>"
        '<div><label for="finder-from">From (first day)</label>'
        '<input type="date" id="finder-from" min="1945-01-01" max="1960-12-31"></div>'
        '<div><label for="finder-to">To (last day)</label>'
        '<input type="date" id="finder-to" min="1945-01-01" max="1960-12-31"></div>'
        '<div><label for="finder-vague">A date known only to the month or year</label>'
        '<select id="finder-vague">'
        '<option value="overlap">is listed if it may fall in the range</option>'
        '<option value="within">is listed only if it lies wholly in the range</option>'
        "</select></div>"
        '<div class="finder-check"><input type="checkbox" id="finder-undated"> '
        '<label for="finder-undated">With a date range, list undated records too</label></div>'
        '<div class="finder-wide"><button type="reset" class="finder-reset">'
        "Clear the filters</button></div>"
        "</form>"
    )


def finder_page(corpus: Corpus, tables: Tables | None = None) -> str:
    """The Markdown of ``book/documents/finder.md``."""
    tables = tables or load_tables(corpus.root)
    items = finder_items(corpus, tables)
    n_docs = sum(i.record == "document" for i in items)
    n_meetings = sum(i.record == "meeting" for i in items)
    n_undated = sum(not i.start for i in items)
    n_vague = sum(i.vague for i in items)
    listing = "\n".join(
        [
            '<p id="finder-status" class="finder-status" role="status">'
            f"{counted(n_docs, 'document')} and {counted(n_meetings, 'meeting')}.</p>",
            '<ul id="finder-results" class="finder-list">',
            *(item_html(i) for i in items),
            "</ul>",
        ]
    )
    blocks = [
        GENERATED_NOTE,
        "# Find documents and meetings",
        (
            f"This page lists the {counted(n_docs, 'numbered document')} of the corpus and the "
            f"{counted(n_meetings, 'meeting')} that the book's meetings table draws from the "
            "texts, in date order, and filters them by person, side, kind of record, date and "
            "how sure the edition is of the attribution. Each document links to its page in "
            "the edition; each meeting links to the paragraph of the text that records it."
        ),
        "## How the filters read the tables",
        "\n".join(
            [
                "- **Person.** A document is listed under every person its text names, as its "
                "edition page counts them, under any spelling. A meeting is listed under the "
                "people the meetings table records as taking part, including people the text "
                "itself never names; each of those is marked where they appear.",
                "- **Side.** A record is on a side when one of its people is, by the side the "
                "Who's who gives them.",
                "- **Dates** are shown as the sources give them: a date known only to the "
                "month or the year stays so, and a mark says when it comes from outside the "
                f"corpus or the sources disagree. Of these records, {counted(n_vague, 'date')} "
                "cover a month, a year or several days, and "
                f"{counted(n_undated, 'record is', 'records are')} undated. Such a date covers "
                "its whole span: by default it is listed when that span overlaps the range you "
                "choose (it may fall in it); you can ask instead for only the records that lie "
                "wholly in the range. An undated record is left out once a range is set, unless "
                "you tick the box.",
                "- **Attribution confidence.** For a document, how sure the edition is that its "
                "passages belong to it (a document with its header lost is attributed by "
                "inference; the weakest passage counts). For a meeting, how sure the edition is "
                "of the passage that records it.",
            ]
        ),
        "## The records",
        "```{raw} html\n"
        + "\n".join([FINDER_STYLE, finder_form(items, tables), listing])
        + "\n```",
    ]
    return "\n\n".join(blocks) + "\n"
