"""Shared chart conventions: every chart in the book speaks the same visual language.

One colour per background (Soviet-Korean, Yan'an, partisan, ...), one per
attribution kind, Kim Il Sung's absence abroad shaded, the two plenums marked.
Figures carry a title, labelled axes, a source line and alt text
(``layout.meta.alt``, which the book's renderer turns into an ARIA label).
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from august1956.text.corpus import document_date_words

# Colour-blind-safe palette (Okabe-Ito), one colour per background.
BACKGROUND_COLOURS = {
    "Soviet-Korean": "#0072B2",
    "Yan'an": "#D55E00",
    "partisan": "#009E73",
    "domestic": "#CC79A7",
    "Soviet official": "#56B4E9",
    "Chinese official": "#E69F00",
    "other": "#999999",
}
# The same palette in order, for series that are not backgrounds (speakers, documents).
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
# One colour per voice (whose words a document relays), the same in every chart:
# chapter 7's "faction" labels and chapter 8's term families show the same people.
# The Soviet side's own words are grey wherever they appear.
SOVIET_GREY = "#999999"
VOICE_COLOURS = {
    "Bak Changok": "#0072B2",
    "Bak Uiwan": "#D55E00",
    "Chao Kaelyan": "#009E73",
    "Choe Changik and Gim Seunghwa": "#CC79A7",
    "Li Sangjo": "#E69F00",
    "Nam Il": "#56B4E9",
    "Soviet officials' own text": SOVIET_GREY,
    "Shimotomai (historian)": "#000000",
    "Person (historian)": "#882255",
    # All the documents together (the language chapter's rates): a colour no person has.
    "the documents": "#117733",
}
ATTRIBUTION_COLOURS = {"header": "#0072B2", "inferred": "#E69F00"}
KIND_COLOURS = {"restored": "#0072B2", "inferred": "#E69F00", "lost": "#D55E00"}

# Kim Il Sung's government delegation abroad, 1 June to 19 July 1956, as Kim's own report to
# the August Plenum dates it (Wilson Center Digital Archive; book/references.bib,
# wcda-kim-plenum-speech).
KIM_ABROAD = ("1956-06-01", "1956-07-19")
PLENUMS = {"August Plenum": "1956-08-30", "September Plenum": "1956-09-23"}


def hover_lines(text: str, width: int = 70) -> str:
    """A long hover text broken at spaces into lines of ``width`` characters at most, so
    that the tooltip stays on the screen; words are never split.

    >>> hover_lines("one two three", 7)
    'one two<br>three'
    >>> hover_lines("")
    ''
    """
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))


# The study's window on every date axis of the book: the year 1956 and the January after
# it, into which the last documents fall. Charts of the same window can be read together.
TIME_WINDOW = ("1956-01-01", "1957-01-31")


def time_axis(pad_days: int = 0) -> list[str]:
    """The study's window as a date axis's range, widened by ``pad_days`` on each side for
    marks that would otherwise sit on the frame.

    >>> time_axis(), time_axis(12)
    (['1956-01-01', '1957-01-31'], ['1955-12-20', '1957-02-12'])
    """
    pad = pd.Timedelta(days=pad_days)
    start, end = (pd.Timestamp(d) for d in TIME_WINDOW)
    return [(start - pad).strftime("%Y-%m-%d"), (end + pad).strftime("%Y-%m-%d")]


FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=13)


DEFAULT_MARGIN = {"l": 60, "r": 20, "t": 60, "b": 80}
SOURCE_LINE_PX = 15  # one line of the 11 px source note
SOURCE_WRAP = 60  # characters per line of the source note
MARK_ROW_PX = 15  # one row of the 10 px labels mark_1956 sets above a date axis
MARKS_TOP_PX = 100  # a top margin that holds the title and those three rows
SOURCE_PX = 57  # from the plot's lower edge to the source note, unless a chart says otherwise
SOURCE_NOTE = "source"  # the name of the source note's annotation


def voice_colours(voices: list[str]) -> dict[str, str]:
    """A colour for each voice: its own from ``VOICE_COLOURS``, else the first palette
    colour no voice here has, in sorted order.

    >>> voice_colours(["Li Sangjo", "Soviet officials' own text", "Kim Il Sung"])
    {'Kim Il Sung': '#F0E442', 'Li Sangjo': '#E69F00', "Soviet officials' own text": '#999999'}
    """
    names = sorted(set(voices))
    colours = {v: VOICE_COLOURS[v] for v in names if v in VOICE_COLOURS}
    free = [c for c in OKABE_ITO if c not in VOICE_COLOURS.values()]
    for v in names:
        if v not in colours:
            colours[v] = free.pop(0) if free else "#555555"
    return dict(sorted(colours.items()))


def finish(
    fig: go.Figure,
    *,
    title: str,
    alt: str,
    source: str,
    height: int = 420,
    margin: dict[str, int] | None = None,
    source_px: int = SOURCE_PX,
    legend_px: int | None = None,
    source_wrap: int = SOURCE_WRAP,
    min_width: int | None = None,
) -> go.Figure:
    """Apply the book's layout: title, source note under the plot, alt text, no logo.

    Everything under the plot is placed in pixels below the plot's lower edge,
    so that it keeps its distance from the axis title whatever the figure's
    height: the source note ``source_px`` below (by default ``SOURCE_PX``, under
    a one-line axis title), wrapped at ``source_wrap`` characters (fewer where long
    axis labels leave a narrow plot), and, with ``legend_px``, a
    horizontal legend. ``margin``
    overrides the default margins; the bottom one grows to fit the source.
    The note is the annotation named ``SOURCE_NOTE``. ``min_width`` is the narrowest the
    chart can be read at (a grid of many columns); on a narrower screen the book's page
    keeps it that wide and lets it scroll sideways in its own box.

    >>> fig = finish(go.Figure(), title="t", alt="a", source="s", height=400,
    ...              margin=dict(b=100), source_px=60)
    >>> fig.layout.margin.b, round(fig.layout.annotations[-1].y, 3)
    (100, -0.25)
    """
    margins = {**DEFAULT_MARGIN, **(margin or {})}
    # A helper run before (mark_1956) may have asked for more room at the top.
    margins["t"] = max(margins["t"], fig.layout.margin.t or 0)
    # The note starts at the plot's left edge, which long axis labels push right: wrap it.
    note = "<br>".join(
        "<br>".join(textwrap.wrap(part, source_wrap)) for part in f"Source: {source}".split("<br>")
    )
    lines = note.count("<br>") + 1
    margins["b"] = max(margins["b"], source_px + SOURCE_LINE_PX * lines + 8)
    plot_px = height - margins["t"] - margins["b"]
    if plot_px < 40:
        raise ValueError(
            f"chart {title!r}: height {height} leaves {plot_px} px for the plot after the "
            f"margins {margins}; give a larger height or smaller margins"
        )
    fig.update_layout(
        # At the top of the figure, not the middle of the top margin, where a
        # legend set above the plot would run into it.
        title=dict(
            text=title, x=0, xanchor="left", yref="container", y=1, yanchor="top", pad=dict(t=14)
        ),
        font=FONT,
        height=height,
        margin=margins,
        template="plotly_white",
        meta=dict(alt=alt, **({"min_width": min_width} if min_width else {})),
    )
    if legend_px is not None:
        fig.update_layout(
            legend=dict(orientation="h", x=0, xanchor="left", y=-legend_px / plot_px, yanchor="top")
        )
    fig.add_annotation(
        # The book's pages print the note as text under the chart, where it wraps to any
        # screen (august1956.sphinxext.plotly_mime finds it by this name); a notebook and
        # a saved image keep it in the figure.
        name=SOURCE_NOTE,
        text=note,
        xref="paper",
        yref="paper",
        x=0,
        y=-source_px / plot_px,
        yanchor="top",
        showarrow=False,
        xanchor="left",
        align="left",
        font=dict(size=11, color="#555"),
    )
    return fig


def above_plot(fig: go.Figure, px: float) -> float:
    """The paper coordinate ``px`` pixels above the top of a finished figure's plot.

    >>> fig = finish(go.Figure(), title="t", alt="a", source="s", height=400)
    >>> round(above_plot(fig, 26), 3)  # the plot is 400 - 60 - 80 = 260 px tall
    1.1
    """
    margin = fig.layout.margin
    return 1 + px / (fig.layout.height - margin.t - margin.b)


def mark_1956(fig: go.Figure) -> go.Figure:
    """Shade Kim Il Sung's absence abroad and mark the two plenums on a date axis.

    The labels sit on three rows just above the plot, placed in pixels so that
    they never collide, whatever the chart's height; the top margin is raised
    to hold them under the title (``finish`` keeps the larger margin).
    """
    fig.add_vrect(
        x0=KIM_ABROAD[0], x1=KIM_ABROAD[1], fillcolor="#bbbbbb", opacity=0.25, line_width=0
    )
    labels = [("Kim Il Sung abroad", KIM_ABROAD[0])] + list(PLENUMS.items())
    # The corpus gives no day for either end of the journey (a June arrival in Moscow, "summer",
    # Person's "month-long"); the band's dates
    # are Kim's own, in his report to the August Plenum, and its label says so on hover.
    hover = {
        "Kim Il Sung abroad": (
            "1 June-19 July 1956, the dates Kim Il Sung gives in his report to the August "
            "Plenum (Wilson Center Digital Archive);<br>the corpus gives only an arrival in "
            "Moscow in June (a note on Document No. 4), 'summer' and Person's 'month-long'"
        )
    }
    for day in PLENUMS.values():
        fig.add_vline(x=day, line_dash="dash", line_color="#333", line_width=1)
    for row, (text, x) in enumerate(labels):
        fig.add_annotation(
            x=x,
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=2 + MARK_ROW_PX * row,
            text=text,
            hovertext=hover.get(text),
            showarrow=False,
            xanchor="left",
            font=dict(size=10, color="#333"),
        )
    fig.update_layout(margin_t=max(fig.layout.margin.t or 0, MARKS_TOP_PX))
    return fig


def survival_chart(documents: pd.DataFrame) -> go.Figure:
    """Words of text that survive for each document, coloured by how it is attributed."""
    df = documents.copy()
    df["label"] = "No. " + df["doc_no"].astype(str)
    df["how"] = df["header_present"].map({"True": "header", "False": "inferred"})
    df["when"] = [
        document_date_words(d, p, n)
        for d, p, n in zip(df["date"], df["date_precision"], df["date_note"], strict=True)
    ]
    fig = go.Figure()
    for how, colour in ATTRIBUTION_COLOURS.items():
        part = df[df["how"] == how]
        fig.add_bar(
            x=part["label"],
            y=part["n_words"],
            name="header survives" if how == "header" else "headless: attributed by inference",
            marker_color=colour,
            customdata=part[["title", "when", "attribution_confidence"]].values,
            hovertemplate="%{x}: %{y} words<br>%{customdata[0]}<br>%{customdata[1]}"
            "<br>weakest attribution: %{customdata[2]}<extra></extra>",
        )
    fig.update_xaxes(title="document", categoryorder="array", categoryarray=df["label"].tolist())
    fig.update_yaxes(title="words in the corpus")
    n_head = int((df["how"] == "header").sum())
    longest, next_longest = df.sort_values("n_words", ascending=False).iloc[:2].to_dict("records")
    return finish(
        fig,
        title="What survives of each document",
        alt=(
            f"Bar chart of the words surviving for each of {len(df)} documents; {n_head} keep "
            f"their header and {len(df) - n_head} are headless fragments. Document No. "
            f"{longest['doc_no']} is the longest, with {int(longest['n_words']):,} words, "
            f"{int(longest['n_words']) / int(next_longest['n_words']):.1f} times the "
            f"{int(next_longest['n_words']):,} of the next (No. {next_longest['doc_no']})."
        ),
        source="CWIHP Bulletin 16 corpus; the book's document catalog",
        source_px=88,  # under the slanted document labels and the axis title
    )


def damage_chart(lines: pd.DataFrame, bin_size: int = 50) -> go.Figure:
    """Share of damaged lines along the file, in bins of ``bin_size`` lines."""
    df = lines[lines["raw"].str.strip() != ""].copy()
    df["bin"] = (df["line"] - 1) // bin_size * bin_size + 1
    agg = df.groupby("bin").agg(damaged=("damaged", "sum"), total=("damaged", "size"))
    agg["share"] = agg["damaged"] / agg["total"]
    fig = go.Figure(
        go.Bar(
            x=agg.index,
            y=agg["share"] * 100,
            marker_color=KIND_COLOURS["lost"],
            customdata=agg[["damaged", "total"]].values,
            hovertemplate="lines %{x}-: %{customdata[0]} of %{customdata[1]} damaged"
            "<extra></extra>",
        )
    )
    fig.update_xaxes(title=f"line of the raw file (bins of {bin_size})")
    fig.update_yaxes(title="damaged lines (%)", rangemode="tozero")
    total = int(df["damaged"].sum())
    return finish(
        fig,
        title="Where the font damage falls in the file",
        alt=(
            f"Bar chart of the share of damaged lines along the raw file: {total} of "
            f"{len(df)} non-blank lines are damaged, scattered through every part."
        ),
        source="The repaired corpus compared with the source file as received",
    )
