"""Meetings: who talked to whom in 1956, when, at whose request, and who wrote it down.

``data/meetings.csv`` has one row per conversation or session that the corpus
records, reports or plans. This module joins it to the people table (one row
per participant, with background and side), draws the meetings on a time axis,
counts them by month and by who asked for them, and lays out the network of
who met whom.

>>> from august1956.tables.curated import read_table
>>> people, meetings = read_table("people"), read_table("meetings")
>>> talks = across_the_line(meetings, people)
>>> "1956-06-05-ivanov-choe-changik" in set(talks["meeting_id"])
True
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from august1956.chapters.charts import (
    BACKGROUND_COLOURS,
    KIM_ABROAD,
    PLENUMS,
    TIME_WINDOW,
    finish,
    hover_lines,
    mark_1956,
    time_axis,
)
from august1956.chapters.chronology import span
from august1956.chapters.live import controls_view
from august1956.chapters.vocabulary import UNNAMED
from august1956.tables.curated import require_columns, row_unit
from august1956.tables.people import NAMED_OUTSIDE, display_names, named_in
from august1956.text.corpus import date_caveat, date_label, load, quote_markdown
from august1956.text.units import unit_label

MEETING_COLUMNS = (
    "meeting_id",
    "date",
    "date_end",
    "date_precision",
    "participants",
    "recorder",
    "initiated_by",
    "initiation_evidence",
    "kind",
    "unit",
    "doc_no",
)
KINDS = ("recorded", "reported", "planned", "body")
KIND_SYMBOLS = {"recorded": "circle", "reported": "square", "planned": "x", "body": "diamond"}
FOREIGN_SIDES = ("USSR", "PRC")
# The window the charts show: the corpus's 1956, from the January Presidium to the January report.
# What each participation row carries over from its meeting.
_CARRIED = ("kind", "when", "date_precision", "first", "after", "mid", "source")


def require_meetings(meetings: pd.DataFrame) -> None:
    """Fail clearly when a table is not the meetings table."""
    require_columns(meetings, "meetings", MEETING_COLUMNS)


def ids(cell: str) -> list[str]:
    """The person ids in a ';'-separated cell, in order, blanks dropped.

    >>> ids("ivanov; choe-changik;;bobylev")
    ['ivanov', 'choe-changik', 'bobylev']
    """
    return [p.strip() for p in cell.split(";") if p.strip()]


def source_label(row: pd.Series) -> str:
    """The unit a meeting row comes from, as the book labels it.

    >>> source_label(pd.Series({"unit": "doc", "doc_no": "7"}))
    'Document No. 7'
    >>> source_label(pd.Series({"unit": "notes", "doc_no": ""}))
    'Shimotomai, notes'
    """
    unit = row_unit(row)
    return unit_label(unit) if unit else "no source named"


def meeting_spans(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings with their time spans and a readable date, at the source's precision.

    Adds: first, after (exclusive end), mid (the middle, for plotting), when, source.
    A meeting of several days (``date_end``) spans them all. Undated meetings keep NaT.

    >>> from august1956.tables.curated import read_table
    >>> spans = meeting_spans(read_table("meetings")).set_index("meeting_id")
    >>> spans.loc["1956-06-ivanov-gim-seunghwa-dinner", ["when", "mid"]].tolist()
    ['Jun 1956', Timestamp('1956-06-16 00:00:00')]
    >>> spans.loc["1956-08-30-august-plenum", "when"]
    '30-31 Aug 1956'
    >>> spans.loc["1956-09-mikoyan-peng-dehuai-kwp-leadership", "when"]
    '23 Sep 1956 (the sources disagree)'
    """
    require_meetings(meetings)
    out = meetings.copy()
    dates = list(zip(out["date"], out["date_end"], out["date_precision"], strict=True))
    pairs = [span(d, e, p) for d, e, p in dates]
    out["first"] = pd.to_datetime([p[0] for p in pairs])
    out["after"] = pd.to_datetime([p[1] for p in pairs])
    out["mid"] = out["first"] + (out["after"] - out["first"]) / 2
    # A single day is drawn at its own date, not at noon.
    day = out["date_precision"] == "day"
    out.loc[day, "mid"] = out.loc[day, "first"]
    notes = out["date_note"] if "date_note" in out else pd.Series("", index=out.index)
    out["when"] = [
        date_label(d, e, p) + date_caveat(n) for (d, e, p), n in zip(dates, notes, strict=True)
    ]
    out["source"] = [source_label(r) for _, r in out.iterrows()]
    return out


