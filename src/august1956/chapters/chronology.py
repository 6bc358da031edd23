"""A chronology of 1956: the events table on a time axis, and where the sources disagree.

``data/events.csv`` keeps rows from the corpus and rows from outside sources
apart, even when they describe the same event, and records in ``disagreement``
where they differ. This module turns the ISO dates of different precision into
spans, draws the timeline, and pairs the corpus rows with the outside rows
they disagree with.

>>> from august1956.tables.curated import read_table
>>> spans = event_spans(read_table("events")).set_index("event_id")
>>> spans.loc["1956-06-01-kim-ilsung-trip-outside", "when"]
'1 Jun-19 Jul 1956'
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from august1956.chapters.charts import KIM_ABROAD, finish, hover_lines, mark_1956, time_axis
from august1956.chapters.vocabulary import counted
from august1956.tables.curated import require_columns, row_unit
from august1956.tables.references import source_text
from august1956.text.corpus import date_label, quote_markdown
from august1956.text.units import unit_label

EVENT_COLUMNS = (
    "event_id",
    "date_start",
    "date_end",
    "date_precision",
    "event",
    "kind",
    "source",
    "source_type",
    "disagreement",
)
SOURCE_COLOURS = {"corpus": "#0072B2", "outside": "#7F7F7F"}
SHAPES = ("single day", "several days", "month or year only")
# Phrases by which the curators say that the other source agrees: not a disagreement.
AGREEMENT_RE = re.compile(
    r"\bagrees\b|gives the same date|lists the same|holds the same|also names", re.IGNORECASE
)
_ISO_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SEE_RE = re.compile(r"\(see ([0-9a-z-]+)\)")


def require_events(events: pd.DataFrame) -> None:
    """Fail clearly when a table is not the events table."""
    require_columns(events, "events", EVENT_COLUMNS)


def span(start: str, end: str = "", precision: str = "day") -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time an event covers, as [first moment, first moment after), at its precision.

    A month-precision date covers the whole month, a year-precision date the whole year.

    >>> span("1956-08-30", "1956-08-31")
    (Timestamp('1956-08-30 00:00:00'), Timestamp('1956-09-01 00:00:00'))
    >>> span("1956-06", "1956-07", "month")
    (Timestamp('1956-06-01 00:00:00'), Timestamp('1956-08-01 00:00:00'))
    >>> span("1956", "", "year")
    (Timestamp('1956-01-01 00:00:00'), Timestamp('1957-01-01 00:00:00'))
    """
    if not start or precision == "unknown":
        return pd.NaT, pd.NaT
    step = {"day": pd.DateOffset(days=1), "month": pd.DateOffset(months=1)}.get(
        precision, pd.DateOffset(years=1)
    )
    for value in (start, end):
        if value and not _ISO_RE.match(value):
            raise ValueError(
                f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): fix the row."
            )
    first = pd.Timestamp(start)
    last = pd.Timestamp(end or start)
    if last < first:
        raise ValueError(f"the event ends ({end}) before it starts ({start}): fix the row.")
    return first, last + step


def short_title(event: str, width: int = 54) -> str:
    """The first clause of an event's description, asides dropped, cut to ``width`` characters.

    >>> short_title("KWP Third Congress, the first in eight years.")
    'KWP Third Congress, the first in eight years'
    >>> short_title("CPSU Twentieth Congress; Khrushchev's secret speech on 25 February.")
    'CPSU Twentieth Congress'
    >>> short_title("Trip legs: Albania, then Poland (unconfirmed; no dates).")
    'Trip legs: Albania, then Poland'
    """
    plain = re.sub(r"\s*\([^)]*\)", "", event.strip())
    first = re.split(r"[;.](?:\s|$)", plain, maxsplit=1)[0].strip()
    return textwrap.shorten(first, width=width, placeholder="…")


def drawn_as(first: pd.Timestamp, after: pd.Timestamp, precision: str) -> str:
    """How the timeline draws an event: a point, a bar, or a faint bar for a vague date.

    >>> drawn_as(*span("1956-09-23"), "day"), drawn_as(*span("1956-04", "", "month"), "month")
    ('single day', 'month or year only')
    """
    if precision in ("month", "year"):
        return "month or year only"
    return "single day" if after - first <= pd.Timedelta(days=1) else "several days"


