"""The people's pages: one per person of the register, every mention linked, current."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from august1956.edition import pages as edition
from august1956.edition import persons
from august1956.tables.curated import read_table
from august1956.tables.people import find_mentions
from august1956.text.corpus import load

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ROOT / "book" / "people"


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def people():
    return read_table("people")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in PEOPLE.glob("*.md")}


def test_every_person_of_the_register_has_a_page_and_nothing_else_does(people, pages):
    assert set(pages) == set(people["person_id"]) | {"index"}


def test_the_pages_are_not_stale(corpus):
    ctx = edition.build_context(corpus, ROOT / "book")
    fresh = persons.render_person_pages(corpus, ctx)
    assert edition.stale_in(fresh, PEOPLE) == [], "run: python -m august1956 edition"


def test_every_mention_in_the_corpus_is_a_link_on_the_persons_page(corpus, people, pages):
    checked = 0
    for _, p in corpus.paragraphs.iterrows():
        for pid, _, _ in find_mentions(p["text"], people, unit=p["unit"]):
            section = pages[pid].split("## Where the corpus names them")[1].split("\n## ")[0]
            assert f"]({p['anchor']})" in section, (pid, p["anchor"])
            checked += 1
    assert checked > 500  # the test has work to do


def test_the_table_of_contents_lists_every_persons_page(people):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries = [
        c for part in toc["parts"] for c in part["chapters"] if c["file"] == "book/people/index"
    ]
    assert len(entries) == 1
    listed = [s["file"] for s in entries[0]["sections"]]
    assert listed == [f"book/people/{pid}" for pid in people["person_id"]]


def test_every_spelling_of_the_register_is_on_the_page_and_searchable(people, pages):
    for _, p in people.iterrows():
        page = pages[p["person_id"]]
        forms = [p["name"], *[v.strip() for v in p["variants"].split(";") if v.strip()]]
        for form in forms:
            assert edition.md_escape(form) in page, (p["person_id"], form)
        assert ".. meta::" in page


def test_the_index_counts_agree_with_the_pages(people, pages):
    named = sum(
        "The corpus never names this person" not in pages[pid] for pid in people["person_id"]
    )
    assert f"{len(people)} people, {named} of whom the corpus names" in pages["index"]


def test_a_claim_that_names_a_person_is_on_their_page(pages):
    claims = read_table("claims")
    people = read_table("people")
    checked = 0
    for _, c in claims.iterrows():
        for pid, _, _ in find_mentions(c["claim"], people):
            assert edition.md_escape(c["claim"]) in pages[pid], (pid, c["claim_id"])
            checked += 1
    assert checked > 0


# -- related texts on the document pages ------------------------------------------------------

DOCS = ROOT / "book" / "documents"


def related_part(unit: str) -> str:
    page = (DOCS / f"{unit}.md").read_text(encoding="utf-8")
    return page.split("## Related texts")[1].split("\n## ")[0]


def test_documents_a_historian_cites_together_link_each_other(corpus):
    import re

    found = 0
    for _, p in corpus.paragraphs.iterrows():
        for m in re.finditer(r"\[Documents? #[^]]*\]", p["text"]):
            cited = [f"doc{int(n):02d}" for n in re.findall(r"\d+", m.group(0))]
            for d in cited:
                part = related_part(d)
                assert f"]({p['unit']}.md)" in part and f"({p['anchor']})" in part, (d, p["anchor"])
                for other in set(cited) - {d}:
                    assert f"]({other}.md)" in part, (d, other)
                    found += 1
            assert all(f"]({d}.md)" in related_part(p["unit"]) for d in cited)
    assert found >= 2  # "[Documents #7 and #9]" links both ways


def test_a_meeting_note_that_names_another_document_relates_the_two(corpus):
    meetings = read_table("meetings")
    from august1956.tables.curated import row_unit

    checked = 0
    for _, m in meetings.iterrows():
        here = row_unit(m)
        for d in edition.docs_named(f"{m['date_note']} {m['note']}"):
            if here and d != here and d in corpus.units:
                assert f"]({d}.md)" in related_part(here), (m["meeting_id"], d)
                assert f"]({here}.md)" in related_part(d), (m["meeting_id"], here)
                checked += 1
    assert checked > 0


def test_every_name_in_the_reading_text_links_to_its_person(corpus, people):
    from html.parser import HTMLParser

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: dict[str, list[str]] = {}
            self.para = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "p" and "edition-para" in (a.get("class") or ""):
                self.para = a["id"]
                self.found[self.para] = []
            elif tag == "a" and self.para and a.get("class") == "person-name":
                self.found[self.para].append(a["href"].rsplit("/", 1)[1].removesuffix(".html"))

        def handle_endtag(self, tag):
            if tag == "p":
                self.para = None

    placed = edition.placed_emendations(corpus.paragraphs, corpus.emendations)
    emended = {e.anchor: e for e in placed}
    checked = 0
    for unit in corpus.units:
        reader = Links()
        reader.feed((DOCS / f"{unit}.md").read_text(encoding="utf-8"))
        for _, p in corpus.unit_paragraphs(unit).iterrows():
            want = [pid for pid, _, _ in find_mentions(p["text"], people, unit=unit)]
            if p["anchor"] in emended:  # a name under an editor's reading stays unlinked
                assert set(reader.found[p["anchor"]]) <= set(want), p["anchor"]
                continue
            assert reader.found[p["anchor"]] == want, p["anchor"]
            checked += len(want)
    assert checked > 100  # the test has work to do
