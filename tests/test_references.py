"""Every outside fact cites an entry of the bibliography that a reader can open."""

import re

import pytest

from august1956.paths import references_path
from august1956.tables import references
from august1956.tables.curated import read_table


@pytest.fixture(scope="module")
def refs():
    return references.read_references()


def test_every_outside_event_cites_a_bibliography_entry(refs):
    events = read_table("events")
    outside = events[events["source_type"] == "outside"]
    assert len(outside) >= 4
    for _, row in outside.iterrows():
        keys = references.source_keys(row["source"])
        assert keys, f"{row['event_id']}: its source {row['source']!r} names no bibliography key"
        assert set(keys) <= set(refs), f"{row['event_id']}: {keys} not all in references.bib"


def test_every_claim_from_outside_the_corpus_cites_the_work(refs):
    claims = read_table("claims")
    for _, row in claims.iterrows():
        parts = [p.strip() for p in row["source_of_claim"].split(";")]
        units = {p for p in parts if p in references.CORPUS_UNITS}
        keys = set(references.source_keys(row["source_of_claim"]))
        assert units | keys == set(parts), f"{row['claim_id']}: unknown sources in {parts}"
        assert keys <= set(refs), f"{row['claim_id']}: {keys - set(refs)} not in references.bib"
        if not row["unit"]:
            assert keys, f"{row['claim_id']} rests outside the corpus but cites no work"


def test_every_archival_record_has_an_address(refs):
    wcda = {k: r for k, r in refs.items() if r.short.startswith("Wilson Center Digital Archive")}
    assert len(wcda) >= 10
    assert all(r.url.startswith("https://digitalarchive.wilsoncenter.org/") for r in wcda.values())


def test_no_title_in_the_bibliography_loses_its_capitals():
    # BibTeX styles lower-case a title outside braces: proper names must be braced.
    from pybtex.database import parse_file

    entries = parse_file(str(references_path())).entries.values()
    titles = [entry.fields["title"] for entry in entries]
    assert len(titles) >= 20
    for title in titles:
        outside_braces = re.sub(r"\{[^{}]*\}", "", title)
        for name in ("Korea", "Kim", "Soviet", "North", "Chinese", "Mao"):
            assert not re.search(rf"\b{name}\b", outside_braces), f"unbraced {name!r} in {title!r}"


def test_an_unknown_key_is_named():
    with pytest.raises(KeyError, match="not a key"):
        references.short_citation("nobody2099")


def test_a_catalog_entry_that_names_an_outside_record_cites_it(refs):
    # A date or note resting on a Wilson Center record must let the reader open that record.
    docs = read_table("documents")
    for _, row in docs.iterrows():
        keys = references.source_keys(row["outside_sources"])
        assert set(keys) <= set(refs), f"Document No. {row['doc_no']}: {keys} not in the bib"
        text = f"{row['date_note']} {row['note']}"
        if "Wilson Center" in text:
            assert keys, f"Document No. {row['doc_no']} names a Wilson Center record, cites none"
