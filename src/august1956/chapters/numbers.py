"""Numbers in the documents: the curated figures, where they disagree, and their arithmetic.

Every quantitative statement of the corpus is a row of ``data/figures.csv``. Rows
that measure the same thing in different places share a ``compare_key``. A figure
whose digits the damaged font destroyed has the qualifier ``lost`` and no value:
it is shown as lost and never estimated.

>>> stated_value(pd.Series({"value": 10000.0, "value_high": None, "qualifier": "about"}))
'about 10,000'
>>> stated_value(pd.Series({"value": None, "value_high": None, "qualifier": "lost"}))
'lost'
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from august1956.chapters import charts
from august1956.chapters.vocabulary import UNNAMED
from august1956.tables.curated import read_table, row_unit
from august1956.tables.people import NAMED_OUTSIDE, named_in, person_name
from august1956.text.corpus import Corpus
from august1956.text.source import CorpusError
from august1956.text.units import unit_label

QUALIFIER_ORDER = [
    "exact",
    "about",
    "more than",
    "at least",
    "up to",
    "range",
    "ratio",
    "rhetorical",
    "lost",
]
QUALIFIER_COLOURS = {
    "exact": "#0072B2",
    "about": "#56B4E9",
    "more than": "#009E73",
    "at least": "#332288",
    "up to": "#F0E442",
    "range": "#E69F00",
    "ratio": "#CC79A7",
    "rhetorical": "#999999",
    "lost": charts.KIND_COLOURS["lost"],
}


def read_figures(root: Path | None = None) -> pd.DataFrame:
    """``data/figures.csv`` with numbers as numbers and a readable ``where`` and ``said_by``."""
    df = read_table("figures", root)
    for col in ("value", "value_high"):
        df[col] = pd.to_numeric(df[col].replace("", None), errors="raise")
    df["doc_no"] = pd.to_numeric(df["doc_no"].replace("", None)).astype("Int64")
    bad = df[(df["qualifier"] == "lost") != df["value"].isna()]
    if len(bad):
        raise CorpusError(
            "figures.csv: a figure has a value exactly when its digits survive; fix the rows "
            + ", ".join(bad["figure_id"])
        )
    df["where"] = [unit_label(row_unit(r)) for _, r in df.iterrows()]
    df["said_by"] = [said_by(s, o) for s, o in zip(df["speaker"], df["speaker_org"], strict=True)]
    df["to_whom"] = [audience_name(a) for a in df["audience"]]
    df["stated"] = df.apply(stated_value, axis=1)
    return df


def said_by(speaker: str, speaker_org: str) -> str:
    """Who states a figure, naming the organisation that relays a person's figure.

    >>> said_by("li-sangjo", "cpsu-cc")
    'Li Sangjo, as relayed by the CPSU Central Committee'
    >>> said_by("", "cpsu-cc")
    'CPSU Central Committee'
    """
    if speaker and speaker_org:
        return f"{person_name(speaker)}, as relayed by the {person_name(speaker_org)}"
    return person_name(speaker or speaker_org) or UNNAMED


def audience_name(audience: str) -> str:
    """The audience as a reader would name it: a person id becomes a name, prose stays.

    >>> audience_name("ivanov"), audience_name("readers of the CWIHP Bulletin 16")
    ('V. I. Ivanov', 'readers of the CWIHP Bulletin 16')
    """
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", audience.strip()):
        return person_name(audience)
    return audience


def audience_named_outside(figures: pd.DataFrame, corpus: Corpus) -> pd.Series:
    """True where a figure's audience is a person whom the figure's own text never names.

    A record whose heading is lost may leave the official who heard a figure unnamed;
    if the tables name him from another document or an outside record, a table that
    shows him must say so.
    """

    def outside(row: pd.Series) -> bool:
        audience = str(row["audience"]).strip()
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", audience):
            return False
        unit = row_unit(row)
        return audience not in named_in(corpus.text(unit, emend=False), unit)

    return figures.apply(outside, axis=1).astype(bool)


def speakers_table(figures: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """How many figures each speaker states to each audience, the largest first.

    An audience the source does not name, but the book does from outside the corpus,
    says so.
    """
    to_whom = figures["to_whom"].where(
        ~audience_named_outside(figures, corpus), figures["to_whom"] + f" ({NAMED_OUTSIDE})"
    )
    return (
        figures.assign(to_whom=to_whom)
        .groupby(["said_by", "to_whom"])
        .size()
        .rename("figures")
        .reset_index()
        .rename(columns={"said_by": "who states it", "to_whom": "to whom"})
        .sort_values(["figures", "who states it"], ascending=[False, True])
        .reset_index(drop=True)
    )


def short_where(where: str) -> str:
    """A tick label: "No. 21" for a document, the author's name for a historian's text.

    >>> short_where("Document No. 21"), short_where("Shimotomai, article")
    ('No. 21', 'Shimotomai')
    """
    if where.startswith("Document No. "):
        return "No. " + where.removeprefix("Document No. ")
    return where.split(",")[0]


# A share that a text gives in words ("about one-third") is said in words again.
FRACTION_WORDS = {0.25: "one-quarter", 0.33: "one-third", 0.5: "one-half", 0.67: "two-thirds"}


def _as_number(x) -> float | None:
    """A figure's number from the table, read as text (the edition) or as a float."""
    if x is None or (isinstance(x, float) and pd.isna(x)) or str(x).strip() == "":
        return None
    return float(x)


