"""The raw source: loading checks it and says what to do when it is wrong."""

import pytest

from august1956.source import CorpusError, read_raw_lines, read_raw_text


def test_raw_corpus_loads_with_its_checksum():
    assert read_raw_lines()[0].startswith(" ew events since the end of the 1950-1953")


def test_a_missing_file_names_the_file_and_the_fix(tmp_path):
    with pytest.raises(CorpusError, match=r"missing.*git checkout"):
        read_raw_text(tmp_path / "nope.txt")


def test_a_changed_file_is_refused_with_its_checksum(tmp_path):
    p = tmp_path / "raw.txt"
    p.write_text(read_raw_text().replace("Kim", "Kin", 1), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"has changed: its sha256 is [0-9a-f]{64}"):
        read_raw_text(p)


def test_bytes_that_are_not_utf8_are_refused_clearly(tmp_path):
    p = tmp_path / "raw.txt"
    p.write_bytes("Kim Il Sung".encode("utf-16"))
    with pytest.raises(CorpusError, match=r"not valid UTF-8"):
        read_raw_text(p, check=False)
