"""The raw source, read and checked, never changed; and the strict reading of the
project's CSV tables.

>>> lines = read_raw_lines()
>>> len(lines)
2631
>>> lines[0]
' ew events since the end of the 1950-1953 Korean War '
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from august1956.paths import RAW_SHA256, raw_path


class CorpusError(Exception):
    """A problem with the project's data that the user has to act on.

    The message always says which file, what is wrong and what to do.
    """


def read_raw_bytes(path: Path | None = None, *, check: bool = True) -> bytes:
    """The raw corpus as bytes, after checking that it is the file we expect."""
    path = Path(path) if path is not None else raw_path()
    if not path.is_file():
        raise CorpusError(
            f"The raw corpus is missing: {path} does not exist. "
            "Restore it from the repository (git checkout -- data/raw) or set "
            "AUGUST1956_DATA to a folder that holds raw/" + path.name + "."
        )
    data = path.read_bytes()
    if check:
        digest = sha256(data)
        if digest != RAW_SHA256 and sha256(data.replace(b"\r\n", b"\n")) == RAW_SHA256:
            raise CorpusError(
                f"The raw corpus {path} has Windows line endings (CRLF): Git converted it on "
                "checkout (core.autocrlf=true). The repository's .gitattributes now forbids "
                "that; refresh the checkout's files with `git rm --cached -r data && git "
                "reset --hard` (this discards uncommitted changes under data/), or clone "
                "again with `git clone -c core.autocrlf=false`."
            )
        if digest != RAW_SHA256:
            raise CorpusError(
                f"The raw corpus {path} has changed: its sha256 is {digest}, "
                f"expected {RAW_SHA256}. The raw file is never edited; restore it "
                "with `git checkout -- data/raw` and put corrections in "
                "data/emendations.csv instead."
            )
    return data


MANIFEST = "corpus/manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_manifest(root: Path, wanted: list[str]) -> None:
    """Fail with one message if a generated file that ``load()`` reads is not the one the
    last ``build-data`` wrote: missing, cut short, stale or edited by hand."""
    path = root / MANIFEST
    fix = "Run `python -m august1956 build-data` to regenerate the files under data/."
    if not path.is_file():
        raise CorpusError(f"{path} is missing, so the generated files cannot be trusted. {fix}")
    try:
        outputs = json.loads(path.read_text(encoding="utf-8"))["outputs"]
    except (ValueError, KeyError):
        raise CorpusError(f"{path} is not a manifest that build-data wrote. {fix}") from None
    for rel in wanted:
        file = root / rel
        if not file.is_file():
            raise CorpusError(f"{file} is missing. {fix}")
        if sha256(file.read_bytes()) != outputs.get(rel):
            raise CorpusError(
                f"{file} is not the file build-data last wrote (cut short, stale or edited "
                f"by hand: its sha256 differs from {path}). {fix}"
            )


def read_raw_text(path: Path | None = None, *, check: bool = True) -> str:
    """The raw corpus decoded as UTF-8."""
    path = Path(path) if path is not None else raw_path()
    data = read_raw_bytes(path, check=check)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"The raw corpus {path} is not valid UTF-8 (byte {exc.start}: "
            f"{data[exc.start : exc.start + 8]!r}). It may have been re-saved in "
            "another encoding; restore it with `git checkout -- data/raw`."
        ) from None


def read_raw_lines(path: Path | None = None, *, check: bool = True) -> list[str]:
    """The raw corpus split on newlines; joining with '\\n' gives it back exactly."""
    return read_raw_text(path, check=check).split("\n")


def read_csv_table(path: Path):
    """A CSV table of the project's data as a DataFrame of strings (empty cells '').

    Read strictly: every row must have as many fields as the header. (pandas alone
    takes a row with one field too many as an index and shifts its columns, and pads
    a short row, without a word.) Blank lines are skipped, as pandas skips them.
    """
    import pandas as pd  # only the tables need it, not the repair's command line

    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusError(
            f"{path}, line {line}: byte {data[exc.start]:#04x} is not UTF-8. Save the file as "
            "UTF-8 (a spreadsheet's 'CSV UTF-8' format) and try again."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise CorpusError(f"{path} is empty: a table needs at least its header row.")
    rows = []
    for row in reader:
        if not row:
            continue
        if len(row) != len(header):
            raise CorpusError(
                f"{path}, line {reader.line_num}: {len(row)} fields where the header has "
                f"{len(header)}. Quote every field that holds a comma or a quotation "
                "mark, doubling the quotation marks inside it."
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=header, dtype=str)
