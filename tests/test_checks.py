"""Each check on the curated data, given a row that breaks it.

The real data passes every check, so a check that stopped working would pass the rest of
the suite unnoticed. Here each one meets a bad row and must name it.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from august1956 import CorpusError, load
from august1956.paths import data_dir
from august1956.tables import curated
from august1956.text import catalog, segment
from august1956.text.reading import Lexicon, unit_paragraphs
from august1956.text.source import read_csv_table, read_raw_lines


@pytest.fixture(scope="module")
def corpus():
    return load()


# -- evidence quotes stand in the unit their row names ------------------------------------


def test_a_quote_cited_to_the_wrong_document_is_named(corpus):
    evidence = curated.read_table("evidence")
    row = evidence[evidence["doc_no"] == "7"].iloc[[0]].copy()
    assert curated.evidence_problems(corpus, row) == []
    row["doc_no"] = "6"  # the same words, said to stand in Document No. 6
    (problem,) = curated.evidence_problems(corpus, row)
    assert problem.startswith(f"{row['evidence_id'].iloc[0]}: not found in doc06")


def test_a_quote_with_no_unit_is_named(corpus):
    evidence = curated.read_table("evidence").iloc[[0]].copy()
    evidence["doc_no"], evidence["unit"] = "", ""
    (problem,) = curated.evidence_problems(corpus, evidence)
    assert "no unit named" in problem


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, problem",
    [
        ("1944-05-01", "'1944-05-01'"),  # before the study's plausible years
        ("1961", "'1961'"),
        ("June 1956", "'June 1956'"),  # not ISO
        ("1956-02-30", "is not a calendar date"),
        ("1956-13", "'1956-13'"),
    ],
)
def test_a_date_outside_1945_1960_or_not_iso_or_impossible_is_named(value, problem):
    table = pd.DataFrame({"event_id": ["e1", "e2"], "date_start": ["1956-06", value]})
    (found,) = curated.date_problems(table, ["date_start"])
    assert found.startswith("e2: date_start=") and problem in found


def test_good_dates_pass():
    table = pd.DataFrame({"event_id": ["a", "b", "c"], "date_start": ["1945", "1956-06", ""]})
    assert curated.date_problems(table, ["date_start"]) == []


# -- the catalog: a header's date wins over the curated one ---------------------------------


@pytest.fixture(scope="module")
def segmented(corpus):
    lines = corpus.lines
    texts, kinds = lines["text"].tolist(), lines["kinds"].tolist()
    excerpts = segment.segment(read_raw_lines())
    return excerpts, unit_paragraphs(excerpts, texts, kinds, Lexicon.from_lines(texts))


def test_a_curated_date_against_the_header_is_refused(segmented):
    excerpts, paragraphs = segmented
    rows = catalog.read_curated()
    assert len(catalog.build_catalog(excerpts, paragraphs, rows)) == 22
    wrong = rows.copy()
    wrong.loc[1, "date"] = "1956-03-13"  # Document No. 1's header says 12 March
    with pytest.raises(CorpusError, match=r"Document No\. 1: the header dates it 1956-03-12"):
        catalog.build_catalog(excerpts, paragraphs, wrong)


# -- the attributions of headless fragments ---------------------------------------------------


@pytest.fixture
def attributions(tmp_path):
    """A copy of attributions.csv to break, and the function that reads it."""
    path = tmp_path / "attributions.csv"
    shutil.copy(data_dir() / "curation" / "attributions.csv", path)
    return path


def _edit_row(path, n, column, value):
    table = read_csv_table(path)
    table.loc[n - 1, column] = value
    table.to_csv(path, index=False)


def test_an_attribution_without_a_reason_is_refused(attributions):
    assert segment.read_attributions(attributions)
    _edit_row(attributions, 3, "reason", "  ")
    with pytest.raises(CorpusError, match=r"row 3 .*every attribution needs a reason"):
        segment.read_attributions(attributions)


def test_an_attribution_to_an_unknown_unit_is_refused(attributions):
    _edit_row(attributions, 2, "unit", "doc31")
    with pytest.raises(CorpusError, match=r"row 2 .*unknown unit 'doc31'; use intro, article"):
        segment.read_attributions(attributions)


def test_a_short_row_of_attributions_is_named_by_its_line(attributions):
    lines = attributions.read_text(encoding="utf-8").splitlines()
    lines[4] = "412,doc05,high"  # a field short
    attributions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"attributions\.csv, line 5: 3 fields where the header"):
        segment.read_attributions(attributions)


def test_a_table_that_is_not_utf8_is_named_by_its_line(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes("event_id,event\ne1,Kim abroad\ne2,Pyongyang caf\xe9\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"events\.csv, line 3: byte 0xe9 is not UTF-8"):
        read_csv_table(path)


# -- an editor's reading replaces only what the source lost ---------------------------------


def test_an_emendation_over_clean_text_is_refused(corpus):
    from august1956.text.emendations import place_emendations

    # e12 supplies the comma the damage erased after "Nam Il"; "meaning" before it came
    # through the damage clean.
    row = corpus.emendations[corpus.emendations["emendation_id"] == "e12"].copy()
    (good,) = place_emendations(corpus.paragraphs, row)
    assert good.reading == "[,]"
    row["reading"] = "[signifying] Nam Il[,] Gim Seunghwa,"
    with pytest.raises(CorpusError, match=r"e12: \[signifying\] would replace 'meaning'"):
        place_emendations(corpus.paragraphs, row)


# -- a cell that is not what its column holds, named before anything computes with it ---------


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("figures", "value", "30x", r"column value: '30x' is not a number"),
        ("figures", "doc_no", "seven", r"column doc_no: 'seven' is not a whole number"),
        ("events", "doc_no", "31", r"column doc_no: '31' is not a number from 1 to 30"),
        (
            "events",
            "date_start",
            "1956-02-30",
            r"column date_start: '1956-02-30' is not a day of the calendar",
        ),
        ("meetings", "date", "June 1956", r"column date: 'June 1956' is not what the column"),
    ],
)
def test_a_bad_cell_is_named_by_file_line_and_column(tmp_path, table, column, value, message):
    shutil.copytree(data_dir(), tmp_path / "data")
    path = tmp_path / "data" / f"{table}.csv"
    rows = read_csv_table(path)
    rows.loc[2, column] = value
    rows.to_csv(path, index=False)
    with pytest.raises(CorpusError, match=rf"{table}\.csv, line 4, {message}"):
        curated.read_table(table, tmp_path / "data")
