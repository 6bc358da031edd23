"""The debate module: claims against evidence, on the real tables and the real corpus."""

import pandas as pd
import pytest

from august1956.chapters import debate
from august1956.text.corpus import load
from august1956.text.source import CorpusError


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def tables():
    return debate.read_debate()


@pytest.fixture(scope="module")
def cited(corpus, tables):
    claims, evidence = tables
    return debate.cite_evidence(corpus, claims, evidence)


def test_every_evidence_row_is_located_in_the_unit_it_names(cited, tables):
    _, evidence = tables
    assert len(cited) == len(evidence)
    for _, row in cited.iterrows():
        assert row["label"].startswith(debate.unit_label(row["where"]) + ", ¶"), row["evidence_id"]
        assert row["anchor"], row["evidence_id"]


def test_tally_counts_every_row_once_and_agrees_with_a_plain_count(cited, tables):
    _, evidence = tables
    table = debate.tally(cited)
    assert table["total"].sum() == len(evidence)
    by_prefix = evidence["evidence_id"].str.split("-").str[0].value_counts()
    assert table["total"].to_dict() == by_prefix.to_dict()
    for relation in debate.RELATIONS:
        assert table[relation].sum() == (evidence["relation"] == relation).sum()


def test_every_historian_faces_passages_against_them(cited):
    table = debate.tally(cited)
    assert (table["complicates"] + table["contradicts"] > 0).all()


def test_matrix_has_every_claim_and_one_cell_per_claim_and_unit(cited, tables):
    claims, _ = tables
    matrix = debate.evidence_matrix(cited, claims)
    assert list(matrix.index) == [
        c for h in debate.HISTORIANS for c in debate.claims_of(claims, h)["claim_id"]
    ]
    pairs = cited.drop_duplicates(["claim_id", "where"])
    assert int((matrix != "").to_numpy().sum()) == len(pairs)


def test_a_cell_with_disagreeing_passages_is_mixed(cited, tables):
    claims, _ = tables
    matrix = debate.evidence_matrix(cited, claims)
    # lankov-01 has a contradicting and a complicating passage in Li Sangjo's letter (No. 21).
    rows = cited[(cited["claim_id"] == "lankov-01") & (cited["where"] == "doc21")]
    assert set(rows["relation"]) == {"contradicts", "complicates"}
    assert matrix.loc["lankov-01", "doc21"] == "mixed"


def test_matrix_columns_run_in_date_order_with_undated_last(cited):
    columns = debate.matrix_columns(cited)
    when = cited.drop_duplicates("where").set_index("where")["when"]
    dated = [when[c] for c in columns if c.startswith("doc") and pd.notna(when[c])]
    assert dated == sorted(dated)
    assert columns[-1] in debate.HISTORIAN_VOICES


def test_month_dates_sort_after_the_days_early_in_that_month(corpus):
    dates = debate.document_dates(corpus.documents).set_index("unit")
    assert dates.loc["doc09", "precision"] == "month"
    assert dates.loc["doc07", "when"] < dates.loc["doc09", "when"] < dates.loc["doc10", "when"]


def test_label_uses_skip_dissatisfaction_and_engineers(corpus):
    uses = debate.label_uses(corpus)
    assert not uses["match"].str.lower().str.contains("dissatis").any()
    everything = corpus.kwic(r"faction")
    assert len(everything) > len(corpus.kwic(r"\bfaction"))  # "dissatisfaction" exists
    # Document 7's "group of Soviet specialists" is not a label.
    assert "doc07" not in set(uses["unit"])


def test_label_uses_in_the_documents_are_the_ones_a_reader_finds(corpus):
    # Read off the edition by hand: every "faction" word and every named "group" in
    # the documents of 1956-57, and whose words they are.
    uses = debate.label_uses(corpus)
    in_docs = uses[uses["unit"].str.startswith("doc")]
    found = in_docs.groupby(["unit", "voice"]).size().to_dict()
    assert found == {
        ("doc01", "Bak Changok"): 1,
        ("doc21", "Li Sangjo"): 7,
        ("doc26", "Li Sangjo"): 3,
        ("doc30", "Soviet officials' own text"): 1,
    }
    assert sorted(in_docs.loc[in_docs["unit"] == "doc21", "match"].str.lower()) == [
        "anti-party group",
        *["factional"] * 5,
        "yan'an \"group",
    ]


