"""Who's who: mention counts, the corpus's own spellings, the searchable table."""

import re

import pandas as pd
import pytest

from august1956 import CorpusError, load
from august1956.chapters.whoswho import (
    background_totals,
    corpus_forms,
    inconsistent_spellings,
    labels_table,
    mention_table,
    people_html,
    unit_texts,
)
from august1956.tables.curated import read_table
from august1956.tables.people import mention_counts


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def people():
    return read_table("people")


@pytest.fixture(scope="module")
def mentions(corpus, people):
    return mention_table(corpus, people)


def test_document_mentions_agree_with_the_per_unit_mention_index(corpus, people, mentions):
    per_unit = mention_counts(unit_texts(corpus), people)
    docs = per_unit[per_unit.index.str.startswith("doc")]
    expected = docs.sum()
    got = mentions.set_index("person_id")["in_documents"]
    assert (got == expected[got.index]).all()
    assert (mentions.set_index("person_id")["documents"] == (docs > 0).sum()[got.index]).all()


def test_a_rare_spelling_is_counted_as_often_as_a_plain_search_finds_it(corpus, people):
    forms = corpus_forms(corpus, people)
    sunghwa = forms[forms["form"] == "Gim Sunghwa"]
    assert sunghwa["count"].sum() == len(corpus.kwic(r"Gim\s+Sunghwa"))
    assert sunghwa["units"].item() == "Shimotomai, notes"


def test_initials_and_short_forms_are_not_different_spellings(corpus, people):
    table = inconsistent_spellings(corpus_forms(corpus, people), people)
    ids = set(table["person_id"])
    assert {"gim-seunghwa", "fedorenko", "gim-changman"} <= ids
    # "Mao" for "Mao Zedong", "N. S. KHRUSHCHEV" for "Khrushchev": one spelling each.
    assert not {"mao-zedong", "khrushchev", "ivanov"} & ids


def test_every_person_has_one_anchored_row_and_the_filter_is_labelled(people, mentions):
    page = people_html(people, mentions)
    ids = re.findall(r'<tr id="([^"]+)"', page)
    assert ids == list(people["person_id"])
    for control in ("whoswho-filter", "whoswho-background"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page
    assert "http" not in page.split("<script>")[1], "the filter must not load anything"


def test_names_with_markup_characters_are_escaped(mentions):
    row = pd.DataFrame(
        [
            {
                "person_id": "x",
                "name": "<b>X</b>",
                "variants": "",
                "side": "other",
                "background": "other",
                "role_1956": "",
                "faction_label": "",
                "labelled_by": "",
                "fate_1956_57": "",
            }
        ]
    )
    page = people_html(row, pd.DataFrame({"person_id": ["x"], "in_documents": [0]}))
    assert "&lt;b&gt;X&lt;/b&gt;" in page and "<b>X</b>" not in page


def test_background_totals_leave_the_historians_out(people, mentions):
    totals = background_totals(mentions, people)
    assert totals["people"].sum() == len(people) - 4
    historians = mentions["person_id"].isin(["lankov", "szalontai", "person", "shimotomai"])
    expected = mentions.loc[~historians, "in_historians"].sum()
    assert totals["in_historians"].sum() == expected


def test_labels_table_keeps_only_labelled_people_and_names_where(people):
    table = labels_table(people)
    assert len(table) == int((people["faction_label"] != "").sum())
    assert table.set_index("name").loc["Bak Yeongbin", "where"] == "Document No. 1"


def test_a_table_that_is_not_the_people_table_is_refused(mentions):
    with pytest.raises(CorpusError, match="read_table"):
        people_html(pd.DataFrame({"name": ["x"]}), mentions)
