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
    assert persons.stale_in(fresh, PEOPLE) == [], "run: python -m august1956 edition"


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
