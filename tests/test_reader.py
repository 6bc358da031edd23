"""The document reader: highlighting agrees with the search, and the web gets a table."""

import pandas as pd
import pytest

from august1956 import load
from august1956.chapters.reader import document_reader, highlighted_html, keyword_counts


@pytest.fixture(scope="module")
def corpus():
    return load()


def test_every_match_the_search_finds_is_highlighted(corpus):
    for unit in ("doc21", "intro", "doc10"):
        hits = corpus.kwic("faction", units=[unit])
        assert highlighted_html(corpus, unit, "faction").count("<mark>") == len(hits)


def test_keyword_counts_add_up_to_the_search(corpus):
    counts = keyword_counts(corpus, "Yan’an")
    assert counts["matches"].sum() == len(corpus.kwic("Yan’an"))
    assert counts["matches"].is_monotonic_decreasing


def test_a_keyword_with_regex_characters_is_taken_literally(corpus):
    assert "<mark>[illegible]</mark>" in highlighted_html(corpus, "doc26", "[illegible]")


def test_the_built_book_gets_a_table_not_a_widget(corpus, monkeypatch):
    monkeypatch.setenv("AUGUST1956_STATIC", "1")
    view = document_reader(corpus, keyword="outside")
    assert isinstance(view, pd.DataFrame) and len(view) > 0