def participations(meetings: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """One row per person per meeting, with the person's name, side and background.

    A participant missing from the people table is an error to fix in the data.

    >>> from august1956.tables.curated import read_table
    >>> rows = participations(read_table("meetings"), read_table("people"))
    >>> rows[rows["meeting_id"] == "1956-06-05-ivanov-choe-changik"]["name"].tolist()
    ['V. I. Ivanov', 'Choe Changik', 'Bobylev']
    """
    spans = meeting_spans(meetings)
    known = people.set_index("person_id")
    rows = []
    for _, m in spans.iterrows():
        for pid in ids(m["participants"]):
            if pid not in known.index:
                raise KeyError(
                    f"meeting {m['meeting_id']} names {pid!r}, who is not in people.csv: add the "
                    "person or correct the id."
                )
            person = known.loc[pid]
            rows.append(
                {
                    "meeting_id": m["meeting_id"],
                    "person_id": pid,
                    "name": person["name"],
                    "side": person["side"],
                    "background": person["background"],
                    **{
                        k: m[k]
                        for k in (
                            "kind",
                            "when",
                            "date_precision",
                            "first",
                            "after",
                            "mid",
                            "source",
                        )
                    },
                }
            )
    return pd.DataFrame(rows)


def across_the_line(meetings: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Meetings where a Korean of the DPRK met a Soviet or Chinese official.

    Sessions of bodies and planned meetings are left out: the question is who
    talked to the foreigners, not who sat in the same hall.
    """
    rows = participations(meetings, people)
    rows = rows[rows["kind"].isin(["recorded", "reported"])]
    sides = rows.groupby("meeting_id")["side"].agg(set)
    keep = [m for m, s in sides.items() if "DPRK" in s and s & set(FOREIGN_SIDES)]
    return meeting_spans(meetings).loc[lambda d: d["meeting_id"].isin(keep)]


def in_window(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows dated to a day or a month inside the window the charts show."""
    start, end = (pd.Timestamp(d) for d in TIME_WINDOW)
    dated = frame["date_precision"].isin(["day", "month"])
    return frame[dated & (frame["first"] >= start) & (frame["first"] <= end)]


def _names(cell: str, names: dict[str, str], unit: str | None = None) -> str:
    """People as names; with ``unit``, one whom that text never names is marked
    (an official known from an archival record, a diary's writer)."""
    named = _named_in_unit(unit) if unit else None
    return ", ".join(
        names.get(p, p) + ("" if named is None or p in named else f" ({NAMED_OUTSIDE})")
        for p in ids(cell)
    )


@lru_cache(maxsize=64)
def _named_in_unit(unit: str) -> frozenset[str]:
    return named_in(load().text(unit, emend=False), unit)


def hover_text(meeting: pd.Series, names: dict[str, str]) -> str:
    """What a reader sees on hovering over a meeting."""
    lines = [
        f"<b>{meeting['when']}</b>: {meeting['kind']} meeting ({meeting['source']})",
        "Present: "
        + hover_lines(_names(meeting["participants"], names, row_unit(meeting)) or UNNAMED),
    ]
    if meeting["initiated_by"]:
        lines.append("Asked for by: " + names.get(meeting["initiated_by"], meeting["initiated_by"]))
    if meeting.get("topics"):
        lines.append("Topics: " + hover_lines(meeting["topics"].replace(";", ", "), 60))
    return "<br>".join(lines)


def person_order(rows: pd.DataFrame) -> list[str]:
    """Names grouped by background in the book's colour order, then by number of meetings.

    >>> rows = pd.DataFrame({"name": ["A", "B", "B", "C"],
    ...                      "background": ["Yan'an", "Soviet-Korean", "Soviet-Korean", "Yan'an"]})
    >>> person_order(rows)
    ['B', 'A', 'C']
    """
    rank = {b: i for i, b in enumerate(BACKGROUND_COLOURS)}
    counts = rows.groupby(["name", "background"]).size().reset_index(name="n")
    counts["rank"] = counts["background"].map(rank).fillna(len(rank))
    counts = counts.sort_values(["rank", "n", "name"], ascending=[True, False, True])
    return counts["name"].tolist()


def timeline_chart(meetings: pd.DataFrame, people: pd.DataFrame) -> go.Figure:
    """Each person's meetings on a time axis, coloured by background; a menu picks the kinds.

    Day-dated meetings are filled markers; month-dated ones are hollow, placed at
    mid-month with a bar across the month. Symbols tell the kind of row.
    """
    names = display_names(people)
    spans = meeting_spans(meetings).set_index("meeting_id")
    rows = in_window(participations(meetings, people))
    order = person_order(rows)
    fig = go.Figure()
    trace_kinds: list[str] = []
    shown: set[str] = set()
    for background, colour in BACKGROUND_COLOURS.items():
        for kind in KINDS:
            part = rows[(rows["background"] == background) & (rows["kind"] == kind)]
            if part.empty:
                continue
            month = (part["date_precision"] == "month").to_numpy()
            if month.any():
                # A month-only date is drawn as a line across its month, under a hollow marker.
                xs, ys = [], []
                for _, r in part[month].iterrows():
                    xs += [r["first"], r["after"], None]
                    ys += [r["name"], r["name"], None]
                fig.add_scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line=dict(color=colour, width=2),
                    opacity=0.6,
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=background,
                )
                trace_kinds.append(kind)
            fig.add_scatter(
                x=part["mid"],
                y=part["name"],
                mode="markers",
                name=background,
                legendgroup=background,
                showlegend=background not in shown,
                marker=dict(
                    color=["white" if m else colour for m in month],
                    line=dict(color=colour, width=2),
                    size=10,
                    symbol=KIND_SYMBOLS[kind],
                ),
                hovertext=[hover_text(spans.loc[m], names) for m in part["meeting_id"]],
                hoverinfo="text",
            )
            shown.add(background)
            trace_kinds.append(kind)
    # Legend entries for the symbols; they carry no data, so every menu choice keeps them.
    for kind, symbol in KIND_SYMBOLS.items():
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=kind,
            legendgroup="kinds",
            legendgrouptitle_text="kind of row",
            marker=dict(symbol=symbol, color="#555", size=9),
        )
        trace_kinds.append("legend")
    choices = {
        "all kinds": set(KINDS),
        "recorded conversations": {"recorded"},
        "recorded or reported": {"recorded", "reported"},
        "sessions of bodies": {"body"},
    }
    buttons = [
        dict(
            label=label,
            method="restyle",
            args=[{"visible": [k in keep or k == "legend" for k in trace_kinds]}],
        )
        for label, keep in choices.items()
    ]
    fig.update_layout(
        updatemenus=[dict(buttons=buttons, x=1, xanchor="right", y=1.09, yanchor="bottom")],
    )
    fig.update_xaxes(
        type="date", title="date (hollow marker on a line: month only)", range=time_axis()
    )
    fig.update_yaxes(
        title="", categoryorder="array", categoryarray=order[::-1], dtick=1, automargin=True
    )
    mark_1956(fig)
    n_meetings = rows["meeting_id"].nunique()
    return finish(
        fig,
        title="Who met whom in 1956, person by person",
        alt=(
            f"Dot chart of {n_meetings} meetings dated to a day or a month in 1956, one row "
            f"per participant ({len(order)} people), coloured by background. Symbols mark "
            "recorded conversations, reported ones, planned ones and sessions of bodies. "
            "Kim Il Sung's absence abroad is shaded; the plenums are marked."
        ),
        source="The book's meetings and people tables (CWIHP Bulletin 16 corpus)",
        height=22 * len(order) + 400,
        source_px=250,
        legend_px=60,
    )