def event_spans(events: pd.DataFrame) -> pd.DataFrame:
    """The events with their spans, labels and drawing shape, in date order.

    Adds: first, after (exclusive end), when (the date as written), title
    (short), shape, and ``note``, the ``disagreement`` for readers (a
    cross-reference "(see <event_id>)" names the other event's title). The
    ``source`` of an outside row becomes its short citation from the
    bibliography. Undated events are dropped.
    """
    require_events(events)
    out = events.copy()
    spans = [
        span(s, e, p)
        for s, e, p in zip(out["date_start"], out["date_end"], out["date_precision"], strict=True)
    ]
    out["first"] = [s[0] for s in spans]
    out["after"] = [s[1] for s in spans]
    out = out.dropna(subset=["first"])
    out["when"] = [
        date_label(s, e, p)
        for s, e, p in zip(out["date_start"], out["date_end"], out["date_precision"], strict=True)
    ]
    out["title"] = out["event"].map(short_title)
    titles = dict(zip(out["event_id"], out["title"], strict=True))
    out["note"] = [
        _SEE_RE.sub(lambda m: f"(see “{titles.get(m.group(1), m.group(1))}”)", d)
        for d in out["disagreement"]
    ]
    out["source"] = out["source"].map(source_text)
    out["shape"] = [
        drawn_as(f, a, p)
        for f, a, p in zip(out["first"], out["after"], out["date_precision"], strict=True)
    ]
    return out.sort_values(["first", "after", "source_type"]).reset_index(drop=True)


def _hover(row: pd.Series) -> str:
    text = [
        f"<b>{row['when']}</b> ({row['source_type']})",
        hover_lines(row["event"]),
        "<i>Source:</i> " + row["source"],
    ]
    if row["note"]:
        text.append("<i>Note:</i> " + hover_lines(row["note"]))
    return "<br>".join(text)


def timeline_chart(events: pd.DataFrame) -> go.Figure:
    """One row per event, corpus rows in blue and outside rows in grey with hatching.

    Single days are points, spans are bars, and dates known only to the month
    or year are faint bars, so that no event looks more precise than its source.
    """
    spans = event_spans(events)
    # Rows are numbered so that two events with the same date label stay apart; the axis shows
    # the date, and each event's title is written beside its mark, leaving the width to time.
    spans["row"] = range(len(spans))
    fig = go.Figure()
    for source, colour in SOURCE_COLOURS.items():
        for how in SHAPES:
            part = spans[(spans["source_type"] == source) & (spans["shape"] == how)]
            if part.empty:
                continue
            name = f"{source}: {how}"
            hover = [_hover(r) for _, r in part.iterrows()]
            if how == "single day":
                fig.add_scatter(
                    x=part["first"] + pd.Timedelta(hours=12),
                    y=part["row"],
                    mode="markers",
                    name=name,
                    marker=dict(
                        color=colour,
                        size=11,
                        symbol="diamond" if source == "corpus" else "diamond-open",
                        line=dict(width=2, color=colour),
                    ),
                    hovertext=hover,
                    hoverinfo="text",
                )
                continue
            vague = how == "month or year only"
            fig.add_bar(
                base=part["first"],
                x=(part["after"] - part["first"]).dt.total_seconds() * 1000,
                y=part["row"],
                orientation="h",
                name=name,
                marker=dict(
                    color=colour,
                    opacity=0.35 if vague else 0.9,
                    pattern=dict(shape="/" if source == "outside" else ""),
                    line=dict(color=colour, width=1),
                ),
                hovertext=hover,
                hoverinfo="text",
            )
    # Titles go right of early marks and left of late ones, so none runs off the chart; a bar
    # that spans most of the year carries its title inside, from its start. Each title hangs
    # on an invisible marker as wide as a diamond, which keeps it clear of the mark at any
    # width of the page (a gap in days shrinks to nothing on a phone).
    late = spans["first"] >= pd.Timestamp("1956-08-15")
    long = ~late & (spans["after"] > pd.Timestamp("1956-10-01"))
    text_x = spans["after"].where(~late, spans["first"]).where(~long, spans["first"])
    fig.add_scatter(
        x=text_x,
        y=spans["row"],
        mode="markers+text",
        marker=dict(size=16, opacity=0),
        text=[short_title(e, 44) for e in spans["event"]],
        textposition=["middle left" if x else "middle right" for x in late],
        textfont=dict(size=10),
        hoverinfo="skip",
        showlegend=False,
    )
    fig.update_xaxes(type="date", title="date", range=time_axis(pad_days=12), showgrid=True)
    fig.update_yaxes(
        title="",
        tickvals=spans["row"],
        ticktext=spans["when"],
        autorange="reversed",
        automargin=True,
        tickfont=dict(size=10),
        showgrid=False,
    )
    plot_height = 22 * len(spans)
    fig.update_layout(
        legend=dict(orientation="h", x=0, xanchor="left", y=-60 / plot_height, yanchor="top"),
        bargap=0.35,
    )
    mark_1956(fig)
    n_corpus = int((spans["source_type"] == "corpus").sum())
    finish(
        fig,
        title="1956 as the sources date it",
        alt=(
            f"Timeline of {len(spans)} dated events from January 1956 to January 1957, one row "
            f"each: {n_corpus} from the corpus (blue) and {len(spans) - n_corpus} from outside "
            "sources (grey, hatched). Single days are diamonds, spans bars, month-only dates "
            "faint bars. Kim Il Sung's absence abroad is shaded and the two plenums marked."
        ),
        source="The book's events table; corpus rows from CWIHP Bulletin 16,<br>outside rows "
        "from published works and archival records (see the bibliography)",
        height=plot_height + 310,
        margin=dict(t=90, b=220, r=10),
        source_px=165,  # under the legend
        # Each event's title is written beside its mark: under this width a phone's plot left
        # them a word or two each. A phone scrolls the chart sideways instead.
        min_width=620,
    )
    return fig


