"""The finder page: every document and meeting once, each linked where its evidence stands,
with the people, dates and confidence the tables give, in the reader's words."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from august1956.edition import finder
from august1956.edition import pages as edition
from august1956.text.corpus import load, normalize
from august1956.text.source import CorpusError

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "book" / "documents" / finder.FINDER_PAGE
MEETING_KEY = "finder_key"


def read(name: str) -> pd.DataFrame:
    table = pd.read_csv(ROOT / "data" / name, dtype=str, keep_default_na=False)
    if name == "meetings.csv":
        # The finder keys a meeting by its row (its id is no reader's word, even hidden).
        table[MEETING_KEY] = [f"meeting-{n + 1}" for n in range(len(table))]
    return table


class ItemReader(HTMLParser):
    """The finder's items: their data attributes, link and visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self.text: list[str] = []
        self._in_item = False
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "style":
            self._in_style = True
        if tag == "li" and "finder-item" in (attrs.get("class") or ""):
            self._in_item = True
            self.items.append({**attrs, "href": "", "text": ""})
        elif tag == "a" and self._in_item:
            self.items[-1]["href"] = attrs.get("href", "")

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if tag == "li":
            self._in_item = False

    def handle_data(self, data):
        if self._in_style:
            return
        self.text.append(data)
        if self._in_item:
            self.items[-1]["text"] += data


@pytest.fixture(scope="module")
def page() -> ItemReader:
    reader = ItemReader()
    reader.feed(PAGE.read_text(encoding="utf-8"))
    return reader


@pytest.fixture(scope="module")
def corpus():
    return load()


def test_every_document_and_every_meeting_is_listed_once(page):
    keys = [i["data-key"] for i in page.items]
    assert len(keys) == len(set(keys))
    docs = {i["data-key"] for i in page.items if i["data-record"] == "document"}
    meetings = {i["data-key"] for i in page.items if i["data-record"] == "meeting"}
    assert docs == set(read("documents.csv")["unit"])
    assert meetings == {f"meeting-{n + 1}" for n in range(len(read("meetings.csv")))}


def test_the_page_counts_what_it_lists(page):
    n_docs = sum(i["data-record"] == "document" for i in page.items)
    n_meetings = len(page.items) - n_docs
    text = PAGE.read_text(encoding="utf-8")
    assert f"lists the {n_docs} numbered documents" in text
    assert f"and the {n_meetings} meetings" in text
    undated = sum(not i["data-start"] for i in page.items)
    assert f"{undated} records are undated" in text


def test_a_document_links_to_its_page_and_a_meeting_to_the_paragraph_that_records_it(page, corpus):
    meetings = read("meetings.csv").set_index(MEETING_KEY)
    for item in page.items:
        if item["data-record"] == "document":
            assert item["href"] == f"{item['data-key']}.html"
            continue
        target, anchor = item["href"].split("#")
        unit = target.removesuffix(".html")
        assert (ROOT / "book" / "documents" / target).with_suffix(".md").is_file()
        para = corpus.paragraphs[corpus.paragraphs["anchor"] == anchor]
        assert len(para) == 1 and para["unit"].iloc[0] == unit, item["href"]
        quote = normalize(meetings.loc[item["data-key"], "evidence"]).split("…")[0].strip()
        assert quote[:40] in normalize(para["text"].iloc[0]), item["data-key"]


def test_a_documents_people_are_the_people_its_edition_page_lists(page):
    """One rule for both: the finder's people of a document are its page's people."""
    for item in page.items:
        if item["data-record"] != "document":
            continue
        text = (ROOT / "book" / "documents" / f"{item['data-key']}.md").read_text("utf-8")
        section = text.split("## People mentioned", 1)[1].split("\n## ", 1)[0]
        listed = set(re.findall(r'^- <a href="\.\./people/([^"]+)\.html"', section, re.M))
        assert set(item["data-people"].split()) == listed, item["data-key"]


def test_sides_come_from_the_people_table(page):
    side = dict(read("people.csv")[["person_id", "side"]].itertuples(index=False))
    for item in page.items:
        people = item["data-people"].split()
        assert set(item["data-sides"].split()) == {side[p] for p in people}, item["data-key"]


def test_a_date_covers_what_the_source_gives_and_no_more(page):
    rows = {**read("documents.csv").set_index("unit")["date"].to_dict()}
    rows.update(read("meetings.csv").set_index(MEETING_KEY)["date"].to_dict())
    ends = read("meetings.csv").set_index(MEETING_KEY)["date_end"].to_dict()
    for item in page.items:
        date, start, end = rows[item["data-key"]], item["data-start"], item["data-end"]
        if not date:
            assert not start and not end and "undated" in item["text"], item["data-key"]
            continue
        last = ends.get(item["data-key"]) or date
        assert start.startswith(date) and end.startswith(last), item["data-key"]
        assert start <= end
    # June 1956 covers June, and is shown as the month alone.
    (doc09,) = [i for i in page.items if i["data-key"] == "doc09"]
    assert (doc09["data-start"], doc09["data-end"]) == ("1956-06-01", "1956-06-30")
    assert "Jun 1956 (month only" in doc09["text"]


def test_confidence_and_unnamed_people_are_said_in_words(page):
    doc09 = next(i for i in page.items if i["data-key"] == "doc09")
    assert doc09["data-confidence"] == "low"
    assert "header is lost and the text attributed by inference, low confidence" in doc09["text"]
    # Filatov recorded Bak Changok's talk but Document No. 1 never names him.
    meetings = read("meetings.csv")
    (row,) = meetings.index[meetings["meeting_id"] == "1956-03-12-bak-changok"]
    talk = next(i for i in page.items if i["data-key"] == f"meeting-{row + 1}")
    assert "Present: Bak Changok and Filatov (not named in this text)." in talk["text"]


def test_the_reader_sees_words_not_ids(page):
    shown = " ".join(page.text)
    ids = set(read("people.csv")["person_id"]) | set(read("meetings.csv")["meeting_id"])
    hyphenated = {i for i in ids if "-" in i}
    assert not [i for i in hyphenated if i in shown]
    assert not re.search(r"\bdoc\d\d\b|\.csv\b", shown)


def test_a_meeting_quote_that_is_not_in_its_text_names_the_file_and_row(corpus):
    tables = edition.load_tables(corpus.root)
    broken = tables.meetings.copy()
    broken.loc[3, "evidence"] = "words that no document holds"
    tables.meetings = broken
    with pytest.raises(CorpusError, match=r"data/meetings\.csv, line 5 .*verbatim"):
        finder.finder_page(corpus, tables)


def test_the_page_builds_without_the_curated_tables(corpus):
    text = finder.finder_page(corpus, edition.Tables())
    assert text.count('data-record="document"') == len(corpus.documents)
    assert 'data-record="meeting"' not in text


def test_the_script_is_added_to_the_finder_page_only():
    """The extension finds the form as the page writes it, and nothing on other pages."""
    from types import SimpleNamespace

    from august1956.sphinxext.finder import FINDER_SCRIPT, add_finder_script

    added = []
    app = SimpleNamespace(add_js_file=lambda name, **kw: added.append(name))
    add_finder_script(app, "book/documents/finder", "page.html", {"body": PAGE.read_text()}, 1)
    assert added == [FINDER_SCRIPT]
    other = (PAGE.parent / "doc07.md").read_text(encoding="utf-8")
    add_finder_script(app, "book/documents/doc07", "page.html", {"body": other}, 1)
    assert added == [FINDER_SCRIPT]
