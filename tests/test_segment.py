"""Segmentation: every raw line accounted for, attributions explicit."""

import pandas as pd
import pytest

from august1956.text import segment as seg
from august1956.text.source import CorpusError, read_raw_lines, read_raw_text


@pytest.fixture(scope="module")
def raw():
    return read_raw_lines()


@pytest.fixture(scope="module")
def excerpts(raw):
    return seg.segment(raw)


def test_excerpts_rebuild_the_raw_file_byte_for_byte(excerpts):
    assert seg.rebuild_raw(excerpts).encode("utf-8") == read_raw_text().encode("utf-8")


def test_every_raw_line_belongs_to_exactly_one_excerpt(raw, excerpts):
    covered = [n for e in excerpts for n in range(e.first_line, e.last_line + 1)]
    assert covered == list(range(1, len(raw) + 1))


def test_surviving_headers_are_found_and_decide_their_unit(excerpts):
    headers = {e.doc_no for e in excerpts if e.attribution == "header"}
    # the headers that survive (historiography.md §1 lists the same eleven)
    assert headers == {1, 2, 4, 6, 7, 16, 24, 25, 26, 29, 30}


def test_page_furniture_is_set_aside_and_holds_no_text(raw, excerpts):
    furniture = [e for e in excerpts if e.unit == "furniture"]
    text = " ".join(line.strip() for e in furniture for line in e.lines if line.strip())
    assert text == (
        "Issue 16491 Cold War International History Project Bulletin, Issue 16 515 "
        "Cold War International History Project Bulletin, Issue 16 523 "
        "New Evidence on North Korea 526"
    )


def test_every_headless_excerpt_has_a_confidence_and_a_reason(excerpts):
    for e in excerpts:
        if e.attribution == "inferred":
            assert e.confidence in {"high", "medium", "low"}
            assert len(e.reason) > 15, e


def test_a_leading_space_in_a_damaged_line_can_continue_a_sentence(excerpts):
    # line 658 ' WR�WKLV...' continues "he ought to have strictly limited himself"
    starts = {e.first_line for e in excerpts}
    assert 658 not in starts and 657 not in starts
    assert 842 in starts  # while this damaged block start is a real gap


def test_units_follow_the_section_order(excerpts):
    order = [e.unit for e in excerpts if e.unit != "furniture"]
    firsts = list(dict.fromkeys(order))
    assert firsts[:3] == ["intro", "article", "notes"]
    docs = [int(u[3:]) for u in firsts[3:]]
    assert docs == sorted(docs)


def test_a_missing_attribution_is_a_clear_error(raw):
    atts = seg.read_attributions()
    del atts[894]
    with pytest.raises(CorpusError, match=r"raw line 894 .*attributions\.csv"):
        seg.segment(raw, atts)


def test_attributions_file_matches_excerpt_starts(excerpts):
    atts = pd.read_csv("data/curation/attributions.csv")
    inferred = {e.first_line for e in excerpts if e.attribution == "inferred"}
    rows = set(atts.loc[atts["unit"] != "continuation", "first_line"])
    assert rows == inferred