def monthly_counts(meetings: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Meetings per month in which at least one person of each background took part.

    Only meetings dated to a day or a month in the window count; planned ones do
    not. A meeting with people of two backgrounds counts once for each.

    >>> from august1956.tables.curated import read_table
    >>> counts = monthly_counts(read_table("meetings"), read_table("people"))
    >>> int(counts.loc[("1956-09", "Soviet official"), "meetings"]) > 0
    True
    """
    rows = in_window(participations(meetings, people))
    rows = rows[rows["kind"] != "planned"]
    rows = rows.assign(month=rows["first"].dt.strftime("%Y-%m"))
    grouped = rows.groupby(["month", "background"])["meeting_id"].nunique()
    return grouped.rename("meetings").to_frame()


def monthly_chart(meetings: pd.DataFrame, people: pd.DataFrame) -> go.Figure:
    """Grouped bars of meetings per month by background."""
    counts = monthly_counts(meetings, people).reset_index()
    months = pd.period_range(*TIME_WINDOW, freq="M").strftime("%Y-%m").tolist()
    labels = [pd.Timestamp(m).strftime("%b %Y") for m in months]
    fig = go.Figure()
    for background, colour in BACKGROUND_COLOURS.items():
        part = counts[counts["background"] == background].set_index("month")["meetings"]
        if part.empty:
            continue
        values = [int(part.get(m, 0)) for m in months]
        fig.add_bar(
            x=labels,
            y=values,
            name=background,
            marker_color=colour,
            hovertemplate="%{x}: %{y} meetings with a participant of background "
            + background
            + "<extra></extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title="month (meetings dated to a day or a month)")
    fig.update_yaxes(title="meetings", dtick=1, rangemode="tozero")
    busiest = counts.groupby("month")["meetings"].sum().idxmax()
    return finish(
        fig,
        title="Meetings per month, by background of those present",
        alt=(
            "Grouped bar chart of meetings per month in 1956 with at least one participant of "
            f"each background; the busiest month is {pd.Timestamp(busiest).strftime('%B %Y')}."
        ),
        source="The book's meetings and people tables (CWIHP Bulletin 16 corpus)",
        height=500,
        source_px=150,
        legend_px=95,
    )


def initiators(meetings: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Who asked for a meeting, only where the source says so, with the source's words.

    Columns: meeting_id, when, initiator, background, side, whom (a phrase that follows
    the initiator's name: "with" the others present, or with ``UNNAMED`` when the source
    names no one else; "for a meeting of ..." where the initiator was not there himself,
    as Kim Il Sung sending Li Sangjo to Mao Zedong), evidence, unit.
    A person whom the source's text never names is marked, as in the meetings table.

    >>> from august1956.tables.curated import read_table
    >>> asked = initiators(read_table("meetings"), read_table("people")).set_index("meeting_id")
    >>> asked.loc["1950-li-sangjo-mao-zedong", "whom"]
    'for a meeting of Li Sangjo and Mao Zedong'
    >>> asked.loc["1956-09-05-fedorenko-li-sangjo", "whom"]
    'with N. T. Fedorenko (not named in the document)'
    """
    spans = meeting_spans(meetings)
    known = people.set_index("person_id")
    names = display_names(people)
    asked = spans[spans["initiated_by"] != ""]
    rows = []
    for _, m in asked.iterrows():
        pid = m["initiated_by"]
        if pid not in known.index:
            raise KeyError(f"meeting {m['meeting_id']}: initiator {pid!r} is not in people.csv.")
        present = ids(m["participants"])
        others = [p for p in present if p != pid]
        named = _names(";".join(others), names, row_unit(m) or None)
        if pid in present or not others:
            whom = "with " + (named or UNNAMED)
        else:
            whom = "for a meeting of " + " and ".join(named.rsplit(", ", 1))
        rows.append(
            {
                "meeting_id": m["meeting_id"],
                "when": m["when"],
                "initiator": names[pid],
                "background": known.loc[pid, "background"],
                "side": known.loc[pid, "side"],
                "whom": whom,
                "evidence": m["initiation_evidence"],
                "unit": row_unit(m),
            }
        )
    return pd.DataFrame(rows)


def initiator_chart(asked: pd.DataFrame, n_meetings: int) -> go.Figure:
    """Bars of how many meetings each person asked for, coloured by background."""
    counts = (
        asked.groupby(["initiator", "background"])
        .agg(n=("meeting_id", "size"), whens=("when", ", ".join), whoms=("whom", "; ".join))
        .reset_index()
        .sort_values(["n", "initiator"], ascending=[True, False])
    )
    fig = go.Figure()
    for background, colour in BACKGROUND_COLOURS.items():
        part = counts[counts["background"] == background]
        if part.empty:
            continue
        fig.add_bar(
            x=part["n"],
            y=part["initiator"],
            orientation="h",
            name=background,
            marker_color=colour,
            customdata=part[["whens", "whoms"]].values,
            hovertemplate="%{y} asked for %{x} meeting(s)<br>when: %{customdata[0]}"
            "<br>%{customdata[1]}<extra></extra>",
        )
    fig.update_xaxes(title="meetings the person asked for (source says so)", dtick=1)
    fig.update_yaxes(title="", categoryorder="array", categoryarray=counts["initiator"].tolist())
    fig.update_layout(legend=dict(title="background"))
    return finish(
        fig,
        title="Who asked for the meeting, where the source says",
        alt=(
            f"Horizontal bar chart: of {n_meetings} meetings, {len(asked)} say who asked for "
            f"them; {counts['initiator'].nunique()} people asked, coloured by background."
        ),
        source="The book's meetings table: who asked, in the source's words (CWIHP Bulletin 16)",
        height=400,
        source_px=70,
    )


def edges(
    meetings: pd.DataFrame, kinds: tuple[str, ...] = ("recorded", "reported")
) -> pd.DataFrame:
    """Pairs of people who met, with how many meetings they shared.

    Sessions of bodies and planned meetings are left out by default: sitting in
    the same plenum is not meeting someone.

    >>> table = pd.DataFrame({"meeting_id": ["a", "b"], "date": ["", ""], "date_end": ["", ""],
    ...     "date_precision": ["unknown"] * 2, "participants": ["x;y;z", "y;x"],
    ...     "recorder": ["", ""], "initiated_by": ["", ""], "initiation_evidence": ["", ""],
    ...     "kind": ["recorded", "reported"], "unit": ["doc", "doc"], "doc_no": ["1", "2"]})
    >>> edges(table).values.tolist()
    [['x', 'y', 2], ['x', 'z', 1], ['y', 'z', 1]]
    """
    require_meetings(meetings)
    chosen = meetings[meetings["kind"].isin(kinds)]
    pairs: dict[tuple[str, str], int] = {}
    for cell in chosen["participants"]:
        present = sorted(set(ids(cell)))
        for i, a in enumerate(present):
            for b in present[i + 1 :]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    rows = [(a, b, n) for (a, b), n in sorted(pairs.items())]
    return pd.DataFrame(rows, columns=["source", "target", "meetings"])


def circle_layout(
    nodes: pd.DataFrame, gap: float = 1.0, widths: dict[str, float] | None = None
) -> pd.DataFrame:
    """Places people on a circle, one arc per background, with a gap between arcs.

    They fill the circle's right side from top to bottom, then its left side from bottom
    to top, one name's height apart.

    Deterministic: the same table always gives the same picture. Within an arc,
    people are sorted by name.

    >>> nodes = pd.DataFrame({"person_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                       "background": ["Yan'an", "Yan'an", "Soviet official"]})
    >>> layout = circle_layout(nodes)
    >>> layout["person_id"].tolist(), bool(np.allclose(np.hypot(layout["x"], layout["y"]), 1))
    (['a', 'b', 'c'], True)
    """
    rank = {b: i for i, b in enumerate(BACKGROUND_COLOURS)}
    ordered = nodes.assign(rank=nodes["background"].map(rank).fillna(len(rank))).sort_values(
        ["rank", "name"]
    )
    # Each person takes one slot (or ``widths[person_id]`` slots, for a large dot whose
    # neighbours' names would run into it), each change of background adds `gap` empty slots.
    widths = widths or {}
    slots, position, previous = [], 0.0, None
    for pid, background in zip(ordered["person_id"], ordered["background"], strict=True):
        if previous is not None and background != previous:
            position += gap
        width = widths.get(pid, 1.0)
        slots.append(position + (width - 1) / 2)
        position += width
        previous = background
    # The slots run down the right side of the circle, then up the left, evenly spaced in
    # height rather than in angle: near the top and bottom, people evenly spaced in angle sit
    # side by side, and the names written beside them run into each other.
    u = 2 * (np.array(slots) + gap / 2) / (position + gap)
    down = np.where(u < 1, u, 2 - u)
    out = ordered.drop(columns="rank").reset_index(drop=True)
    out["y"] = 1 - 2 * down
    out["x"] = np.where(u < 1, 1, -1) * np.sqrt(1 - out["y"] ** 2)
    return out


def network_chart(meetings: pd.DataFrame, people: pd.DataFrame) -> go.Figure:
    """Who met whom: people on a circle by background, a line for each pair that met."""
    pairs = edges(meetings)
    present = sorted(set(pairs["source"]) | set(pairs["target"]))
    nodes = people[people["person_id"].isin(present)][["person_id", "name", "background"]]
    degree = pd.concat([pairs["source"], pairs["target"]]).value_counts()
    # Area, not width, grows with the number of partners, so the busiest
    # people do not swallow their neighbours' names; they also get more room on the circle.
    dot = {p: 6 + 5 * np.sqrt(degree.get(p, 0)) for p in nodes["person_id"]}
    layout = circle_layout(nodes, widths={p: max(1.0, d / 14) for p, d in dot.items()})
    layout = layout.set_index("person_id")
    fig = go.Figure()
    for n_shared, group in pairs.groupby("meetings"):
        xs, ys = [], []
        for a, b in zip(group["source"], group["target"], strict=True):
            xs += [layout.loc[a, "x"], layout.loc[b, "x"], None]
            ys += [layout.loc[a, "y"], layout.loc[b, "y"], None]
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(width=0.8 + 1.2 * n_shared, color="rgba(90,90,90,0.45)"),
            hoverinfo="skip",
            showlegend=False,
        )
    for background, colour in BACKGROUND_COLOURS.items():
        part = layout[layout["background"] == background]
        if part.empty:
            continue
        partners = [
            ", ".join(
                sorted(
                    layout.loc[o, "name"]
                    for o in pd.concat(
                        [
                            pairs.loc[pairs["source"] == pid, "target"],
                            pairs.loc[pairs["target"] == pid, "source"],
                        ]
                    )
                )
            )
            for pid in part.index
        ]
        fig.add_scatter(
            x=part["x"],
            y=part["y"],
            mode="markers+text",
            name=background,
            text=part["name"],
            textposition=[("middle right" if x >= 0 else "middle left") for x in part["x"]],
            textfont=dict(size=10),
            marker=dict(
                color=colour,
                size=[dot[p] for p in part.index],
                line=dict(color="white", width=1),
            ),
            hovertext=[
                f"<b>{n}</b> ({background})<br>met: {hover_lines(w, 60)}"
                for n, w in zip(part["name"], partners, strict=True)
            ],
            hoverinfo="text",
        )
    fig.update_xaxes(visible=False, range=[-2.1, 2.1])
    fig.update_yaxes(visible=False, range=[-1.25, 1.25], scaleanchor="x")
    busiest = layout.loc[degree.index[0], "name"]
    return finish(
        fig,
        title="Who met whom: recorded and reported conversations",
        alt=(
            f"Network of {len(layout)} people placed on a circle by background, with "
            f"{len(pairs)} lines for the pairs who took part in a recorded or reported meeting "
            f"together; a larger dot means more partners, and {busiest} has the most."
        ),
        source="The book's meetings table (recorded and reported meetings) and people table",
        height=640,
        legend_px=5,
        source_px=75,  # under the legend's three rows
    )


