"""Meetings: participants joined to people, the charts' counts, who asked, the network."""

import numpy as np
import pandas as pd
import pytest

from august1956 import load
from august1956.chapters.meetings import (
    across_the_line,
    circle_layout,
    edges,
    filter_meetings,
    initiators,
    meeting_spans,
    meeting_table,
    monthly_counts,
    network_chart,
    participations,
    recorder_sides,
    timeline_chart,
)
from august1956.tables.curated import read_table


@pytest.fixture(scope="module")
def people():
    return read_table("people")


@pytest.fixture(scope="module")
def meetings():
    return read_table("meetings")


def test_every_participant_becomes_one_row_with_a_background(meetings, people):
    rows = participations(meetings, people)
    expected = sum(len([p for p in c.split(";") if p]) for c in meetings["participants"])
    assert len(rows) == expected
    assert rows["background"].ne("").all()


def test_an_unknown_participant_is_reported_with_the_fix(meetings, people):
    broken = meetings.copy()
    broken.loc[0, "participants"] = "nobody-at-all"
    with pytest.raises(KeyError, match="not in people.csv"):
        participations(broken, people)


def test_month_dates_are_drawn_mid_month_and_days_on_the_day(meetings):
    spans = meeting_spans(meetings).set_index("meeting_id")
    assert spans.loc["1956-06-05-ivanov-choe-changik", "mid"] == pd.Timestamp("1956-06-05")
    one_month = (spans["date_precision"] == "month") & spans["date_end"].fillna("").eq("")
    assert (spans.loc[one_month, "mid"].dt.day.isin([15, 16])).all()
    # A span of months (June or July) is drawn across both, its middle between them.
    two = spans.loc["1956-06-kim-ilsung-cpsu-presidium"]
    assert two["first"] == pd.Timestamp("1956-06-01") and two["after"] == pd.Timestamp("1956-08-01")
    assert two["when"] == "Jun-Jul 1956"


def test_the_timeline_draws_each_dated_participation_once(meetings, people):
    fig = timeline_chart(meetings, people)
    markers = [t for t in fig.data if t.mode == "markers" and t.x[0] is not None]
    drawn = sum(len(t.x) for t in markers)
    # Counted from the table itself, not with the functions the chart uses: each person of
    # each meeting dated to a day or a month whose first day falls in 1956 or January 1957.
    dated = meetings[
        meetings["date_precision"].isin(["day", "month"])
        & (meetings["date"].str[:7] >= "1956-01")
        & (meetings["date"].str[:7] <= "1957-01")
    ]
    expected = sum(len([p for p in cell.split(";") if p.strip()]) for cell in dated["participants"])
    assert drawn == expected > 50
    menu = fig.layout.updatemenus[0].buttons
    recorded_only = menu[1].args[0]["visible"]
    assert len(recorded_only) == len(fig.data)


def test_monthly_counts_agree_with_a_direct_count(meetings, people):
    counts = monthly_counts(meetings, people)
    # Count September's meetings with a Soviet official directly from the two tables.
    officials = set(people.loc[people["background"] == "Soviet official", "person_id"])
    september = meetings[
        meetings["date"].str.startswith("1956-09")
        & meetings["date_precision"].isin(["day", "month"])
        & (meetings["kind"] != "planned")
    ]
    direct = sum(bool(officials & set(c.split(";"))) for c in september["participants"])
    assert int(counts.loc[("1956-09", "Soviet official"), "meetings"]) == direct


def test_initiators_are_only_those_the_source_names_and_their_words_stand(meetings, people):
    asked = initiators(meetings, people)
    assert len(asked) == int((meetings["initiated_by"] != "").sum())
    corpus = load()
    for quote, unit in zip(asked["evidence"], asked["unit"], strict=True):
        assert corpus.find(quote, unit), f"{quote!r} not found in {unit}"


def test_pairs_are_counted_once_per_meeting_and_bodies_are_left_out(meetings):
    pairs = edges(meetings).set_index(["source", "target"])["meetings"]
    talks = meetings[meetings["kind"].isin(["recorded", "reported"])]
    together = sum({"ivanov", "kim-ilsung"} <= set(c.split(";")) for c in talks["participants"])
    assert pairs[("ivanov", "kim-ilsung")] == together
    # The CPSU Presidium of 6 September is a body: its members are not linked by it.
    assert ("kaganovich", "malenkov") not in pairs.index


def test_the_layout_is_deterministic_and_on_the_unit_circle(people):
    nodes = people[["person_id", "name", "background"]]
    first, second = circle_layout(nodes), circle_layout(nodes.sample(frac=1, random_state=1))
    assert first["person_id"].tolist() == second["person_id"].tolist()
    assert np.allclose(np.hypot(first["x"], first["y"]), 1)


def test_network_has_a_node_for_everyone_in_a_pair(meetings, people):
    fig = network_chart(meetings, people)
    pairs = edges(meetings)
    nodes = sum(len(t.x) for t in fig.data if t.mode == "markers+text")
    assert nodes == len(set(pairs["source"]) | set(pairs["target"]))


def test_talks_across_the_line_have_a_korean_and_a_foreign_official(meetings, people):
    side = people.set_index("person_id")["side"]
    for cell in across_the_line(meetings, people)["participants"]:
        sides = {side[p] for p in cell.split(";")}
        assert "DPRK" in sides and sides & {"USSR", "PRC"}


def test_most_records_were_written_by_soviet_officials_or_nobody_named(meetings, people):
    sides = recorder_sides(meetings, people)
    assert sides.sum() == len(meetings)
    assert sides.get("USSR", 0) > sides.get("DPRK", 0)


def test_the_static_table_filters_by_person_kind_and_topic(meetings, people):
    table = meeting_table(meetings, people)
    assert len(table) == len(meetings)
    li = filter_meetings(table, person="Li Sangjo")
    assert len(li) == sum("li-sangjo" in c.split(";") for c in meetings["participants"])
    assert set(filter_meetings(table, kind="planned")["kind"]) == {"planned"}
