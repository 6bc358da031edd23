"""The raw source: loading checks it and says what to do when it is wrong."""

from pathlib import Path

import pytest

from august1956.text.source import CorpusError, read_raw_bytes, read_raw_lines, read_raw_text


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


def test_a_crlf_checkout_of_the_raw_corpus_gets_its_own_message(tmp_path):
    # Git for Windows' default (core.autocrlf=true) writes CRLF; that is not an edit.
    from august1956.paths import raw_path

    crlf = tmp_path / raw_path().name
    crlf.write_bytes(raw_path().read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(CorpusError, match="Windows line endings") as err:
        read_raw_bytes(crlf)
    assert "core.autocrlf" in str(err.value) and "changed" not in str(err.value)


def test_git_never_converts_the_data_files():
    # .gitattributes keeps the raw and generated files byte for byte on every platform.
    import subprocess

    out = subprocess.run(
        ["git", "check-attr", "text", "data/raw/000_4586cb435a2fc35a.txt", "data/documents.csv"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout
    assert out.count(": text: unset") == 2, out