def thousands(x: float) -> str:
    """A number as a reader writes it: thousands separated, decimals only where it has them.

    >>> thousands(185000000.0), thousands(70), thousands(2.5)
    ('185,000,000', '70', '2.50')
    """
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def stated_value(row: pd.Series, *, measure: bool = False) -> str:
    """A figure as the source states it: qualifier and number, a range, a ratio, a figure of
    speech, or lost; with ``measure``, followed by its unit of measure. The chapters and the
    edition both say a figure this way.

    >>> stated_value(pd.Series({"value": 30.0, "value_high": 40.0, "qualifier": "range"}))
    '30–40'
    >>> stated_value(pd.Series({"value": 300.0, "value_high": None, "qualifier": "ratio"}))
    'one in 300'
    >>> def say(**row):
    ...     return stated_value(pd.Series(row), measure=True)
    >>> say(value="300", qualifier="ratio", measure_unit="people per criminal")
    'one in 300'
    >>> say(value="60", qualifier="about", measure_unit="years")
    'about 60 years'
    >>> say(value="3", value_high="5", measure_unit="days")
    '3–5 days'
    >>> say(value="", qualifier="lost", measure_unit="years of age")
    'lost in the source (years of age)'
    >>> say(value="1", qualifier="about", measure_unit="days a week")
    'about 1 day a week'
    >>> say(value="1940", qualifier="exact", measure_unit="year")
    'the year 1940'
    >>> say(value="1000", qualifier="rhetorical", measure_unit="meetings")
    '1,000 meetings (a figure of speech)'
    >>> stated_value(pd.Series({"value": 0.33, "qualifier": "about", "measure_unit": "fraction"}))
    'about one-third'
    """
    q = str(row.get("qualifier", "") or "").strip()
    unit = str(row.get("measure_unit", "") or "").strip()
    value, high = _as_number(row.get("value")), _as_number(row.get("value_high"))
    if q == "lost" or value is None:
        return f"lost in the source ({unit})" if measure and unit else "lost"
    if unit == "year":
        # A calendar year, not a quantity of years: no thousands separator.
        year = f"{value:.0f}"
        return f"the year {year}" if measure else year
    if unit == "fraction":
        share = FRACTION_WORDS.get(round(value, 2), f"{value:.0%}")
        return " ".join(w for w in (q if q not in {"", "exact"} else "", share) if w)
    number = thousands(value)
    if high is not None:
        number = f"{number}–{thousands(high)}"
    elif value == 1 and unit:
        # "1 division", "1 day per week": the first word of the unit in the singular.
        first, _, rest = unit.partition(" ")
        unit = " ".join(w for w in (first.removesuffix("s"), rest) if w)
    if q == "ratio":
        # The unit of a ratio ("people per criminal") only repeats what "one in" says.
        return f"one in {number}"
    said = " ".join(
        w for w in (q if q not in {"", "exact", "range", "rhetorical"} else "", number) if w
    )
    if measure and unit:
        said += f" {unit}"
    return said + (" (a figure of speech)" if q == "rhetorical" else "")


