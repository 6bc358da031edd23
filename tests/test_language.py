"""The term families on real corpus strings, and the usage tables built from them."""

import re

import pytest

from august1956.chapters import language
from august1956.text.corpus import load


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def hits(corpus):
    return language.term_hits(corpus)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Li Sangjo's letter as Person quotes it (introduction).
        ("declaring them ‘the anti-party Yan’an group’", ["anti-party Yan’an group"]),
        ("the so-called Yan’an group […] which in fact did not exist", ["so-called Yan’an group"]),
        # Document No. 21: the quotation mark sits between the qualifier and the noun.
        ("calling them the Yan’an “group.”", ["Yan’an “group"]),
        ("Korean Communists who had come from the USSR were called ‘the nepotist group’", None),
        ("Cde. Bobylev, the chief of the group of Soviet specialists", []),
    ],
)
def test_group_label_needs_a_political_qualifier(text, expected):
    # The corpus's normalised text has straight quotes; the family must work on both.
    for form in (text, text.replace("’", "'")):
        found = language.find_terms("group_label", form)
        if expected is None:
            assert found == ["nepotist group"]
        else:
            assert found == [e.replace("’", "'") if "'" in form else e for e in expected]


def test_faction_family_skips_dissatisfaction(corpus):
    raw = corpus.kwic(r"faction\w*")
    inside = raw[raw["left"].str.endswith("dissatis")]
    assert len(inside) >= 2, "the corpus has 'dissatisfaction' at least twice (notes, Doc 30)"
    family = corpus.kwic(language.family("faction").pattern)
    assert len(family) == len(raw) - len(inside)


def test_yanan_family_does_not_read_mikoyan_and(corpus):
    loose = corpus.kwic(r"yan.an")
    assert any("Miko" in left for left in loose["left"]), "the trap exists in the corpus"
    strict = corpus.kwic(language.family("yanan").pattern)
    assert not any(left.endswith("Miko") for left in strict["left"])
    assert "Chinese-Korean" in set(strict["match"])


def test_cult_family_finds_both_word_orders_and_not_difficulties(corpus):
    matches = set(corpus.kwic(language.family("cult").pattern)["match"].str.lower())
    assert matches == {"cult of personality", "personality cult"}


def test_every_hit_is_counted_once_per_family(corpus, hits):
    for key, fam in language.TERM_FAMILIES.items():
        by_regex = sum(
            len(re.findall(fam.pattern, t, re.IGNORECASE))
            for t in (corpus._norm[i] for i in range(len(corpus.paragraphs)))
        )
        assert (hits["family"] == key).sum() == by_regex, key


def test_historians_texts_are_kept_apart_from_the_documents(hits):
    historians = hits[hits["source"] == "historian"]
    assert set(historians["unit"]) <= {"intro", "article", "notes"}
    assert historians["date"].isna().all()
    assert set(historians["speaker"]) <= {"Person (historian)", "Shimotomai (historian)"}


def test_named_yanan_group_first_appears_in_li_sangjos_letter(hits):
    first = language.first_appearances(hits).set_index("term family")
    row = first.loc[language.family("group_label").short]
    assert row["where"].startswith("Document No. 21")
    assert row["speaker"] == "Li Sangjo"
    # The accusation of "factional" activity is older: Bak Changok reports it in March.
    faction = first.loc[language.family("faction").short]
    assert faction["first dated use"] == "12 Mar 1956"
    assert faction["speaker"] == "Bak Changok"


def test_no_document_names_a_soviet_or_yanan_faction(corpus):
    # Person's "Soviet"/"Yan'an" faction: the documents never join the two words.
    named = corpus.kwic(r"\b(?:Soviet|Yan'an)\W+factions?\b")
    assert set(named["unit"]) <= {"intro", "article", "notes"}
    assert len(named) > 0


def test_usage_table_counts_agree_with_the_hits(hits):
    table = language.usage_table(hits)
    assert table.to_numpy().sum() == len(hits)
    assert list(table.index[:2]) == ["Person, introduction", "Shimotomai, article"]
    assert (
        table.loc["Document No. 21", "named group"]
        == ((hits["unit"] == "doc21") & (hits["family"] == "group_label")).sum()
    )


def test_usage_rates_are_per_thousand_words(corpus, hits):
    rates = language.usage_rates(hits, corpus.unit_summary())
    words = corpus.unit_summary().set_index("unit")["words"]
    person_faction = (hits[(hits["unit"] == "intro") & (hits["family"] == "faction")]).shape[0]
    expected = person_faction / words["intro"] * 1000
    assert rates.loc[language.family("faction").short, "Person"] == pytest.approx(expected)


def test_chart_dropdown_switches_between_families(hits):
    fig = language.terms_chart(hits)
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == hits.loc[hits["source"] == "document", "family"].nunique()
    for button in buttons:
        visible = button.args[0]["visible"]
        assert len(visible) == len(fig.data) and any(visible)
    assert fig.layout.meta["alt"]


def test_unknown_family_says_which_exist():
    with pytest.raises(KeyError, match="choose one of"):
        language.family("factionalism")