def paired_dates(events: pd.DataFrame) -> pd.DataFrame:
    """The same event dated by the corpus and by outside sources, side by side.

    Pairs come from the curators' cross-references ("(see <event_id>)").

    >>> from august1956.tables.curated import read_table
    >>> pairs = paired_dates(read_table("events"))
    >>> pairs[["corpus date", "outside date"]].values.tolist()[1]
    ['Apr 1956', '23 Apr 1956']
    """
    spans = event_spans(events).set_index("event_id")
    seen, rows = set(), []
    for eid, row in spans.iterrows():
        for other in _SEE_RE.findall(row["disagreement"]):
            if other not in spans.index:
                raise ValueError(f"{eid} refers to an unknown event {other!r}: fix events.csv.")
            pair = frozenset((eid, other))
            if pair in seen:
                continue
            seen.add(pair)
            a, b = spans.loc[eid], spans.loc[other]
            corpus, outside = (a, b) if a["source_type"] == "corpus" else (b, a)
            rows.append(
                {
                    "event": short_title(corpus["event"]),
                    "corpus date": corpus["when"],
                    "corpus source": corpus["source"],
                    "outside date": outside["when"],
                    "what differs": corpus["note"] or outside["note"],
                }
            )
    return pd.DataFrame(rows)


def disagreement_kind(note: str, source_type: str) -> str:
    """Sort a row's ``disagreement`` note into the kind of problem it records.

    >>> disagreement_kind("The Wilson Center Digital Archive holds the same record.", "corpus")
    'agreement'
    >>> disagreement_kind("Date and chargé come from the Wilson Center Digital Archive's record "
    ...                   "of the conversation; the fragment is undated.", "corpus")
    'date supplied from outside'
    >>> disagreement_kind('The day is lost in the damaged line ("on �� January").', "corpus")
    'date damaged, approximate or inferred'
    """
    if not note:
        return ""
    if AGREEMENT_RE.search(note):
        return "agreement"
    if re.search(r"undated|has neither", note):
        return "date supplied from outside"
    if re.search(r"[Uu]nconfirmed", note):
        return "outside source unconfirmed"
    if re.search(r"\badds\b", note):
        return "outside source adds a fact"
    if re.search(r"\blost\b|unclear|inferred|only by counting|approximate", note):
        return "date damaged, approximate or inferred"
    if source_type == "outside" or re.search(r"Wilson Center|Lankov|[Oo]utside", note):
        return "corpus and outside differ"
    return "note within the corpus"


