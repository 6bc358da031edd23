"""The figures table read as numbers, its comparison groups and the arithmetic they invite."""

import re

import pandas as pd
import pytest

from august1956.chapters import numbers
from august1956.tables.curated import read_table
from august1956.text.corpus import load
from august1956.text.source import CorpusError


@pytest.fixture(scope="module")
def figures():
    return numbers.read_figures()


def test_lost_digits_are_never_given_a_value(figures):
    lost = figures[figures["qualifier"] == "lost"]
    assert len(lost) > 0
    assert lost["value"].isna().all()
    assert set(lost["stated"]) == {"lost"}
    # Every lost figure's evidence really shows the lost-character mark or an ellipsis for it.
    assert all(("\ufffd" in e) or ("…" in e) for e in lost["evidence"])


def test_lost_figure_evidence_stands_in_the_corpus(figures):
    corpus = load()
    for _, row in numbers.lost_figures(figures).iterrows():
        where = row["where"]
        unit = f"doc{int(where.split()[-1]):02d}" if where.startswith("Document") else None
        assert corpus.find(row["the damaged words"], unit), row["the damaged words"]


def test_a_figure_with_a_value_is_not_marked_lost(tmp_path, figures):
    broken = numbers.read_table("figures")
    broken.loc[broken["qualifier"] == "lost", "value"] = "12"
    broken.to_csv(tmp_path / "figures.csv", index=False)
    with pytest.raises(CorpusError, match="fix the rows"):
        numbers.read_figures(tmp_path)


def test_convictions_for_other_crimes_differ_by_a_factor_of_ten(figures):
    table = numbers.disagreements(figures)
    other = table[table["group"].str.startswith("convicted-other-crimes")]
    assert sorted(other["value"]) == [1000, 10000]
    assert other["same_quantity"].all()
    # Both rows are in Document No. 21: the summary relays Li Sangjo, the letter is his.
    assert set(other["where"]) == {"Document No. 21"}
    assert any("relayed by the CPSU" in s for s in other["said_by"])


def test_suicides_130_and_about_300_are_flagged(figures):
    table = numbers.disagreements(figures)
    suicides = table[table["group"].str.startswith("suicides")]
    assert set(suicides["stated"]) == {"130", "about 300"}
    assert set(suicides["where"]) == {"Document No. 10", "Document No. 26"}


def test_a_total_and_its_parts_is_not_a_disagreement(figures):
    groups = numbers.comparable_groups(figures)
    prc = groups[groups["compare_key"] == "prc-supplies-dprk-1957"]
    assert set(prc["verdict"]) == {"total and parts"}
    assert "prc-supplies-dprk-1957 (yuan)" not in set(numbers.disagreements(figures)["group"])


def test_one_sentence_listing_prices_does_not_disagree_with_itself(figures):
    groups = numbers.comparable_groups(figures)
    per_kg = groups[groups["group"] == "market-prices-1956 (won per kilogram)"]
    assert len(per_kg) == 4  # meat (lost), fish, rice, potatoes
    assert set(per_kg["verdict"]) == {"one statement"}


def test_lost_figures_do_not_count_as_values(figures):
    groups = numbers.comparable_groups(figures)
    years = groups[groups["compare_key"] == "kim-partisans-end-year"]
    assert (years["qualifier"] == "lost").sum() == 1
    assert set(years["verdict"]) == {"agree"}


def test_one_in_300_of_nine_million_is_the_prisoner_total_not_the_convictions(figures):
    arithmetic = numbers.prison_arithmetic(figures)
    for version, part in arithmetic.groupby("version"):
        rows = part.set_index("count")["people"]
        implied = rows[[c for c in rows.index if c.startswith("implied")]].item()
        assert implied == rows["in prison (more than)"]
        assert not any("+" in c for c in rows.index), "the document never adds the counts up"
        assert rows["accused of counterrevolution"] < implied, version
        assert rows["convicted of other crimes (about)"] < implied, version
    # Computed a second way, from the raw table rather than the helper.
    raw = numbers.read_table("figures").set_index("figure_id")["value"]
    assert float(raw["doc21-letter-population"]) / float(raw["doc21-summary-criminal-ratio"]) == (
        float(raw["doc21-summary-prisoners"])
    )


def test_arithmetic_checks_recompute_the_stated_totals(figures):
    checks = numbers.arithmetic_checks(figures).set_index("check")
    assert checks.loc["PRC supplies for 1957 (Doc 16)", "follows"]
    assert "= 185 million yuan" in checks.loc["PRC supplies for 1957 (Doc 16)", "computed"]
    assert "= 5%" in checks.loc["grain collected against the plan (Doc 21)", "computed"]
    # Doc 21 never says that its accused and convicted make up the prisoner total, so that
    # sum is not a check the document invites.
    assert not any("convicted" in check for check in checks.index)