def recorder_sides(meetings: pd.DataFrame, people: pd.DataFrame) -> pd.Series:
    """How many meetings were written down by someone of each side ('unknown' when unnamed).

    >>> from august1956.tables.curated import read_table
    >>> sides = recorder_sides(read_table("meetings"), read_table("people"))
    >>> int(sides["USSR"]) > int(sides.get("PRC", 0))
    True
    """
    side = people.set_index("person_id")["side"]
    values = [side.get(r, "unknown") if r else "unknown" for r in meetings["recorder"]]
    return pd.Series(values).value_counts()


def recorders_named_elsewhere(meetings: pd.DataFrame) -> int:
    """How many meetings have a writer whom the meeting's own source text never names: a
    diary's writer, or an official known from the catalog or an archival record.

    >>> from august1956.tables.curated import read_table
    >>> recorders_named_elsewhere(read_table("meetings")) > 0
    True
    """
    return sum(
        1
        for _, m in meetings.iterrows()
        if m["recorder"] and m["recorder"] not in _named_in_unit(row_unit(m))
    )


def meeting_table(meetings: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """The meetings as a reader's table: date, kind, who, who asked, who recorded, where from."""
    names = display_names(people)
    spans = meeting_spans(meetings).sort_values(["first", "meeting_id"], na_position="last")
    rows = [m for _, m in spans.iterrows()]
    return pd.DataFrame(
        {
            "date": spans["when"],
            "kind": spans["kind"],
            "present": [_names(m["participants"], names, row_unit(m)) for m in rows],
            "asked for by": [names.get(p, p) for p in spans["initiated_by"]],
            "written down by": [_names(m["recorder"], names, row_unit(m)) for m in rows],
            "source": spans["source"],
            "topics": spans.get("topics", pd.Series("", index=spans.index)).str.replace(";", ", "),
        }
    ).reset_index(drop=True)


def filter_meetings(
    table: pd.DataFrame, person: str = "", kind: str = "", topic: str = ""
) -> pd.DataFrame:
    """Rows of :func:`meeting_table` that involve a person, are of a kind, or touch a topic.

    >>> table = pd.DataFrame({"present": ["Li Sangjo, N. T. Fedorenko", "Nam Il"],
    ...                       "kind": ["recorded", "reported"], "topics": ["outside help", ""]})
    >>> len(filter_meetings(table, person="fedorenko"))
    1
    >>> len(filter_meetings(table, kind="reported", topic="outside help"))
    0
    """
    keep = pd.Series(True, index=table.index)
    if person:
        keep &= table["present"].str.casefold().str.contains(person.casefold(), regex=False)
    if kind:
        keep &= table["kind"] == kind
    if topic:
        keep &= table["topics"].str.contains(topic, regex=False)
    return table[keep]


def meetings_explorer(table: pd.DataFrame):
    """An ipywidgets filter over the meeting table, for live sessions."""
    import ipywidgets as widgets

    person = widgets.Text(description="Person", placeholder="e.g. Li Sangjo")
    kind = widgets.Dropdown(description="Kind", options=["", *KINDS])
    topics = sorted({t.strip() for cell in table["topics"] for t in cell.split(",") if t.strip()})
    topic = widgets.Dropdown(description="Topic", options=["", *topics])
    return controls_view(
        [person, kind, topic],
        lambda: filter_meetings(table, person.value, kind.value, topic.value).style.hide(
            axis="index"
        ),
    )


def initiation_markdown(corpus, asked: pd.DataFrame) -> str:
    """Each 'who asked' with the source's own words as a block quote, labelled by the library.

    >>> from august1956 import load
    >>> from august1956.tables.curated import read_table
    >>> asked = initiators(read_table("meetings"), read_table("people"))
    >>> "Document No. 6, ¶9" in initiation_markdown(load(), asked)
    True
    """
    blocks = []
    for _, row in asked.iterrows():
        who = f"**{row['initiator']}**, {row['when']}, {row['whom']}"
        blocks.append(who + ":\n\n" + quote_markdown(corpus, row["evidence"], row["unit"]))
    return "\n\n".join(blocks)


def links_among(
    meetings: pd.DataFrame, people: pd.DataFrame, backgrounds: set[str]
) -> pd.DataFrame:
    """The pairs who met in a recorded or reported meeting, both of the given backgrounds.

    >>> from august1956.tables.curated import read_table
    >>> pairs = links_among(read_table("meetings"), read_table("people"), {"Soviet-Korean"})
    >>> ("bak-changok", "nam-il") in set(zip(pairs["source"], pairs["target"]))
    True
    """
    background = people.set_index("person_id")["background"]
    pairs = edges(meetings)
    both = pairs["source"].map(background).isin(backgrounds) & pairs["target"].map(background).isin(
        backgrounds
    )
    return pairs[both].reset_index(drop=True)


def critics_before_plenum(meetings: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Talks between a Yan'an or Soviet-Korean person and a foreign official before 30 August.

    Only talks dated to a day or a month count; ``during_absence`` says whether
    the talk falls (or, for a month, may fall) in Kim Il Sung's time abroad.
    """
    talks = in_window(across_the_line(meetings, people))
    background = people.set_index("person_id")["background"]
    critic = np.array(
        [
            any(background.get(p) in ("Yan'an", "Soviet-Korean") for p in ids(c))
            for c in talks["participants"]
        ],
        dtype=bool,
    )
    talks = talks[critic & (talks["first"] < pd.Timestamp(PLENUMS["August Plenum"]))]
    start, end = (pd.Timestamp(d) for d in KIM_ABROAD)
    talks = talks.assign(during_absence=(talks["first"] <= end) & (talks["after"] > start))
    return talks.reset_index(drop=True)
