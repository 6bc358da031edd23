"""The crosswalk to the Wilson Center Digital Archive: its rows, and each check on a row
made to fail it."""

import shutil

import pytest

from august1956.paths import data_dir
from august1956.tables import archive
from august1956.text.corpus import load
from august1956.text.source import CorpusError


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def tables():
    return archive.read_crosswalk()


def test_the_crosswalk_has_no_problem(corpus, tables):
    records, disagreements = tables
    problems = archive.crosswalk_problems(corpus, records, disagreements)
    assert not problems, "\n".join(problems)


def test_every_document_has_a_record_or_a_stated_none_found(corpus, tables):
    records, _ = tables
    covered = set(records["doc_no"].astype(int))
    assert covered == set(corpus.documents["doc_no"].astype(int))
    none = records[records["status"] == archive.NONE_FOUND]
    assert none["searched"].str.strip().ne("").all()


def test_every_url_is_an_https_address_of_the_archive(tables):
    records, _ = tables
    found = records[records["status"] == archive.FOUND]
    assert [u for u in found["url"] if archive.url_problem(u)] == []
    assert [u for u in found["seen_at"] if u and archive.url_problem(u, archive=False)] == []


def test_every_disagreement_gives_two_different_readings(tables):
    _, disagreements = tables
    assert set(disagreements["kind"]) <= set(archive.DISAGREEMENT_KINDS)
    assert (disagreements["evidence"] != disagreements["record_reading"]).all()


# -- each check, shown failing on a row made to break it --------------------------------


def _one(records, record_id):
    return records.index[records["record_id"] == record_id][0]


def test_a_url_that_is_not_https_on_the_archive_fails(corpus, tables):
    records, disagreements = tables
    bad = records.copy()
    i = _one(bad, "doc02-remarks-draft-statutes")
    bad.loc[i, "url"] = "http://digitalarchive.wilsoncenter.org/document/111638"
    problems = archive.crosswalk_problems(corpus, bad, disagreements)
    assert any("doc02-remarks-draft-statutes: url" in p and "not https" in p for p in problems)
    bad.loc[i, "url"] = "https://wilson-center-digital-archive.example.com/document/111638"
    problems = archive.crosswalk_problems(corpus, bad, disagreements)
    assert any("not on digitalarchive.wilsoncenter.org" in p for p in problems)


def test_an_evidence_line_not_in_the_corpus_fails(corpus, tables):
    records, disagreements = tables
    bad = records.copy()
    i = _one(bad, "doc09-ivanov-gim-seunghwa")
    # the record's spelling, not the corpus's: it must not pass for the corpus's words
    bad.loc[i, "evidence"] = "Kim Sung-hwa, whom I had invited to dinner"
    problems = archive.crosswalk_problems(corpus, bad, disagreements)
    assert any(p.startswith("doc09-ivanov-gim-seunghwa: not found in doc09") for p in problems)
    # a line that stands in the corpus, but in another document
    bad.loc[i, "evidence"] = "I received Bak Uiwan at his request"
    problems = archive.crosswalk_problems(corpus, bad, disagreements)
    assert any(p.startswith("doc09-ivanov-gim-seunghwa: not found in doc09") for p in problems)


def test_a_document_left_out_fails(corpus, tables):
    records, disagreements = tables
    bad = records[records["doc_no"].astype(int) != 17]
    problems = archive.crosswalk_problems(corpus, bad, disagreements)
    assert "Document 17: neither a record nor a 'none found' row" in problems


def test_a_relation_outside_the_vocabulary_fails(corpus, tables):
    records, disagreements = tables
    bad = records.copy()
    bad.loc[_one(bad, "doc29-bak-uiwan"), "relation"] = "similar"
    problems = archive.crosswalk_problems(corpus, bad, disagreements)
    assert any(p.startswith("doc29-bak-uiwan: relation 'similar'") for p in problems)


def test_a_none_found_row_without_its_searches_fails(corpus, tables):
    records, disagreements = tables
    bad = records.copy()
    bad.loc[_one(bad, "doc07-none"), "searched"] = ""
    problems = archive.crosswalk_problems(corpus, bad, disagreements)
    assert any(p.startswith("doc07-none: a 'none found' row must say") for p in problems)


def test_a_disagreement_on_a_record_of_another_document_fails(corpus, tables):
    records, disagreements = tables
    bad = disagreements.copy()
    i = bad.index[bad["disagreement_id"] == "doc30-date-report"][0]
    bad.loc[i, "record_id"] = "doc29-bak-uiwan"
    problems = archive.crosswalk_problems(corpus, records, bad)
    assert "doc30-date-report: record 'doc29-bak-uiwan' is of another document" in problems
    bad.loc[i, "record_id"] = "doc30-cpsu-report"
    bad.loc[i, "record_reading"] = bad.loc[i, "evidence"]
    problems = archive.crosswalk_problems(corpus, records, bad)
    assert any(p.startswith("doc30-date-report: both readings are the same") for p in problems)


def test_a_bad_cell_stops_the_reading_with_the_file_and_line(tmp_path):
    root = tmp_path / "data"
    (root / "schemas").mkdir(parents=True)
    for name in (archive.RECORDS, archive.DISAGREEMENTS):
        shutil.copy(data_dir() / f"{name}.csv", root / f"{name}.csv")
        schema = f"{name}.schema.json"
        shutil.copy(data_dir() / "schemas" / schema, root / "schemas" / schema)
    path = root / f"{archive.RECORDS}.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",same pages,", ",identical,", 1), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"archive_records\.csv, line \d+, column relation"):
        archive.read_crosswalk(root)


# -- the edition's pages show them -------------------------------------------------------


def test_each_document_page_shows_its_records_or_none_found_and_its_disagreements(corpus, tables):
    from august1956.edition import pages

    records, disagreements = tables
    ctx = pages.build_context(corpus, pages.BOOK_DIR)
    for unit in corpus.units:
        if not unit.startswith("doc"):
            continue
        page = pages.unit_page(corpus, unit, ctx)
        section = page.split("## In the Wilson Center Digital Archive", 1)
        assert len(section) == 2, f"{unit}: no section on the archive"
        section = section[1].split("\n## ", 1)[0]
        rows = records[records["doc_no"].astype(int) == int(unit[3:])]
        for _, row in rows.iterrows():
            if row["status"] == archive.FOUND:
                assert f"]({row['url']})" in section, (unit, row["record_id"])
                assert "not found in this text" not in section, unit
            else:
                assert "No record of this document was found" in section, unit
        for _, row in disagreements[
            disagreements["doc_no"].astype(int) == int(unit[3:])
        ].iterrows():
            assert f"“{pages.md_escape(row['record_reading'])}”" in section, row["disagreement_id"]
            assert pages.md_escape(row["evidence"]) in section, row["disagreement_id"]


def test_the_chronology_lists_each_date_disagreement_with_both_readings(corpus, tables):
    from august1956.chapters import chronology

    records, disagreements = tables
    text = chronology.archive_dates(corpus, records, disagreements)
    dates = disagreements[disagreements["kind"] == "date"]
    assert not dates.empty
    for _, row in dates.iterrows():
        assert f"“{row['evidence']}”" in text, row["disagreement_id"]
        assert f"“{row['record_reading']}”" in text, row["disagreement_id"]
        assert f"]({records.set_index('record_id').loc[row['record_id'], 'url']})" in text
    others = disagreements[disagreements["kind"] != "date"]
    for reading in others["record_reading"]:
        assert reading not in text
