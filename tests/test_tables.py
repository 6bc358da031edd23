"""The curated tables: every evidence quote is in the corpus, every id resolves."""

import json

import pandas as pd
import pytest

from august1956.paths import data_dir
from august1956.tables import curated
from august1956.text.corpus import load

PRESENT = curated.available_tables()


@pytest.fixture(scope="module")
def corpus():
    return load()


def need(name):
    if name not in PRESENT:
        pytest.fail(f"data/{name}.csv is missing")
    return curated.read_table(name)


def test_all_six_tables_exist():
    assert set(PRESENT) == set(curated.TABLES)


@pytest.mark.parametrize("name", curated.TABLES)
def test_every_evidence_quote_is_verbatim_in_its_unit(corpus, name):
    table = need(name)
    if name == "claims":
        # a claim quoted from a historian's text that is in the corpus (intro, article, notes)
        table = table[table["unit"] != ""].rename(columns={"quote": "evidence"})
    if name == "events":
        table = table[table["source_type"] == "corpus"]
    if name == "people":
        table = table.rename(columns={"evidence_unit": "unit", "evidence_doc_no": "doc_no"})
    problems = curated.evidence_problems(corpus, table)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", curated.TABLES)
def test_ids_are_unique(name):
    table = need(name)
    id_col = table.columns[0]
    assert table[id_col].str.strip().ne("").all()
    assert table[id_col].is_unique, table[id_col][table[id_col].duplicated()].tolist()


def test_person_ids_used_anywhere_resolve():
    people = set(need("people")["person_id"])
    meetings = need("meetings")
    used = set()
    for col in ("participants", "recorder", "initiated_by"):
        for cell in meetings[col]:
            used.update(p for p in cell.split(";") if p)
    figures = need("figures")
    used.update(p for p in figures.get("speaker", pd.Series(dtype=str)) if p)
    docs = pd.read_csv(data_dir() / "documents.csv", dtype=str, keep_default_na=False)
    for col in ("recorder", "interlocutors"):
        for cell in docs[col]:
            used.update(p for p in cell.split(";") if p)
    assert not used - people, sorted(used - people)


def test_document_numbers_and_claim_ids_resolve(corpus):
    docs = set(corpus.documents["doc_no"].astype(int))
    for name in ("meetings", "figures", "evidence", "events"):
        table = need(name)
        nums = {int(float(d)) for d in table.get("doc_no", []) if str(d).strip()}
        assert nums <= docs, (name, sorted(nums - docs))
    claims = set(need("claims")["claim_id"])
    assert set(need("evidence")["claim_id"]) <= claims


def test_dates_parse_and_fall_in_1945_1960():
    problems = []
    problems += curated.date_problems(need("meetings"), ["date"])
    problems += curated.date_problems(need("events"), ["date_start", "date_end"])
    problems += curated.date_problems(need("figures"), ["as_of"])
    assert not problems, problems


def test_each_historian_has_claims_and_evidence_both_ways():
    claims = need("claims")
    evidence = need("evidence").merge(claims[["claim_id", "historian"]], on="claim_id")
    for historian in ("lankov", "szalontai", "person", "shimotomai"):
        assert (claims["historian"] == historian).sum() >= 6, historian
        rel = evidence.loc[evidence["historian"] == historian, "relation"]
        assert (rel == "supports").any(), historian
        assert rel.isin(["complicates", "contradicts"]).any(), historian


def test_evidence_relations_use_the_controlled_vocabulary():
    assert set(need("evidence")["relation"]) <= {"supports", "complicates", "contradicts"}


def test_the_data_package_validates_every_table(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    descriptor = curated.datapackage()
    names = {r["name"] for r in descriptor["resources"]}
    assert set(curated.TABLES) <= names
    path = data_dir() / "datapackage.json"
    assert json.loads(path.read_text(encoding="utf-8")) == descriptor, (
        "data/datapackage.json is stale: run `python -m august1956 build-data`"
    )
    report = frictionless.validate(str(path))
    errors = [e.message for task in report.tasks for e in task.errors][:10]
    assert report.valid, errors


def test_a_curated_row_with_a_missing_field_is_a_clear_error(tmp_path):
    # pandas alone would pad the short row with an empty cell and say nothing.
    lines = (data_dir() / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0]
    (tmp_path / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from august1956.text.source import CorpusError

    with pytest.raises(
        CorpusError, match=r"events\.csv, line 2: 11 fields where the header has 12"
    ):
        curated.read_table("events", root=tmp_path)


def test_quoted_translations_keep_their_holders_terms():
    """Each table that quotes the CWIHP's translations says which columns, under what terms."""
    descriptor = curated.datapackage()
    for resource in descriptor["resources"]:
        quoted = curated.QUOTED_COLUMNS.get(resource["name"], [])
        fields = {f["name"] for f in resource["schema"]["fields"]}
        assert set(quoted) <= fields, (resource["name"], set(quoted) - fields)
        terms = [lic.get("title", "") for lic in resource["licenses"]]
        if quoted:
            assert any("rights holders' terms" in t for t in terms), resource["name"]
            assert all(f"`{c}`" in resource["description"] for c in quoted), resource["name"]
        else:
            assert len(terms) == 1, resource["name"]
    assert descriptor["licenses"] == [curated.OWN_LICENSE]


def test_the_evidence_columns_are_the_ones_named_as_quoted():
    """Every column the suite checks word for word against the corpus is marked as quoted."""
    verbatim = {
        "people": "evidence",
        "meetings": "evidence",
        "events": "evidence",
        "figures": "evidence",
        "claims": "quote",
        "evidence": "evidence",
    }
    for name, column in verbatim.items():
        assert column in curated.QUOTED_COLUMNS[name], name