def disagreements(events: pd.DataFrame) -> pd.DataFrame:
    """Every row with a note on its date or facts, sorted into kinds, agreements left out."""
    spans = event_spans(events)
    spans["kind of problem"] = [
        disagreement_kind(n, s)
        for n, s in zip(spans["disagreement"], spans["source_type"], strict=True)
    ]
    keep = spans[~spans["kind of problem"].isin(["", "agreement"])]
    return keep[["when", "title", "source_type", "source", "kind of problem", "note"]].rename(
        columns={"when": "date", "title": "event", "source_type": "from"}
    )


def agreements(events: pd.DataFrame) -> pd.DataFrame:
    """The corpus rows whose notes say an outside source gives the same date."""
    spans = event_spans(events)
    kinds = [
        disagreement_kind(n, s)
        for n, s in zip(spans["disagreement"], spans["source_type"], strict=True)
    ]
    return spans[[k == "agreement" for k in kinds]][["when", "title", "source", "note"]]


def event_quote(corpus, events: pd.DataFrame, event_id: str) -> str:
    """A corpus event's evidence as a block quote, its label found by the library.

    >>> from august1956 import load
    >>> from august1956.tables.curated import read_table
    >>> print(event_quote(load(), read_table("events"), "1956-09-06-cpsu-presidium"))
    > “the CPSU Presidium discussed the North Korean issue on 6 September 1956”
    >
    > — [Shimotomai, article, ¶12](article-p12)
    """
    rows = events[events["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event {event_id!r} in data/events.csv")
    row = rows.iloc[0]
    if row["source_type"] != "corpus":
        raise ValueError(
            f"{event_id} rests on an outside source ({row['source']}), not on a corpus quote: "
            "cite the work instead."
        )
    return quote_markdown(corpus, row["evidence"], row_unit(row))


def during_absence(events: pd.DataFrame) -> pd.DataFrame:
    """Corpus events dated to the days while Kim Il Sung was abroad, and how each date is known.

    >>> from august1956.tables.curated import read_table
    >>> absent = during_absence(read_table("events"))
    >>> "date supplied from outside" in set(absent["date known from"])
    True
    """
    spans = event_spans(events)
    start, end = (pd.Timestamp(d) for d in KIM_ABROAD)
    inside = spans[
        (spans["source_type"] == "corpus")
        & (spans["date_precision"] == "day")
        & (spans["first"] >= start)
        & (spans["first"] <= end)
    ]
    known = [
        "date supplied from outside"
        if disagreement_kind(n, "corpus") == "date supplied from outside"
        else "the corpus"
        for n in inside["disagreement"]
    ]
    return pd.DataFrame(
        {
            "date": inside["when"],
            "event": inside["event"],
            "source": inside["source"],
            "date known from": known,
        }
    ).reset_index(drop=True)


def archive_dates(corpus, records: pd.DataFrame, archive_disagreements: pd.DataFrame) -> str:
    """The documents that a record of the Wilson Center Digital Archive dates otherwise than
    this edition's text, as Markdown: both dates, each with where it stands and a link
    (the paragraph of the edition, the record's page), neither taken as the right one.

    >>> from august1956 import load
    >>> from august1956.tables.archive import read_crosswalk
    >>> text = archive_dates(load(), *read_crosswalk())
    >>> "“December 28, 1956”" in text and "[Document No. 30, ¶2](" in text
    True
    """
    dates = archive_disagreements[archive_disagreements["kind"] == "date"]
    if dates.empty:
        return "No record of the archive dates a document otherwise than this edition's text."
    found = records.set_index("record_id")
    lines = []
    for _, row in dates.sort_values("doc_no", key=lambda s: s.astype(int)).iterrows():
        record = found.loc[row["record_id"]]
        unit = row_unit(row)
        citation = corpus.cite(row["evidence"], unit)
        line = (
            f"- **{unit_label(unit)}.** This edition's text reads “{row['evidence']}”, in "
            f"{row['corpus_where']} ({citation.markdown()}); the archive's record "
            f"[{record['title']}]({record['url']}) reads “{row['record_reading']}”, in "
            f"{row['record_where']}."
        )
        if row["note"]:
            line += f" {row['note']}"
        lines.append(line)
    n = dates["doc_no"].nunique()
    head = (
        f"In {counted(n, 'document')} a record of the archive and this edition's text give "
        "different dates:"
    )
    return "\n\n".join([head, "\n".join(lines)])
