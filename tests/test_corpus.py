"""The generated files and the load() API that the chapters use."""

import re
import subprocess
import sys

import pytest

from august1956 import build
from august1956.text.corpus import load, normalize
from august1956.text.emendations import bracket_spans
from august1956.text.source import CorpusError


@pytest.fixture(scope="module")
def corpus():
    return load()


def test_generated_files_are_not_stale():
    stale = build.stale_files()
    assert not stale, f"run `python -m august1956 build-data` and commit: {stale}"


def test_repaired_text_has_one_line_per_raw_line(corpus):
    lines = corpus.lines
    assert len(lines) == 2631
    assert all(len(t) == len(k) for t, k in zip(lines["text"], lines["kinds"], strict=True))


def test_paragraph_provenance_codes_cover_every_character(corpus):
    for text, kinds in zip(corpus.paragraphs["text"], corpus.paragraphs["kinds"], strict=True):
        assert len(text) == len(kinds)
        assert set(kinds) <= set("cril")


def test_lost_marks_survive_into_the_reading_text(corpus):
    lost_in_lines = sum(t.count("\ufffd") for t in corpus.lines["text"])
    lost_in_paragraphs = sum(t.count("\ufffd") for t in corpus.paragraphs["text"])
    furniture = corpus.lines[corpus.lines["unit"] == "furniture"]
    assert lost_in_paragraphs == lost_in_lines - sum(t.count("\ufffd") for t in furniture["text"])


def test_catalog_has_one_row_per_document_in_the_corpus(corpus):
    docs = corpus.documents
    assert docs["doc_no"].is_unique
    units = {u for u in corpus.excerpts["unit"] if u.startswith("doc")}
    assert {f"doc{n:02d}" for n in docs["doc_no"]} == units


def test_catalog_reads_surviving_headers(corpus):
    doc16 = corpus.documents.loc[16]
    assert doc16["date"] == "1956-09-04"
    assert (doc16["fond"], doc16["opis"], doc16["delo"], doc16["listy"]) == (
        "5",
        "28",
        "410",
        "322-325",
    )
    assert doc16["translated_by"] == "James F. Person"
    doc26 = corpus.documents.loc[26]
    assert doc26["archive"] == "Library of Congress"
    assert doc26["translated_by"] == "Choe Lyong"


def test_catalog_dates_are_iso_and_in_range(corpus):
    for d in corpus.documents["date"]:
        if d:
            assert "1956-01" <= d[:7] <= "1957-12", d


def test_a_quote_is_cited_with_its_document_and_paragraph(corpus):
    c = corpus.cite("help is needed from the outside")
    assert c.unit == "doc10"
    assert c.label.startswith("Document No. 10, ¶")
    assert c.href().startswith("documents/doc10.html#doc10-p")


def test_an_ellipsis_joins_two_verbatim_parts(corpus):
    quote = "Bak Uiwan noted that Kim Il Sung … proportions need to be considered"
    assert [c.unit for c in corpus.find(quote)] == ["doc06"]


def test_a_quote_that_is_not_in_the_corpus_is_a_clear_error(corpus):
    with pytest.raises(CorpusError, match="not in the repaired corpus"):
        corpus.cite("Kim Il Sung resigned in August")


def test_quotes_compare_without_typographic_differences():
    assert normalize("Kim’s  “Soviet”\nfaction") == 'Kim\'s "Soviet" faction'


def test_kwic_finds_the_faction_vocabulary_with_references(corpus):
    hits = corpus.kwic(r"Yan.an group")
    assert len(hits) >= 2
    assert set(hits.columns) >= {"unit", "label", "anchor", "left", "match", "right"}


def test_emendations_replace_only_what_the_source_lost(corpus):
    paragraphs = corpus.paragraphs
    for _, row in corpus.emendations.iterrows():
        shows, reading = row["shows"], row["reading"]
        assert "\ufffd" not in reading, row["emendation_id"]
        text = corpus.text(row["unit"], emend=False)
        assert text.count(shows) == 1, row["emendation_id"]
        assert reading in corpus.text(row["unit"])
        # each bracket stands for characters the source lost or the repair inferred
        para = next(
            t for t in paragraphs[paragraphs["unit"] == row["unit"]].itertuples() if shows in t.text
        )
        offset = para.text.index(shows)
        for start, end, _ in bracket_spans(shows, reading):
            kinds = para.kinds[offset + start : offset + end]
            assert kinds and set(kinds) <= {"l", "i"}, (row["emendation_id"], kinds)


def test_kwic_matches_curly_and_straight_apostrophes_alike(corpus):
    assert len(corpus.kwic("Yan’an")) == len(corpus.kwic("Yan'an")) > 10


def test_a_malformed_emendations_table_is_a_clear_error(tmp_path):
    from august1956.text.corpus import _read_emendations

    path = tmp_path / "emendations.csv"
    path.write_text(
        "emendation_id,unit,line,shows,reading,certainty,reasoning\n"
        "e1,article,287,cadres: the,cadres[,] the,probable,a comma, unquoted\n",
        encoding="utf-8",
    )
    with pytest.raises(
        CorpusError, match=r"emendations\.csv, line 2: 9 fields where the header has 7"
    ):
        _read_emendations(path)