def test_historians_use_the_labels_more_than_the_documents(corpus):
    uses = debate.label_uses(corpus)
    in_docs = uses["unit"].str.startswith("doc").sum()
    assert len(uses) - in_docs > in_docs


def test_claim_quotes_render_with_library_labels(corpus, tables):
    claims, _ = tables
    text = debate.claim_quote_markdown(corpus, claims, "szalontai-01")
    assert text.endswith("— [Person, introduction, ¶2](intro-p2)")


def test_a_claim_without_a_corpus_quote_says_to_cite_the_work(corpus, tables):
    claims, _ = tables
    with pytest.raises(CorpusError, match="cite the work"):
        debate.claim_quote_markdown(corpus, claims, "lankov-03")


@pytest.mark.parametrize(
    ("relation", "reasoning", "quote", "error"),
    [
        # an invented quote
        (
            "supports",
            "Bak wanted Kim gone.",
            "Bak Changok wanted to overthrow Kim Il Sung",
            "verbatim",
        ),
        # an unknown relation
        (
            "proves",
            "Bak expected support.",
            "support from individual members of the presidium",
            "not one of",
        ),
    ],
    ids=["invented-quote", "unknown-relation"],
)
def test_a_bad_reader_row_is_refused(corpus, tables, relation, reasoning, quote, error):
    claims, evidence = tables
    with pytest.raises(CorpusError, match=error):
        debate.add_evidence(
            corpus,
            claims,
            evidence,
            claim_id="lankov-01",
            unit="doc13",
            relation=relation,
            reasoning=reasoning,
            quote=quote,
        )


def test_a_reader_row_joins_the_matrix(corpus, tables):
    claims, evidence = tables
    more = debate.add_evidence(
        corpus,
        claims,
        evidence,
        claim_id="szalontai-06",
        unit="doc26",
        relation="complicates",
        reasoning="Li Sangjo himself compares Korea with fraternal parties.",
        quote="In Germany, 20,000 imprisoned people were set free",
    )
    matrix = debate.evidence_matrix(debate.cite_evidence(corpus, claims, more), claims)
    assert matrix.loc["szalontai-06", "doc26"] == "complicates"


def test_charts_carry_title_alt_text_and_data(cited, tables, corpus):
    claims, _ = tables
    figures = [
        debate.evidence_timeline(cited, "lankov"),
        debate.tally_chart(cited),
        debate.matrix_heatmap(cited, claims),
        debate.label_timeline(debate.label_uses(corpus)),
    ]
    for fig in figures:
        assert fig.layout.title.text
        assert fig.layout.meta["alt"]
        assert any(len(t.x) > 0 for t in fig.data if t.x is not None)


def test_every_passage_gets_its_excerpts_attribution(corpus, cited):
    sources = debate.evidence_sources(corpus, cited)
    assert sources["attribution"].isin(["high", "medium", "low"]).all()
    # Two ways: a passage in a headless fragment cannot be rated better than its unit's weakest.
    weakest = corpus.unit_summary().set_index("unit")["weakest attribution"]
    rank = {"high": 0, "medium": 1, "low": 2}
    for _, row in sources.iterrows():
        assert rank[row["attribution"]] <= rank[weakest[row["where"]]], row["evidence_id"]


def test_the_historians_texts_are_their_own_party(corpus, cited):
    sources = debate.evidence_sources(corpus, cited)
    intro = sources[sources["where"] == "intro"]
    assert (intro["party"] == "Person (historian)").all()
    assert (intro["kind"] == "historian's text").all()


def test_a_voice_has_the_same_colour_in_chapters_7_and_8(corpus):
    from august1956.chapters import language

    def colours(fig):
        return {t.name: t.marker.color for t in fig.data if t.name}

    faction = colours(debate.label_timeline(debate.label_uses(corpus)))
    terms = colours(language.terms_chart(language.term_hits(corpus)))
    shared = set(faction) & set(terms)
    assert {"Bak Changok", "Li Sangjo"} <= shared
    assert {v: faction[v] for v in shared} == {v: terms[v] for v in shared}
    # the Soviet side's own words are grey in both
    assert faction["Soviet officials' own text"] == terms["Soviet officials' own text"]
