"""Shared chart conventions: every chart in the book speaks the same visual language.

One colour per background (Soviet-Korean, Yan'an, partisan, ...), one per
attribution kind, Kim Il Sung's absence abroad shaded, the two plenums marked.
Figures carry a title, labelled axes, a source line and alt text
(``layout.meta.alt``, which the book's renderer turns into an ARIA label).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

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
ATTRIBUTION_COLOURS = {"header": "#0072B2", "inferred": "#E69F00"}
KIND_COLOURS = {"restored": "#0072B2", "inferred": "#E69F00", "lost": "#D55E00"}

# Kim Il Sung's government delegation abroad (historiography.md §3: 1 June - c. 19 July 1956).
KIM_ABROAD = ("1956-06-01", "1956-07-19")
PLENUMS = {"August Plenum": "1956-08-30", "September Plenum": "1956-09-23"}
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=13)


def finish(fig: go.Figure, *, title: str, alt: str, source: str, height: int = 420) -> go.Figure:
    """Apply the book's layout: title, source note under the plot, alt text, no logo."""
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        font=FONT,
        height=height,
        margin=dict(l=60, r=20, t=60, b=80),
        template="plotly_white",
        meta=dict(alt=alt),
    )
    fig.add_annotation(
        text=f"Source: {source}",
        xref="paper",
        yref="paper",
        x=0,
        y=-0.22,
        showarrow=False,
        xanchor="left",
        font=dict(size=11, color="#555"),
    )
    return fig


def mark_1956(fig: go.Figure) -> go.Figure:
    """Shade Kim Il Sung's absence abroad and mark the two plenums on a date axis.

    The labels sit on three heights above the plot so that they never collide,
    even on a narrow page.
    """
    fig.add_vrect(
        x0=KIM_ABROAD[0], x1=KIM_ABROAD[1], fillcolor="#bbbbbb", opacity=0.25, line_width=0
    )
    labels = [("Kim Il Sung abroad", KIM_ABROAD[0], 1.02)] + [
        (name, day, 1.08 + 0.06 * k) for k, (name, day) in enumerate(PLENUMS.items())
    ]
    for day in PLENUMS.values():
        fig.add_vline(x=day, line_dash="dash", line_color="#333", line_width=1)
    for text, x, y in labels:
        fig.add_annotation(
            x=x,
            y=y,
            yref="paper",
            text=text,
            showarrow=False,
            xanchor="left",
            font=dict(size=10, color="#333"),
        )
    return fig


def survival_chart(documents: pd.DataFrame) -> go.Figure:
    """Words of text that survive for each document, coloured by how it is attributed."""
    df = documents.copy()
    df["label"] = "No. " + df["doc_no"].astype(str)
    df["how"] = df["header_present"].map({"True": "header", "False": "inferred"})
    fig = go.Figure()
    for how, colour in ATTRIBUTION_COLOURS.items():
        part = df[df["how"] == how]
        fig.add_bar(
            x=part["label"],
            y=part["n_words"],
            name="header survives" if how == "header" else "headless: attributed by inference",
            marker_color=colour,
            customdata=part[["title", "date", "attribution_confidence"]].values,
            hovertemplate="%{x}: %{y} words<br>%{customdata[0]}<br>%{customdata[1]}"
            "<br>weakest attribution: %{customdata[2]}<extra></extra>",
        )
    fig.update_xaxes(title="document", categoryorder="array", categoryarray=df["label"].tolist())
    fig.update_yaxes(title="words in the corpus")
    n_head = int((df["how"] == "header").sum())
    return finish(
        fig,
        title="What survives of each document",
        alt=(
            f"Bar chart of the words surviving for each of {len(df)} documents; {n_head} keep "
            f"their header and {len(df) - n_head} are headless fragments. Document 21, Li "
            "Sangjo's letter with a Soviet summary, is by far the longest."
        ),
        source="CWIHP Bulletin 16 corpus; data/documents.csv",
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
        source="data/corpus/repaired.txt compared with data/raw",
    )