# -- comparing figures ------------------------------------------------------------


def parts_add_up(values: list[float]) -> bool:
    """True when the largest of three or more values is the sum of the others (a total and parts).

    >>> parts_add_up([185e6, 85e6, 50e6, 50e6]), parts_add_up([130, 300])
    (True, False)
    """
    if len(values) < 3:
        return False
    values = sorted(values)
    return abs(values[-1] - sum(values[:-1])) < 1e-9 * values[-1]


def comparable_groups(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures that share a compare_key and a unit of measurement, each with its group's verdict.

    ``verdict`` is "differ" when at least two separate statements (different evidence
    quotes) give different values, "total and parts" when the values add up, "agree" when
    they give the same value, "one statement" for several values in one sentence (a list
    of prices) and "single" for a figure with no stated counterpart. Lost
    figures belong to their group but never count as a value. ``same_quantity`` says
    whether the rows describe the quantity in the same words: when they do not, the group
    pairs related quantities (a plan and its result, say) and a difference is expected.
    """
    keyed = figures[figures["compare_key"] != ""].copy()
    rows = []
    for (key, unit), group in keyed.groupby(["compare_key", "measure_unit"], sort=False):
        known = group[group["qualifier"] != "lost"]
        # One sentence listing several goods ("rice 100, potatoes 30-40") cannot disagree with
        # itself: values count as separate statements only when their evidence differs.
        statements = known.groupby("evidence")["value"].apply(frozenset)
        distinct = set(known["value"])
        if len(known) < 2:
            verdict = "single"
        elif len(distinct) < 2:
            verdict = "agree"
        elif len(statements) < 2:
            verdict = "one statement"
        elif parts_add_up(known["value"].tolist()):
            verdict = "total and parts"
        else:
            verdict = "differ"
        same = known["quantity"].nunique() == 1
        rows.append(group.assign(group=f"{key} ({unit})", verdict=verdict, same_quantity=same))
    if not rows:
        return keyed.assign(group=[], verdict=[], same_quantity=[])
    return pd.concat(rows, ignore_index=True)


# What each group of differing figures is, in words, once read against its documents. Only
# "rival figures" are a disagreement: two statements of one quantity. The others pair related
# quantities that the documents themselves set side by side, and a difference is expected.
RIVAL = "rival figures for one quantity"
DIFFERENCE_KINDS = {
    "convicted-other-crimes-1956": RIVAL,
    "suicides-grain-procurement": "perhaps a part and a whole (one province, the whole country)",
    "korean-fatherland-restoration-association-members": "Li Sangjo's figure against a claim he "
    "reports in order to reject it",
    "meetings-rhetorical": "one figure of speech in two different letters",
    "grain-procurement-plan-vs-actual": "a plan against its result",
    "soviet-koreans-in-leadership-1956": "two different counts: promotions, and posts in the "
    "Central Committee apparatus",
}


def difference_kind(compare_key: str) -> str:
    """What a group of differing figures is (``DIFFERENCE_KINDS``); unknown groups say so.

    >>> difference_kind("grain-procurement-plan-vs-actual")
    'a plan against its result'
    """
    if compare_key not in DIFFERENCE_KINDS:
        raise CorpusError(
            f"the figures of group {compare_key!r} differ, but nobody has said what kind of "
            "difference it is: add it to numbers.DIFFERENCE_KINDS after reading its documents."
        )
    return DIFFERENCE_KINDS[compare_key]


def disagreements(figures: pd.DataFrame) -> pd.DataFrame:
    """Every figure in a group whose separate statements differ, with what kind of difference.

    ``kind`` says what the pair is (:data:`DIFFERENCE_KINDS`); ``rival`` is True only for
    rival figures of one quantity, the plain contradictions, which come first.
    """
    groups = comparable_groups(figures)
    out = groups[groups["verdict"] == "differ"].copy()
    out["kind"] = out["compare_key"].map(difference_kind)
    out["rival"] = out["kind"] == RIVAL
    out = out.sort_values("rival", ascending=False, kind="stable")
    return out[
        [
            "group",
            "kind",
            "rival",
            "same_quantity",
            "figure_id",
            "quantity",
            "value",
            "stated",
            "as_of",
            "where",
            "said_by",
            "audience",
            "evidence",
            "note",
        ]
    ].reset_index(drop=True)


def lost_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures whose digits are lost, with the damaged evidence as the corpus shows it."""
    lost = figures[figures["qualifier"] == "lost"]
    return (
        lost[["quantity", "measure_unit", "where", "evidence", "note"]]
        .rename(columns={"measure_unit": "unit of measure", "evidence": "the damaged words"})
        .reset_index(drop=True)
    )


# -- arithmetic -----------------------------------------------------------------


def one_in(population: float, count: float) -> float:
    """How many people there are per counted person: the N of "one in N".

    >>> one_in(9_000_000, 18_000)
    500.0
    """
    if count <= 0:
        raise ValueError("a count of people must be positive to give a 'one in N' ratio")
    return population / count


def _value(figures: pd.DataFrame, figure_id: str) -> float:
    row = figures.loc[figures["figure_id"] == figure_id]
    if row.empty:
        raise CorpusError(f"figures.csv has no row {figure_id!r}; the arithmetic needs it.")
    value = row["value"].item()
    if pd.isna(value):
        raise CorpusError(f"{figure_id} is a lost figure: it has no value to compute with.")
    return float(value)


def prison_arithmetic(figures: pd.DataFrame) -> pd.DataFrame:
    """Li Sangjo's "one in 300" set against 9 million people and his counts, in both versions.

    Document No. 21 gives the figures twice: in the CPSU summary and in the letter's own
    translation. For each version: the counts and the "one in N" each implies. The counts
    are not added up: the document never says that the accused and the convicted make up
    the prisoners, and its army arrests ("more than one division") are no count of people.
    """
    population = _value(figures, "doc21-letter-population")
    rows = []
    for version, label in [("summary", "CPSU summary"), ("letter", "Li Sangjo's letter")]:
        prisoners = _value(figures, f"doc21-{version}-prisoners")
        counter = _value(figures, f"doc21-{version}-counterrevolution")
        other = _value(figures, f"doc21-{version}-other-crimes")
        ratio = _value(figures, f"doc21-{version}-criminal-ratio")
        for what, count in [
            ("in prison (more than)", prisoners),
            ("accused of counterrevolution", counter),
            ("convicted of other crimes (about)", other),
            # Only the letter gives the population; the summary's ratio is read against it
            # (chapter 9 says so in its prose).
            (
                f"implied by one in {ratio:,.0f} of {population:,.0f}",
                population / ratio,
            ),
        ]:
            rows.append(
                {
                    "version": label,
                    "count": what,
                    "people": count,
                    "one in": one_in(population, count),
                }
            )
    return pd.DataFrame(rows)


def arithmetic_checks(figures: pd.DataFrame) -> pd.DataFrame:
    """Sums and ratios the documents invite, recomputed: does the stated figure follow?

    ``follows`` is True or False where the arithmetic decides, and None where it cannot:
    no share is stated, or (labour service) the figure Li Sangjo may have reckoned from is lost.
    :func:`checks_table` gives the readers' version, in words.
    """

    def v(figure_id: str) -> float:
        return _value(figures, figure_id)

    population, ratio = v("doc21-letter-population"), v("doc21-letter-criminal-ratio")
    parts = [
        v("doc16-prc-supplies-1957-trade"),
        v("doc16-prc-supplies-1957-labor"),
        v("doc16-prc-supplies-1957-requested"),
    ]
    total = v("doc16-prc-supplies-1957")
    grain, plan = v("doc21-letter-grain-collected"), v("doc21-letter-grain-plan")
    weekly = v("doc21-letter-labor-service-weekly")
    yearly = v("doc21-letter-labor-service-this-year")
    published = pd.Timestamp("1956-09-28") - pd.Timedelta(days=v("doc28-summary-delay"))
    # The accused and the convicted of Doc 21 paras. 10 and 55 are not checked against the
    # prisoner total: the document never says that they make it up (and lists arrests in the
    # army beside them), so the sum is not one it invites.
    prisoners = v("doc21-letter-prisoners")
    return pd.DataFrame(
        [
            {
                "check": "Li Sangjo's one in 300, of 9 million (Doc 21)",
                "computed": f"{population:,.0f} / {ratio:,.0f} = {population / ratio:,.0f}",
                "stated": f"more than {prisoners:,.0f} in prison",
                "follows": population / ratio == prisoners,
            },
            {
                "check": "PRC supplies for 1957 (Doc 16)",
                "computed": " + ".join(f"{p / 1e6:,.0f}" for p in parts)
                + f" = {sum(parts) / 1e6:,.0f} million yuan",
                "stated": f"{total / 1e6:,.0f} million yuan",
                "follows": sum(parts) == total,
            },
            {
                "check": "grain collected against the plan (Doc 21)",
                "computed": f"{grain:,.0f} / {plan:,.0f} = {grain / plan:.0%}",
                "stated": "no share stated",
                "follows": None,
            },
            {
                "check": "labor service 'once a week' (Doc 21)",
                "computed": f"{weekly:.0f} day × 52 weeks = {weekly * 52:.0f} days a year",
                "stated": f"somewhat more than {yearly:.0f} days this year",
                # 52 is more than "somewhat more than 40": the two agree only if Li reckoned
                # from the average whose digits are lost, which the text does not show.
                "follows": None if weekly * 52 > yearly else False,
            },
            {
                "check": "five days before the summary of 28 September (Doc 28)",
                "computed": f"28 September − 5 days = {published:%d %B}",
                "stated": "the September Plenum (23 September, outside sources)",
                "follows": published == pd.Timestamp(charts.PLENUMS["September Plenum"]),
            },
        ]
    )


def checks_table(checks: pd.DataFrame) -> pd.DataFrame:
    """:func:`arithmetic_checks` for readers: "yes", "no" or "cannot be decided", not True/False.

    >>> checks_table(pd.DataFrame({"follows": [True, False, None]}))["does it follow?"].tolist()
    ['yes', 'no', 'cannot be decided']
    """
    words = {True: "yes", False: "no"}
    return checks.assign(
        follows=[words.get(f, "cannot be decided") for f in checks["follows"]]
    ).rename(columns={"follows": "does it follow?"})


# -- charts -----------------------------------------------------------------------


def overview_chart(figures: pd.DataFrame) -> go.Figure:
    """How many figures each text states, stacked by how it states them (lost ones in red)."""
    order = list(dict.fromkeys(figures.sort_values(["unit", "doc_no"])["where"]))
    order = [w for w in order if not w.startswith("Document")] + [
        w for w in order if w.startswith("Document")
    ]
    counts = pd.crosstab(figures["where"], figures["qualifier"]).reindex(order)
    fig = go.Figure()
    ticks = [short_where(w) for w in counts.index]
    for q in [q for q in QUALIFIER_ORDER if q in counts.columns]:
        fig.add_bar(
            x=ticks,
            y=counts[q],
            name=q,
            marker_color=QUALIFIER_COLOURS[q],
            hovertemplate="%{x}: %{y} figure(s) stated '" + q + "'<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        legend=dict(title="stated as:", orientation="h", x=0, y=1.02, yanchor="bottom"),
    )
    # Slanted: side by side, "Shimotomai" and "Person" run into each other on a narrow page.
    fig.update_xaxes(title="text (Person, Shimotomai, or document number)", tickangle=-40)
    fig.update_yaxes(title="figures")
    n_lost = int((figures["qualifier"] == "lost").sum())
    top = counts.sum(axis=1).idxmax()
    charts.finish(
        fig,
        title="Where the numbers are, and how they are stated",
        alt=(
            f"Stacked bar chart of the {len(figures)} figures in the corpus by text, coloured by "
            f"qualifier (exact, about, more than, range, ratio, lost ...). {top} states the "
            f"most; {n_lost} figures have lost digits."
        ),
        source="The book's table of figures quoted in the corpus",
        height=480,
        margin=dict(t=120),  # the legend sits between the title and the plot
        source_px=100,  # under the slanted labels and the axis title
    )
    return fig


def prison_chart(arithmetic: pd.DataFrame) -> go.Figure:
    """The prison figures of Document No. 21 in its two versions, side by side."""
    colours = {"CPSU summary": "#0072B2", "Li Sangjo's letter": "#D55E00"}
    fig = go.Figure()
    for version, part in arithmetic.groupby("version", sort=False):
        fig.add_bar(
            y=part["count"],
            x=part["people"],
            orientation="h",
            name=version,
            marker_color=colours[version],
            customdata=part["one in"],
            hovertemplate="%{y}<br>%{x:,.0f} people: one in %{customdata:,.0f}"
            "<extra>" + version + "</extra>",
        )
    fig.update_layout(
        barmode="group",
        legend=dict(
            title="version in Document No. 21:", orientation="h", x=0, y=1.02, yanchor="bottom"
        ),
    )
    fig.update_yaxes(title="", autorange="reversed", automargin=True)
    fig.update_xaxes(title="people", tickformat=",")
    charts.finish(
        fig,
        title="Prisoners and convictions: one letter, two versions",
        alt=(
            "Grouped bar chart of the prison figures in Document No. 21, the CPSU summary "
            "against the translation of Li Sangjo's letter: "
            + "; ".join(
                f"{row['count']}: {row['people']:,.0f} in "
                + ("the " if row["version"] == "CPSU summary" else "")
                + row["version"]
                for _, row in arithmetic.iterrows()
            )
            + "."
        ),
        source=(
            "Document No. 21; the book's table of figures. The 9,000,000 is the letter's "
            "population, set against both versions' one in 300. Not drawn: the army arrests, "
            "'more than one division', which is no count of people"
        ),
        height=460,
        margin=dict(t=120),  # the legend sits between the title and the plot
    )
    return fig


def disagreements_chart(table: pd.DataFrame) -> go.Figure:
    """One panel per group that differs, each with its own scale from zero; a dot per figure.

    Separate linear scales, not one log scale: a stated zero ("not one Soviet Korean") must
    stay on the chart, and the groups range from a handful of people to a million meetings.
    """
    from plotly.subplots import make_subplots

    groups = list(dict.fromkeys(table["group"]))
    kinds = table.drop_duplicates("group").set_index("group")["kind"]
    titles = [textwrap.shorten(kinds[g], 70, placeholder="…") for g in groups]
    fig = make_subplots(rows=len(groups), cols=1, subplot_titles=titles, vertical_spacing=0.09)
    docs = sorted(set(table["where"]), key=lambda w: (len(w), w))
    palette = charts.OKABE_ITO[:6]
    colours = {w: palette[i % len(palette)] for i, w in enumerate(docs)}
    shown = set()
    for i, group in enumerate(groups, start=1):
        part = table[table["group"] == group]
        for where, rows in part.groupby("where"):
            fig.add_scatter(
                x=rows["value"],
                y=[textwrap.shorten(q, 48, placeholder="…") for q in rows["quantity"]],
                mode="markers",
                name=where,
                legendgroup=where,
                showlegend=where not in shown,
                marker=dict(size=13, color=colours[where], line=dict(width=1, color="#333")),
                customdata=rows[["stated", "said_by", "evidence", "quantity"]].values,
                hovertemplate="%{customdata[3]}: %{customdata[0]}<br>%{customdata[1]}"
                "<br>“%{customdata[2]}”<extra>" + where + "</extra>",
                row=i,
                col=1,
            )
            shown.add(where)
        top = float(part["value"].max())
        fig.update_xaxes(range=[-0.05 * top, 1.1 * top], nticks=5, tickformat="~s", row=i, col=1)
        fig.update_yaxes(automargin=True, row=i, col=1)
    fig.update_xaxes(title="value as stated", row=len(groups), col=1)
    fig.update_annotations(font_size=12)
    fig.update_layout(legend=dict(title="document:", orientation="h", x=0, y=1.0, yanchor="bottom"))
    charts.finish(
        fig,
        title="Where the figures differ",
        alt=(
            f"{len(groups)} panels, one per group of related figures whose values differ, each "
            f"titled with what kind of difference it is ({int(kinds.eq(RIVAL).sum())} of them "
            "rival figures for one quantity, the others related quantities); in each, one dot "
            "per figure on its own scale from zero, labelled by the quantity and coloured by "
            "document."
        ),
        source="The book's table of figures",
        height=160 + 150 * len(groups),
        # Room for the legend above the first panel; the source note just below the last one.
        margin=dict(t=150, b=90),
        source_px=75,
    )
    # The first panel's title sits on top of its plot: lift the legend clear of it.
    fig.update_layout(legend_y=charts.above_plot(fig, 28))
    return fig


def prices_chart(figures: pd.DataFrame) -> go.Figure:
    """Market prices as the report of January 1957 (Document No. 30) gives them, undated."""
    prices = figures[figures["compare_key"] == "market-prices-1956"].copy()
    prices["item"] = prices["quantity"].str.replace("market price of ", "", regex=False)
    prices["item"] = prices["item"] + " (" + prices["measure_unit"] + ")"
    known = prices[prices["qualifier"] != "lost"]
    low = known["value"]
    high = known["value_high"].fillna(known["value"])
    fig = go.Figure(
        go.Bar(
            y=known["item"],
            x=high - low,
            base=low,
            orientation="h",
            marker_color="#0072B2",
            width=0.5,
            customdata=known["stated"],
            hovertemplate="%{y}: %{customdata} won<extra></extra>",
            showlegend=False,
        )
    )
    # A single price is a bar of zero width: mark it with a tick so it can be seen.
    fig.add_scatter(
        y=known["item"],
        x=low,
        mode="markers",
        marker=dict(symbol="line-ns-open", size=16, color="#0072B2", line=dict(width=3)),
        showlegend=False,
        hoverinfo="skip",
    )
    for _, row in prices[prices["qualifier"] == "lost"].iterrows():
        fig.add_scatter(
            y=[row["item"]],
            x=[0],
            mode="text",
            text=["price lost in the damaged text"],
            textposition="middle right",
            textfont=dict(color=charts.KIND_COLOURS["lost"]),
            # A note on an empty row, not a value: it may run on into the margin, where a
            # phone's narrow plot would otherwise cut it.
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
        )
    fig.update_xaxes(title="won", rangemode="tozero")
    fig.update_yaxes(title="", automargin=True)
    return charts.finish(
        fig,
        title="What food cost in the markets, by the report of January 1957",
        alt=(
            "Horizontal bars of market prices in won from a Soviet report: "
            + "; ".join(f"{i} {s}" for i, s in zip(prices["item"], prices["stated"], strict=True))
            + ". A lost price is labelled as lost, not drawn."
        ),
        source="Document No. 30 (CPSU CC report, 9 January 1957); the book's table of figures",
        height=420,
    )