def test_one_in_refuses_a_zero_count():
    with pytest.raises(ValueError, match="must be positive"):
        numbers.one_in(9_000_000, 0)


@pytest.mark.parametrize(
    ("value", "high", "qualifier", "expected"),
    [
        (30000.0, None, "more than", "more than 30,000"),
        (100.0, 200.0, "range", "100–200"),
        (0.33, None, "about", "about 0.33"),
        (1e6, None, "rhetorical", "1,000,000 (a figure of speech)"),
    ],
)
def test_stated_value_reads_like_the_source(value, high, qualifier, expected):
    row = pd.Series({"value": value, "value_high": high, "qualifier": qualifier})
    assert numbers.stated_value(row) == expected


def test_charts_have_titles_alt_text_and_data(figures):
    table = numbers.disagreements(figures)
    for fig in [
        numbers.overview_chart(figures),
        numbers.prison_chart(numbers.prison_arithmetic(figures)),
        numbers.disagreements_chart(table),
        numbers.prices_chart(figures),
    ]:
        assert fig.layout.title.text and fig.layout.meta["alt"]
        assert sum(len(t.x) for t in fig.data if t.x is not None) > 0
    # The zero of "not one Soviet Korean" stays on the chart.
    xs = [x for t in numbers.disagreements_chart(table).data for x in t.x]
    assert 0 in xs


def test_only_rival_figures_for_one_quantity_count_as_a_contradiction(figures):
    table = numbers.disagreements(figures)
    rival = table[table["rival"]]
    assert set(rival["group"]) == {"convicted-other-crimes-1956 (people)"}
    assert rival["same_quantity"].all()
    kinds = table.drop_duplicates("group").set_index("group")["kind"]
    assert kinds["grain-procurement-plan-vs-actual (tons)"] == "a plan against its result"
    assert kinds["meetings-rhetorical (meetings)"].startswith("one figure of speech in two")


def test_a_new_group_of_differing_figures_must_be_classified(figures):
    broken = figures.copy()
    broken.loc[broken["figure_id"] == "doc10-suicides-north-pyeongan", "compare_key"] = "new-key"
    broken.loc[broken["figure_id"] == "doc26-suicides-grain", "compare_key"] = "new-key"
    with pytest.raises(CorpusError, match="DIFFERENCE_KINDS"):
        numbers.disagreements(broken)


def test_once_a_week_does_not_follow_from_somewhat_more_than_40_days(figures):
    checks = numbers.checks_table(numbers.arithmetic_checks(figures)).set_index("check")
    assert checks.loc["labor service 'once a week' (Doc 21)", "does it follow?"] == (
        "cannot be decided"
    )


def test_the_differences_chart_names_rows_in_words(figures):
    fig = numbers.disagreements_chart(numbers.disagreements(figures))
    labels = [y for t in fig.data for y in t.y]
    assert labels and not any(re.fullmatch(r"doc\d\d-[a-z0-9-]+", y) for y in labels)


def test_an_audience_the_document_never_names_says_so(figures):
    """Docs 1 and 10 never name the Soviet official who heard Bak Changok and Li Sangjo;
    the table names them (Filatov, Kurdyukov) from the archive's records and must say so,
    and a person named in the text must not be marked."""
    corpus = load()
    outside = numbers.audience_named_outside(figures, corpus)
    assert set(figures.loc[outside, "doc_no"].astype(str)) == {"1", "10"}
    assert set(figures.loc[outside, "audience"]) == {"filatov", "kurdyukov"}
    named = figures.copy()
    doc10 = named.index[named["unit"].eq("doc") & named["doc_no"].astype(str).eq("10")][0]
    named.loc[doc10, ["audience", "to_whom"]] = ["shcherbakov", "I. S. Shcherbakov"]
    table = numbers.speakers_table(named, corpus)
    marked = table[table["to whom"].str.endswith(f"({numbers.NAMED_OUTSIDE})")]
    assert f"I. S. Shcherbakov ({numbers.NAMED_OUTSIDE})" in marked["to whom"].tolist()
    # Ivanov, who wrote Doc 16 and is named in it, is not marked.
    assert "V. I. Ivanov" in table["to whom"].tolist()


def test_the_edition_and_chapter_9_say_each_figure_the_same_way():
    """One way to state a figure: the edition's words are chapter 9's with the unit added,
    and no qualifier of the table's vocabulary is shown as a word of its own."""
    from august1956.chapters.numbers import stated_value

    for _, row in read_table("figures").iterrows():
        bare, full = stated_value(row), stated_value(row, measure=True)
        assert not full.startswith(("ratio", "rhetorical", "range", "exact")), full
        if row["qualifier"] != "lost" and row["measure_unit"] not in {"year", "fraction"}:
            assert full.startswith(bare.removesuffix(" (a figure of speech)")), (bare, full)