def test_every_passage_an_emendation_quotes_is_in_the_corpus(corpus):
    # The reasoning argues from the document: what it quotes must be there, as repaired.
    text = " ".join(" ".join(corpus.text(u, emend=False) for u in corpus.units).split())
    quote = re.compile(r'"([^"]+)"|(?<![A-Za-z])\'([^\']+)\'(?![A-Za-z])')
    checked = 0
    for _, row in corpus.emendations.iterrows():
        for m in quote.finditer(row["reasoning"]):
            passage = " ".join((m.group(1) or m.group(2)).split())
            assert passage in text, (row["emendation_id"], passage)
            checked += 1
    assert checked >= len(corpus.emendations)


def copy_of_data(tmp_path):
    import shutil

    from august1956.paths import data_dir

    root = tmp_path / "data"
    shutil.copytree(data_dir(), root)
    return root


def test_a_generated_file_cut_short_is_named_not_read(tmp_path):
    # A CSV cut at a row boundary used to load as 9 of 22 documents without a word.
    from august1956.text.corpus import Corpus

    root = copy_of_data(tmp_path)
    docs = root / "documents.csv"
    docs.write_text("".join(docs.read_text(encoding="utf-8").splitlines(True)[:10]))
    with pytest.raises(CorpusError, match=r"documents\.csv is not the file build-data") as err:
        Corpus(root)
    assert "python -m august1956 build-data" in str(err.value)
    (root / "corpus" / "manifest.json").unlink()
    with pytest.raises(CorpusError, match="manifest.json is missing"):
        Corpus(root)


def test_build_data_changes_nothing_when_a_write_fails(tmp_path, monkeypatch):
    # A full disk used to leave repaired.txt cut short beside files of the old build.
    from pathlib import Path

    from august1956 import build

    root = copy_of_data(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files = {rel: content + "changed\n" for rel, content in build.generate().items()}
    real_write, written = Path.write_text, []

    def fail_on_third(self, *args, **kwargs):
        written.append(self)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", fail_on_third)
    with pytest.raises(CorpusError, match="nothing was changed"):
        build.write_files(files, root)
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before


def test_build_data_writes_the_manifest_last(tmp_path):
    from august1956 import build

    root = copy_of_data(tmp_path)
    order = build.write_files(build.generate(), root)
    assert order[-1] == root / build.MANIFEST
    assert not list(root.rglob("*.tmp"))


# -- chapter 1's two charts, checked against the files themselves ----------------------------


def test_the_damage_chart_counts_every_damaged_line_once(corpus):
    from august1956.chapters import charts
    from august1956.paths import data_dir, raw_path

    raw = raw_path().read_text(encoding="utf-8").split("\n")
    repaired = (data_dir() / "corpus" / "repaired.txt").read_text(encoding="utf-8").split("\n")
    nonblank = [(a, b) for a, b in zip(raw, repaired, strict=False) if a.strip()]
    fig = charts.damage_chart(corpus.lines)
    damaged, total = zip(*fig.data[0].customdata, strict=True)
    assert sum(total) == len(nonblank)
    assert sum(damaged) == sum(a != b for a, b in nonblank) > 100
    # a bar's height is its share of damaged lines, in per cent
    for y, (d, n) in zip(fig.data[0].y, fig.data[0].customdata, strict=True):
        assert y == pytest.approx(100 * d / n)


def test_the_survival_chart_has_one_bar_per_document_coloured_by_its_header():
    import csv

    from august1956.chapters import charts
    from august1956.paths import data_dir

    with (data_dir() / "documents.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fig = charts.survival_chart(load().documents)
    bars = {
        trace.name: dict(zip(trace.x, trace.y, strict=True))
        for trace in fig.data
        if trace.type == "bar"
    }
    header = {
        f"No. {r['doc_no']}": int(r["n_words"]) for r in rows if r["header_present"] == "True"
    }
    headless = {
        f"No. {r['doc_no']}": int(r["n_words"]) for r in rows if r["header_present"] != "True"
    }
    assert bars["header survives"] == header
    assert bars["headless: attributed by inference"] == headless
    assert len(header) + len(headless) == len(rows) == 22
    # the alt text's longest document is the longest one
    longest = max(rows, key=lambda r: int(r["n_words"]))
    assert f"Document No. {longest['doc_no']} is the longest" in fig.layout.meta["alt"]


def test_loading_the_corpus_reads_no_table_until_one_is_asked_for():
    """`load()` checks the generated files against their manifest and nothing more: pandas
    is imported, and a table read, on first use (a fresh process, as a reader's kernel)."""
    code = (
        "import sys, august1956\n"
        "corpus = august1956.load()\n"
        "assert 'pandas' not in sys.modules, 'pandas imported by load()'\n"
        "assert 'paragraphs' not in vars(corpus)\n"
        "assert len(corpus.documents) == 22 and 'pandas' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
