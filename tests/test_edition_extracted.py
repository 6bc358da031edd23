"""The text as extracted, beside the reading: each paragraph's raw lines, exactly."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from august1956.edition import extracted
from august1956.text.corpus import load
from august1956.text.repair import FFFD
from august1956.text.source import CorpusError, read_raw_lines

PAGES = Path(__file__).resolve().parents[1] / "book" / "documents"
MARK_CODES = {cls: code for code, (cls, _) in extracted.RAW_MARKS.items()}


class ExtractedReader(HTMLParser):
    """Reads the extracted blocks back: for each, its lines as (number, [(char, code)])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[tuple[int, list[tuple[str, str]]]]] = []
        self._field: str | None = None
        self._mark = "c"

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "details" and "extracted" in classes:
            self.blocks.append([])
        elif "x-no" in classes:
            self._field = "no"
        elif "x-raw" in classes:
            self._field = "raw"
        elif "x-reading" in classes:
            self._field = None
        elif self._field == "raw" and tag == "span":
            self._mark = MARK_CODES[classes[0]]

    def handle_endtag(self, tag):
        if tag == "span" and self._field == "raw":
            if self._mark != "c":
                self._mark = "c"
            else:
                self._field = None
        elif tag == "span" and self._field == "no":
            self._field = None

    def handle_data(self, data):
        if self._field == "no":
            self.blocks[-1].append((int(data), []))
        elif self._field == "raw":
            self.blocks[-1][-1][1].extend((ch, self._mark) for ch in data)


def read_blocks(page: str):
    reader = ExtractedReader()
    reader.feed(page)
    return reader.blocks


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def source():
    return extracted.read_source_lines()


def test_every_paragraph_shows_its_raw_lines_exactly(corpus):
    raw = read_raw_lines()
    for unit in corpus.units:
        blocks = read_blocks((PAGES / f"{unit}.md").read_text(encoding="utf-8"))
        paras = corpus.unit_paragraphs(unit)
        assert len(blocks) == len(paras), unit
        for block, (_, p) in zip(blocks, paras.iterrows(), strict=True):
            first, last = int(p["first_line"]), int(p["last_line"])
            assert [n for n, _ in block] == list(range(first, last + 1)), p["anchor"]
            shown = ["".join(ch for ch, _ in chars) for _, chars in block]
            assert shown == raw[first - 1 : last], p["anchor"]


def test_every_damaged_character_is_marked_and_no_clean_one_is(corpus, source):
    for unit in corpus.units:
        for block in read_blocks((PAGES / f"{unit}.md").read_text(encoding="utf-8")):
            for n, chars in block:
                codes = source.codes(n)
                assert "".join(code for _, code in chars) == codes, n
                # a U+FFFD is never shown as clean text
                assert all(code != "c" for ch, code in chars if ch == FFFD), n


def test_every_line_of_the_corpus_aligns_with_its_repair(source):
    counts: dict[str, int] = {}
    for n in range(1, len(source.raw) + 1):
        for code in source.codes(n):
            counts[code] = counts.get(code, 0) + 1
    # each U+FFFD of the raw file is read, lost or dropped: none is copied
    n_fffd = sum(line.count(FFFD) for line in source.raw)
    assert n_fffd <= counts["i"] + counts["l"] + counts["d"]
    assert counts["r"] > 0


def test_a_raw_line_that_does_not_match_its_repair_is_a_clear_error(source):
    n = next(i for i, line in enumerate(source.raw, 1) if FFFD in line)
    broken = replace(source, text=[*source.text[: n - 1], "x" + source.text[n - 1][1:]])
    broken.text[n:] = source.text[n:]
    with pytest.raises(CorpusError, match=f"line {n} of the raw file .* build-data"):
        broken.codes(n)


def test_the_summary_counts_the_damaged_lines(source):
    n = next(i for i, line in enumerate(source.raw, 1) if FFFD in line)
    block = extracted.extracted_html(source, n, n + 1)
    damaged = sum(any(c != "c" for c in source.codes(k)) for k in (n, n + 1))
    words = "1 damaged line" if damaged == 1 else f"{damaged} damaged lines"
    assert f"lines {n}–{n + 1} of the source text, {words}" in block
