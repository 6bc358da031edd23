"""The chronology: spans at the source's precision, the timeline, corpus-outside pairs."""

import re

import pandas as pd
import pytest

from august1956.chapters.chronology import (
    SOURCE_COLOURS,
    agreements,
    disagreements,
    event_spans,
    paired_dates,
    span,
    timeline_chart,
)
from august1956.tables.curated import read_table
from august1956.text.corpus import date_label


@pytest.fixture(scope="module")
def events():
    return read_table("events")


def test_a_month_date_covers_the_whole_month_and_a_day_date_one_day():
    first, after = span("1956-02", "", "month")
    assert (first, after) == (pd.Timestamp("1956-02-01"), pd.Timestamp("1956-03-01"))
    first, after = span("1956-09-23")
    assert after - first == pd.Timedelta(days=1)


def test_labels_are_never_more_precise_than_the_source(events):
    spans = event_spans(events)
    vague = spans[spans["date_precision"].isin(["month", "year"])]
    assert not vague.empty
    assert not vague["when"].str.contains(r"^\d{1,2} ").any()
    exact = spans[spans["date_precision"] == "day"]
    assert exact["when"].str.match(r"^\d{1,2}[ -]").all()


def test_every_dated_event_is_drawn_once_in_its_source_colour(events):
    fig = timeline_chart(events)
    dated = events[events["date_start"] != ""]
    # The titles ride on one trace of invisible markers; every other trace is a mark.
    titles = [t for t in fig.data if t.text is not None]
    marks = [t for t in fig.data if t.text is None]
    assert sum(len(trace.y) for trace in marks) == len(dated)
    assert len(titles) == 1 and len(titles[0].text) == len(dated)
    for trace in marks:
        source = trace.name.split(":")[0]
        colour = trace.marker.color
        assert colour == SOURCE_COLOURS[source]
        if trace.type == "bar" and source == "outside":
            assert trace.marker.pattern.shape == "/"
    per_source = {s: sum(len(t.y) for t in marks if t.name.startswith(s)) for s in SOURCE_COLOURS}
    assert per_source == dated["source_type"].value_counts().to_dict()


def test_every_cross_reference_between_rows_becomes_one_pair(events):
    refs = set()
    for eid, note in zip(events["event_id"], events["disagreement"], strict=True):
        for other in re.findall(r"\(see ([0-9a-z-]+)\)", note):
            refs.add(frozenset((eid, other)))
    pairs = paired_dates(events)
    assert len(pairs) == len(refs) > 0
    third = pairs[pairs["event"].str.startswith("KWP Third Congress")].iloc[0]
    assert (third["corpus date"], third["outside date"]) == ("Apr 1956", "23 Apr 1956")
    # Readers see the other event's title, never its id.
    assert not pairs["what differs"].str.contains(r"\(see \d{4}-").any()


def test_a_reference_to_a_missing_event_is_reported(events):
    broken = events.copy()
    broken.loc[0, "disagreement"] = "see elsewhere (see 1956-13-nowhere)"
    with pytest.raises(ValueError, match="unknown event"):
        paired_dates(broken)


def test_agreements_and_disagreements_share_out_every_note(events):
    dated = events[events["date_start"] != ""]
    noted = int((dated["disagreement"] != "").sum())
    assert len(disagreements(events)) + len(agreements(events)) == noted
    assert "22 Nov 1956" in set(agreements(events)["when"])
    assert "22 Nov 1956" not in set(disagreements(events)["date"])
    assert not disagreements(events)["note"].str.contains(r"\(see \d{4}-").any()


def test_a_malformed_date_says_how_to_fix_it():
    with pytest.raises(ValueError, match="ISO"):
        span("30 August 1956")
    assert date_label("1956-08-30", "1956-08-31") == "30-31 Aug 1956"
