"""The historians' claims put to the documents: evidence, tallies, matrices and label counts.

The chapters on Lankov, Szalontai and Person, and the chapter that weighs the
evidence, read two curated tables (``data/claims.csv``, ``data/evidence.csv``)
through this module. Every quotation it renders is located in the corpus by
:meth:`august1956.Corpus.cite`, so a label such as "Document No. 21, ¶39"
always comes from the library, never from a hand-typed string.

>>> from august1956 import load
>>> corpus = load()
>>> claims, evidence = read_debate()
>>> cited = cite_evidence(corpus, claims, evidence)
>>> cited.set_index("evidence_id").loc["person-04-a", "label"]
'Document No. 10, ¶2'
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from august1956.chapters import charts
from august1956.chapters.charts import hover_lines
from august1956.chapters.vocabulary import (
    FACTION_LABEL,
    HISTORIAN_VOICES,
    SOVIET_TEXT,
    in_embedded_letter,
    paragraph_number,
    passage_voice,
)
from august1956.tables.curated import read_table, require_columns, row_unit
from august1956.text.corpus import (
    Corpus,
    block_quote,
    date_known_from,
    document_date_words,
    paragraph_link,
    quote_markdown,
)
from august1956.text.source import CorpusError
from august1956.text.units import HISTORIAN_TEXTS, is_document, unit_doc_no, unit_label

RELATIONS = ("supports", "complicates", "contradicts")
# Okabe-Ito, as in charts.py: blue for, orange for "awkward", vermillion against.
RELATION_COLOURS = {"supports": "#0072B2", "complicates": "#E69F00", "contradicts": "#D55E00"}
MIXED_COLOUR = "#999999"
HISTORIANS = {
    "lankov": "Andrei Lankov",
    "szalontai": "Balázs Szalontai",
    "person": "James F. Person",
    "shimotomai": "Nobuo Shimotomai",
}

CLAIM_COLUMNS = (
    "claim_id",
    "historian",
    "claim",
    "label",
    "work",
    "status",
    "unit",
    "quote",
    "theme",
)
EVIDENCE_COLUMNS = (
    "evidence_id",
    "claim_id",
    "unit",
    "doc_no",
    "relation",
    "reasoning",
    "evidence",
)

# -- reading the tables -------------------------------------------------------------------


def read_debate() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The claims and the evidence tables, checked for the columns used here.

    >>> claims, evidence = read_debate()
    >>> sorted(claims["historian"].unique())
    ['lankov', 'person', 'shimotomai', 'szalontai']
    """
    claims = read_table("claims")
    evidence = read_table("evidence")
    require_columns(claims, "claims", CLAIM_COLUMNS)
    require_columns(evidence, "evidence", EVIDENCE_COLUMNS)
    unknown = sorted(set(evidence["claim_id"]) - set(claims["claim_id"]))
    if unknown:
        raise CorpusError(
            f"data/evidence.csv names claims that data/claims.csv lacks: {unknown}. "
            "Add the claims or correct the claim_id."
        )
    bad = sorted(set(evidence["relation"]) - set(RELATIONS))
    if bad:
        raise CorpusError(f"data/evidence.csv has relations {bad}; use one of {RELATIONS}.")
    return claims, evidence


def document_dates(documents: pd.DataFrame) -> pd.DataFrame:
    """Each document's unit, date as a timestamp (NaT when unknown) and precision.

    A date known only to the month stands on the 15th: sorting it on the 1st
    would put Ivanov's undated June talk with Choe Changik (No. 9) before the
    one of 5 June (No. 7), which Person calls the first of the two.

    >>> docs = pd.DataFrame({"unit": ["doc09", "doc17"], "date": ["1956-06", ""]})
    >>> document_dates(docs)[["unit", "when", "precision"]].to_string(index=False)
    ' unit       when precision\\ndoc09 1956-06-15     month\\ndoc17        NaT   unknown'
    """
    out = documents[["unit", "date"]].copy()
    notes = documents["date_note"] if "date_note" in documents else pd.Series("", documents.index)
    out["known_from"] = [
        date_known_from(d, str(n)) for d, n in zip(out["date"], notes.fillna(""), strict=True)
    ]
    # Whether the date itself comes from outside the corpus (a headless fragment dated by
    # the Wilson Center's record of the same talk), as the catalog's note says.
    out["date_outside"] = out["known_from"].str.startswith("outside the corpus")
    precisions = documents.get("date_precision", pd.Series("", documents.index)).fillna("")
    out["date_words"] = [
        document_date_words(d, str(p), str(n))
        for d, p, n in zip(out["date"], precisions, notes.fillna(""), strict=True)
    ]
    mid_month = out["date"].map(lambda d: f"{d}-15" if len(d) == 7 else d)
    out["when"] = pd.to_datetime(mid_month.where(mid_month != ""), format="mixed")
    out["precision"] = out["date"].map(
        lambda d: {0: "unknown", 1: "year", 2: "month", 3: "day"}[len(d.split("-")) if d else 0]
    )
    return out.reset_index(drop=True)


def cite_evidence(corpus: Corpus, claims: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows joined to their claims, each located in the corpus.

    Adds ``claim_label`` (the claim's short label), ``where`` (unit id),
    ``label`` and ``anchor`` (from ``corpus.cite``), ``when``/``precision``
    (the document's date) and ``title``. A quote that is
    not verbatim in its unit raises, naming the row.
    """
    rows = evidence.merge(
        claims[["claim_id", "historian", "claim", "label", "theme", "status"]].rename(
            columns={"label": "claim_label"}
        ),
        on="claim_id",
        how="left",
    )
    rows["where"] = [row_unit(r) for _, r in rows.iterrows()]
    labels, anchors = [], []
    for _, r in rows.iterrows():
        try:
            c = corpus.cite(r["evidence"], r["where"])
        except CorpusError as err:
            raise CorpusError(f"evidence row {r['evidence_id']}: {err}") from err
        labels.append(c.label)
        anchors.append(c.anchor)
    rows["label"], rows["anchor"] = labels, anchors
    dates = document_dates(corpus.documents)
    rows = rows.merge(
        dates[["unit", "when", "precision", "date_outside", "known_from", "date_words"]],
        left_on="where",
        right_on="unit",
        how="left",
        suffixes=("", "_doc"),
    ).drop(columns="unit_doc")
    titles = corpus.documents.set_index("unit")["title"]
    rows["title"] = rows["where"].map(titles).fillna(rows["where"].map(unit_label))
    return rows


# -- tallies --------------------------------------------------------------------------------


def tally(cited: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows per historian and relation, every relation a column, with a total.

    >>> t = tally(pd.DataFrame({"historian": ["lankov", "lankov", "person"],
    ...                         "relation": ["supports", "contradicts", "supports"]}))
    >>> t.loc["lankov"].tolist()
    [1, 0, 1, 2]
    """
    table = pd.crosstab(cited["historian"], cited["relation"])
    table = table.reindex(columns=list(RELATIONS), fill_value=0)
    order = [h for h in HISTORIANS if h in table.index]
    table = table.loc[order]
    table["total"] = table.sum(axis=1)
    table.index.name = "historian"
    table.columns.name = None
    return table


def relation_phrase(counts: pd.Series | dict) -> str:
    """Counts by relation as a clause: "3 support, 1 complicates and 0 contradict them".

    >>> relation_phrase({"supports": 3, "complicates": 1})
    '3 support, 1 complicates and 0 contradict them'
    """
    parts = []
    for relation in RELATIONS:
        n = int(counts.get(relation, 0))
        verb = relation if n == 1 else relation[:-1]
        parts.append(f"{n} {verb}")
    return f"{parts[0]}, {parts[1]} and {parts[2]} them"


def claim_tally(cited: pd.DataFrame, claims: pd.DataFrame, historian: str) -> pd.DataFrame:
    """One row per claim of a historian (also those with no evidence): counts by relation.

    The columns are the claim's ``claim_id``, its short ``label``, the ``claim`` in
    full and one count per relation; :func:`tally_table` is the version for readers.
    """
    own = claims_of(claims, historian)
    rows = cited[cited["historian"] == historian]
    counts = pd.crosstab(rows["claim_id"], rows["relation"]).reindex(
        index=own["claim_id"], columns=list(RELATIONS), fill_value=0
    )
    counts.columns.name = None
    out = own.set_index("claim_id")[["label", "claim", "status"]].join(counts)
    # The status rides in the claim text: a separate column makes the table too wide to read.
    out["claim"] = out["claim"] + out["status"].map(
        {"unconfirmed": " (attribution unconfirmed)", "confirmed": ""}
    )
    return out.drop(columns="status").reset_index()


def tally_table(tally: pd.DataFrame):
    """A :func:`claim_tally` as readers see it: headers in words, no ids, no index."""
    shown = tally.drop(columns="claim_id").rename(
        columns={"label": "in short", "claim": "the claim in full"}
    )
    return shown.style.hide(axis="index").set_properties(
        subset=["the claim in full"],
        **{"white-space": "normal", "min-width": "14em", "text-align": "left"},
    )


def claims_of(claims: pd.DataFrame, historian: str) -> pd.DataFrame:
    """A historian's claims, in id order; an unknown name says which exist.

    >>> claims, _ = read_debate()
    >>> claims_of(claims, "szalontai")["claim_id"].iloc[0]
    'szalontai-01'
    """
    if historian not in set(claims["historian"]):
        raise KeyError(
            f"no claims for {historian!r}; historians are {sorted(set(claims['historian']))}"
        )
    return claims[claims["historian"] == historian].sort_values("claim_id")


# -- rendering quotations ---------------------------------------------------------------------


def _quoted_row(row: pd.Series, comment: str = "") -> str:
    """A located evidence row (``label``, ``anchor``) as a block quote linked to its paragraph."""
    return block_quote(row["evidence"], paragraph_link(row["label"], row["anchor"]), comment)


def passage_markdown(cited: pd.DataFrame, evidence_id: str, *, reason: bool = False) -> str:
    """One curated passage as a block quote, labelled by the library.

    >>> from august1956 import load
    >>> claims, evidence = read_debate()
    >>> cited = cite_evidence(load(), claims, evidence)
    >>> print(passage_markdown(cited, "person-04-a").splitlines()[-1])
    > — [Document No. 10, ¶2](doc10-p2)
    """
    rows = cited[cited["evidence_id"] == evidence_id]
    if rows.empty:
        raise KeyError(f"no evidence row {evidence_id!r} in data/evidence.csv")
    r = rows.iloc[0]
    return _quoted_row(r, r["reasoning"] if reason else "")


def evidence_markdown(cited: pd.DataFrame, claim_id: str, relation: str | None = None) -> str:
    """The passages bearing on one claim (optionally of one relation), with reasons."""
    rows = cited[cited["claim_id"] == claim_id]
    if relation:
        rows = rows[rows["relation"] == relation]
    blocks = [
        f"**{r['relation'].capitalize()}**: {r['title']}\n\n" + _quoted_row(r, r["reasoning"])
        for _, r in rows.iterrows()
    ]
    return "\n\n".join(blocks) if blocks else "*No passage in the evidence table bears on it.*"


def claim_quote_markdown(corpus: Corpus, claims: pd.DataFrame, claim_id: str) -> str:
    """A claim's own verbatim wording in the historians' texts, located by the library."""
    row = claims.set_index("claim_id").loc[claim_id]
    if not row["unit"] or not row["quote"]:
        raise CorpusError(
            f"claim {claim_id} has no quote in the corpus (its source is {row['work']!r}); "
            "cite the work instead."
        )
    return quote_markdown(corpus, row["quote"], row["unit"])


def claims_markdown(cited: pd.DataFrame, claims: pd.DataFrame, historian: str) -> str:
    """Every claim of a historian followed by the passages for and against it."""
    parts = []
    for _, c in claims_of(claims, historian).iterrows():
        flag = " (attribution unconfirmed)" if c["status"] == "unconfirmed" else ""
        parts.append(
            # Bold, not a heading: headings inside cell output would break the page outline.
            f"**{c['label']}.** {c['claim']}{flag}\n\n"
            f"*Source of the claim:* {c['work']}.\n\n" + evidence_markdown(cited, c["claim_id"])
        )
    return "\n\n".join(parts)


# -- charts -----------------------------------------------------------------------------------


def _hover(r: pd.Series) -> str:
    when = r.get("date_words") if isinstance(r.get("date_words"), str) else "undated"
    return (
        f"<b>{r['claim_label']}</b>: {r['relation']}<br>{hover_lines(r['claim'])}<br>"
        f"{r['label']}, {when}<br>{hover_lines(r['reasoning'])}<br>"
        f"<i>“{hover_lines(r['evidence'])}”</i>"
    )


# Under the x-axis title: the legend (if any) and the source line, in pixels. The
# book's column is too narrow for a legend at the side.
BELOW_WITH_LEGEND = dict(margin=dict(b=160, r=45), legend_px=70, source_px=138)
BELOW = dict(margin=dict(b=100, r=45), source_px=78)


# The date axis of the debate chapters' timelines: the documents of 1956-57.


def evidence_timeline(cited: pd.DataFrame, historian: str) -> go.Figure:
    """A historian's claims (rows) against the dated documents bearing on them (x).

    Passages from the historians' own texts have no 1956 date and are left
    out; the alt text says how many. Several passages from one document for one
    claim are set two days apart so that none hides another.
    """
    rows = cited[(cited["historian"] == historian)].copy()
    dated = rows[rows["when"].notna()].copy()
    dated["nth"] = dated.groupby(["claim_id", "when"]).cumcount()
    dated["x"] = dated["when"] + pd.to_timedelta(dated["nth"] * 2, unit="D")
    # Rows in id order from the top, each named by its short label.
    ids = sorted(rows["claim_id"].unique(), reverse=True)
    short = rows.drop_duplicates("claim_id").set_index("claim_id")["claim_label"]
    claim_order = [short[c] for c in ids]
    fig = go.Figure()
    for relation in RELATIONS:
        part = dated[dated["relation"] == relation]
        fig.add_scatter(
            x=part["x"],
            y=part["claim_label"],
            mode="markers",
            name=relation,
            marker=dict(
                color=RELATION_COLOURS[relation],
                size=13,
                symbol=_SYMBOLS[relation],
                line=dict(width=1, color="white"),
            ),
            text=[_hover(r) for _, r in part.iterrows()],
            hovertemplate="%{text}<extra></extra>",
        )
    fig.update_yaxes(title="claim", categoryorder="array", categoryarray=claim_order)
    fig.update_xaxes(title="date of the document", range=charts.time_axis())
    charts.mark_1956(fig)
    n_undated = len(rows) - len(dated)
    undated = rows.loc[rows["when"].isna(), "where"].map(unit_label)
    undated_from = ", ".join(sorted(undated.unique()))
    counts = dated["relation"].value_counts()
    name = HISTORIANS[historian]
    fig = charts.finish(
        fig,
        title=f"{name}'s claims against the dated documents",
        alt=(
            f"Dot chart: each of {len(dated)} passages from dated documents bearing on "
            f"{name}'s claims, placed at its document's date and coloured by relation: "
            + ", ".join(f"{counts.get(r, 0)} {r}" for r in RELATIONS)
            + f". {n_undated} further passages come from {undated_from or 'no other text'}, "
            "which have no place on this date axis, and are not shown."
        ),
        source="The evidence table; passages of one document on one claim stand two days apart",
        # The claim labels leave a narrow plot: a narrow note.
        source_wrap=30,
        height=max(380, 200 + 40 * len(claim_order)),
        **BELOW_WITH_LEGEND,
    )
    return fig


_SYMBOLS = {"supports": "circle", "complicates": "diamond", "contradicts": "x"}


def tally_chart(cited: pd.DataFrame) -> go.Figure:
    """Stacked bars: passages for, awkward for and against each historian's claims."""
    t = tally(cited)
    names = [HISTORIANS[h] for h in t.index]
    fig = go.Figure()
    for relation in RELATIONS:
        fig.add_bar(
            x=names,
            y=t[relation],
            name=relation,
            marker_color=RELATION_COLOURS[relation],
            hovertemplate="%{x}, " + relation + ": %{y} passages<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="historian")
    fig.update_yaxes(title="passages in the evidence table")
    fig = charts.finish(
        fig,
        title="Passages for and against each historian",
        alt="Stacked bar chart of evidence passages per historian by relation: "
        + "; ".join(
            f"{HISTORIANS[h]} {t.loc[h, 'supports']} supporting, {t.loc[h, 'complicates']} "
            f"complicating, {t.loc[h, 'contradicts']} contradicting"
            for h in t.index
        ),
        source="The book's evidence table (curated; one row per passage and claim)",
        **BELOW_WITH_LEGEND,
    )
    fig.update_layout(legend=dict(traceorder="normal"))
    return fig


# -- the matrix of claims against documents -------------------------------------------------


def matrix_columns(cited: pd.DataFrame) -> list[str]:
    """The units cited, documents in date order (undated last), then the historians' texts.

    >>> matrix_columns(pd.DataFrame({"where": ["doc21", "intro", "doc04", "doc17"],
    ...     "when": pd.to_datetime(["1956-10-01", None, "1956-05-29", None])}))
    ['doc04', 'doc21', 'doc17', 'intro']
    """
    units = cited.drop_duplicates("where")[["where", "when"]]
    docs = units[units["where"].map(is_document)]
    docs = docs.assign(no=docs["where"].map(unit_doc_no)).sort_values(
        ["when", "no"], na_position="last"
    )
    texts = [u for u in HISTORIAN_VOICES if u in set(units["where"])]
    return docs["where"].tolist() + texts


def cell_relation(relations: pd.Series) -> str:
    """The relation a matrix cell shows: the one relation, or "mixed" when they differ.

    >>> cell_relation(pd.Series(["supports", "supports"]))
    'supports'
    >>> cell_relation(pd.Series(["supports", "contradicts"]))
    'mixed'
    """
    kinds = set(relations)
    return kinds.pop() if len(kinds) == 1 else "mixed"


def evidence_matrix(cited: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Claims (rows, every claim, grouped by historian) by cited units (columns).

    A cell holds the relation of the passages from that unit bearing on that
    claim ("mixed" when they disagree) and is empty where there are none.
    """
    cells = cited.groupby(["claim_id", "where"])["relation"].agg(cell_relation).unstack()
    order = [
        c
        for h in HISTORIANS
        for c in claims_of(claims, h)["claim_id"]
        if h in set(claims["historian"])
    ]
    return cells.reindex(index=order, columns=matrix_columns(cited)).fillna("")


# The mark on a column whose document date comes from outside the corpus.
OUTSIDE_DATE_MARK = "*"
HISTORIANS_DATE_MARK = "†"


def column_label(
    unit: str,
    when: pd.Timestamp | None,
    precision: str | None,
    outside: bool = False,
    from_historians: bool = False,
) -> str:
    """Short axis label of a matrix column; a date from outside the corpus is starred, and
    one the corpus has only from the historians' texts is marked with a dagger.

    >>> column_label("doc21", pd.Timestamp("1956-10-15"), "month")
    'No. 21, Oct 1956'
    >>> column_label("doc13", pd.Timestamp("1956-07-24"), "day", outside=True)
    'No. 13, 24 Jul 1956*'
    >>> column_label("doc06", pd.Timestamp("1956-06-05"), "day")
    'No. 6, 5 Jun 1956'
    >>> column_label("doc21", pd.Timestamp("1956-10-15"), "month", from_historians=True)
    'No. 21, Oct 1956†'
    >>> column_label("intro", None, None)
    'Person, intro'
    """
    doc_no = unit_doc_no(unit)
    if doc_no is None:
        return HISTORIAN_TEXTS[unit].short_label
    if when is None or pd.isna(when):
        return f"No. {doc_no}, undated"
    fmt = "%d %b %Y" if precision == "day" else "%b %Y"
    mark = OUTSIDE_DATE_MARK if outside else HISTORIANS_DATE_MARK if from_historians else ""
    return f"No. {doc_no}, {when.strftime(fmt).lstrip('0')}{mark}"


def historian_columns(units) -> str:
    """How the axis names the columns that are historians' texts, not documents.

    >>> historian_columns(["doc04", "intro"])
    "Person's introduction"
    >>> historian_columns(["intro", "article"])
    "the historians' own texts"
    """
    texts = [u for u in units if not is_document(u)]
    return "Person's introduction" if texts == ["intro"] else "the historians' own texts"


def matrix_heatmap(cited: pd.DataFrame, claims: pd.DataFrame) -> go.Figure:
    """The evidence matrix as a heatmap; hover shows each passage's reasoning and quote."""
    matrix = evidence_matrix(cited, claims)
    codes = {"supports": 0, "complicates": 1, "contradicts": 2, "mixed": 3}
    z = matrix.apply(lambda col: col.map(lambda v: codes.get(v))).astype(float)
    by_id = claims.set_index("claim_id")
    claim_text, short = by_id["claim"], by_id["label"]
    hover = []
    for claim_id in matrix.index:
        row = []
        for unit in matrix.columns:
            here = cited[(cited["claim_id"] == claim_id) & (cited["where"] == unit)]
            head = f"<b>{short[claim_id]}</b>: {hover_lines(claim_text[claim_id])}"
            if here.empty:
                row.append(head + "<br>(no passage from " + unit_label(unit) + ")")
            else:
                row.append(
                    head
                    + "<br>"
                    + "<br>".join(
                        f"<b>{r['relation']}</b>, {r['label']}: {hover_lines(r['reasoning'])}"
                        f"<br><i>“{hover_lines(r['evidence'])}”</i>"
                        for _, r in here.iterrows()
                    )
                )
        hover.append(row)
    info = cited.drop_duplicates("where").set_index("where")
    outside = info["date_outside"].fillna(False).astype(bool) if "date_outside" in info else None
    xlabels = [
        column_label(
            u,
            info.loc[u, "when"],
            info.loc[u, "precision"],
            bool(outside is not None and outside.get(u, False)),
            info.loc[u, "known_from"] == "the historians' texts" if "known_from" in info else False,
        )
        for u in matrix.columns
    ]
    starred = [x for x in xlabels if x.endswith(OUTSIDE_DATE_MARK)]
    daggered = [x for x in xlabels if x.endswith(HISTORIANS_DATE_MARK)]
    colours = [RELATION_COLOURS[r] for r in RELATIONS] + [MIXED_COLOUR]
    scale = []
    for i, c in enumerate(colours):
        scale += [[i / 4, c], [(i + 1) / 4, c]]
    fig = go.Figure(
        go.Heatmap(
            z=z.values,
            x=xlabels,
            y=[short[c] for c in matrix.index],
            text=hover,
            zmin=-0.5,
            zmax=3.5,
            colorscale=scale,
            xgap=2,
            ygap=2,
            hovertemplate="%{text}<extra></extra>",
            colorbar=dict(
                tickvals=[0, 1, 2, 3],
                ticktext=[*RELATIONS, "mixed"],
                title="relation",
                len=160,
                lenmode="pixels",
                thickness=12,
                y=1,
                yanchor="top",
            ),
        )
    )
    fig.update_yaxes(
        title="claim: Lankov, Szalontai, Person, Shimotomai from the top",
        autorange="reversed",
        tickfont=dict(size=11),
    )
    fig.update_xaxes(
        title="document, in date order; then " + historian_columns(matrix.columns),
        tickangle=-60,
        tickfont=dict(size=10),
        side="top",
    )
    # A rule between historians, so that the groups of rows read as groups.
    groups = list(by_id.loc[matrix.index, "historian"])
    for i in range(1, len(groups)):
        if groups[i] != groups[i - 1]:
            fig.add_hline(y=i - 0.5, line_color="#333", line_width=1)
    filled = int((matrix != "").to_numpy().sum())
    empty_rows = int((matrix == "").all(axis=1).sum())
    fig = charts.finish(
        fig,
        title="Claims against documents",
        alt=(
            f"Heatmap of {len(matrix)} claims (rows, grouped by historian) against "
            f"{matrix.shape[1]} sources (columns, documents in date order, then "
            f"{historian_columns(matrix.columns)}). {filled} cells are coloured by relation; "
            f"{empty_rows} claims have no passage at all."
        ),
        source="Claims and evidence tables"
        + (
            f"; {OUTSIDE_DATE_MARK}\u00a0date from outside the corpus "
            "(Wilson Center Digital Archive)"
            if starred
            else ""
        )
        + (f"; {HISTORIANS_DATE_MARK}\u00a0month from the historians' texts" if daggered else ""),
        height=300 + 24 * len(matrix),
        # Room at the top for the slanted column labels; the source line just under the plot.
        margin=dict(l=90, r=20, t=210, b=50),
        source_px=20,
        # The claim labels push the plot's left edge far right: a narrow note.
        source_wrap=36,
        # Under this the grid's columns and their labels no longer fit: a phone scrolls it.
        min_width=620,
    )
    return fig


# -- "faction" as a label --------------------------------------------------------------------


def evidence_sources(corpus: Corpus, cited: pd.DataFrame) -> pd.DataFrame:
    """Cited evidence with the kind of record, whose exchange it records, and how surely
    the passage's excerpt belongs to its document.

    ``kind`` is the catalog's document type ("historian's text" for the
    introduction and the article); ``party`` is whose words the passage carries
    (:func:`august1956.chapters.vocabulary.document_voice`);
    ``attribution`` is the confidence of the excerpt the passage stands in
    (high, medium or low; headless fragments are attributed by inference).
    """
    docs = corpus.documents.set_index("unit")
    out = cited.copy()
    out["kind"] = out["where"].map(docs["doc_type"]).fillna("historian's text")
    numbers = out["anchor"].map(paragraph_number)
    letter = [in_embedded_letter(w, n) for w, n in zip(out["where"], numbers, strict=True)]
    out.loc[letter, "kind"] = "letter (reproduced in a Soviet record)"
    out["party"] = [
        passage_voice(w, n, docs).speaker for w, n in zip(out["where"], numbers, strict=True)
    ]
    excerpt = corpus.paragraphs.set_index("anchor")["excerpt_id"]
    confidence = corpus.excerpts.set_index("excerpt_id")["confidence"]
    out["attribution"] = out["anchor"].map(excerpt).map(confidence)
    return out


def label_uses(corpus: Corpus, pattern: str = FACTION_LABEL) -> pd.DataFrame:
    """Every use of a "faction"/"group" label in the corpus, with date and voice.

    Columns of :meth:`Corpus.kwic` plus ``voice`` (the historian for their own
    texts, else the document's main voice), ``when`` and ``precision``.
    """
    hits = corpus.kwic(pattern, width=70)
    docs = corpus.documents.set_index("unit")
    hits["voice"] = [
        passage_voice(u, paragraph_number(a), docs).speaker
        for u, a in zip(hits["unit"], hits["anchor"], strict=True)
    ]
    dates = document_dates(corpus.documents).set_index("unit")
    hits["when"] = hits["unit"].map(dates["when"])
    hits["precision"] = hits["unit"].map(dates["precision"]).fillna("publication")
    return hits


# Uses of a label in the documents that are the speaker's own, not a charge he reports and
# rejects, found by reading each use in context (chapter 7 lists them): Li Sangjo on a man
# "known in the past for his active factional activity" whom Kim reviled and then made a
# minister (Doc 21, para. 34; borderline, as the reputation may be Kim's word), and his
# "faction of flatterers" (Doc 26, para. 25, twice after he first credits the phrase to
# others). The first use in that paragraph is a phrase he takes up: "the Soviet comrades
# talked about the faction of flatterers".
OWN_USES = (("doc21", "known in the past for his active"), ("doc26", "of flatter"))
TAKEN_UP = (("doc26", "Soviet comrades talked about the "),)

CHARGE = "a charge reported and rejected by its target or his advocate"
OWN = "the speaker's own word"
TAKEN = "a Soviet phrase the speaker takes up"
RELAYED = "a verdict relayed by a Soviet text"


def label_use_kind(use: pd.Series) -> str:
    """What a use of a label in a document does: a charge its target (or his advocate) reports
    and rejects, a phrase the speaker credits to others and takes up (``TAKEN_UP``), the
    speaker's own use (``OWN_USES``), or a verdict that a Soviet text relays.

    >>> label_use_kind(pd.Series({"unit": "doc26", "left": "there is a ", "match": "faction",
    ...     "right": " of flatterers", "voice": "Li Sangjo"}))
    "the speaker's own word"
    >>> label_use_kind(pd.Series({"unit": "doc26", "left": "Soviet comrades talked about the ",
    ...     "match": "faction", "right": " of flatterers", "voice": "Li Sangjo"}))
    'a Soviet phrase the speaker takes up'
    """
    context = f"{use['left']}{use['match']}{use['right']}"
    if any(use["unit"] == unit and use["left"].endswith(words) for unit, words in TAKEN_UP):
        return TAKEN
    if any(use["unit"] == unit and words in context for unit, words in OWN_USES):
        return OWN
    if use["voice"] == SOVIET_TEXT:
        return RELAYED
    return CHARGE


def label_counts(uses: pd.DataFrame) -> pd.DataFrame:
    """Uses of the labels per unit, with voice and date, historians' texts last."""
    counts = uses.groupby(["unit", "voice"], as_index=False).agg(
        uses=("match", "size"), when=("when", "first")
    )
    counts["label"] = counts["unit"].map(unit_label)
    return counts.sort_values(["when", "unit"], na_position="last").reset_index(drop=True)


# Bubbles in one row closer than this share one label.
CROWDED = pd.Timedelta(days=45)


def bubble_labels(
    dates: pd.Series,
    labels: list[str],
    near: pd.Timedelta = CROWDED,
    end: str = charts.TIME_WINDOW[1],
) -> tuple[list[str], list[str]]:
    """The text and its position for each bubble of one row of the label timeline.

    Bubbles closer than ``near`` share one label, beside the last of them, listing each in
    date order, one to a line ("No. 26: 3<br>No. 21: 7"), since labels of their own would sit
    on each other's bubbles, and one line of them ran off the plot's right edge. A label near
    the end of the axis goes to the left of its bubble.

    >>> when = pd.Series(pd.to_datetime(["1956-10-12", "1956-03-12", "1956-10-16"]))
    >>> bubble_labels(when, ["No. 26: 3", "No. 1: 1", "No. 21: 7"])
    (['', 'No. 1: 1', 'No. 26: 3<br>No. 21: 7'], ['middle right', 'middle right', 'middle right'])
    >>> bubble_labels(pd.Series(pd.to_datetime(["1957-01-09"])), ["No. 30: 1"])
    (['No. 30: 1'], ['middle left'])
    """
    when = pd.to_datetime(dates).reset_index(drop=True)
    order = when.sort_values().index.tolist()
    texts, sides = [""] * len(when), ["middle right"] * len(when)
    cluster: list[int] = []
    for k, i in enumerate(order):
        cluster.append(i)
        following = when[order[k + 1]] if k + 1 < len(order) else None
        if following is not None and following - when[i] <= near:
            continue
        texts[i] = "<br>".join(labels[j] for j in cluster)
        if pd.Timestamp(end) - when[i] <= near:
            sides[i] = "middle left"
        cluster = []
    return texts, sides


def label_timeline(uses: pd.DataFrame) -> go.Figure:
    """When the documents of 1956-57 use a "faction"/"group" label, and in whose voice."""
    docs = uses[uses["unit"].map(is_document)]
    counts = label_counts(docs)
    contexts = docs.groupby("unit").apply(
        lambda g: (
            "<br>".join(
                hover_lines(f"…{r['left'][-40:]}<b>{r['match']}</b>{r['right'][:40]}…", 90)
                for _, r in g.head(4).iterrows()
            )
            + ("<br>…" if len(g) > 4 else "")
        ),
        include_groups=False,
    )
    counts["contexts"] = counts["unit"].map(contexts)
    fig = go.Figure()
    colours = charts.voice_colours(counts["voice"].tolist())
    for voice, part in counts.groupby("voice", sort=False):
        # "No. 21: 7": the document and its count, so that bubbles side by side cannot be
        # mistaken for each other.
        texts, sides = bubble_labels(
            part["when"],
            [
                f"{label.removeprefix('Document ')}: {n}"
                for label, n in zip(part["label"], part["uses"], strict=True)
            ],
        )
        fig.add_scatter(
            x=part["when"],
            y=part["voice"],
            mode="markers+text",
            name=voice,
            text=texts,
            textposition=sides,
            marker=dict(size=10 + 4 * part["uses"], color=colours[voice], opacity=0.8),
            customdata=part[["label", "contexts", "uses"]].values,
            hovertemplate="%{customdata[0]}: %{customdata[2]} use(s)<br>%{customdata[1]}"
            "<extra></extra>",
            showlegend=False,
        )
    fig.update_xaxes(title="date of the document", range=charts.time_axis())
    fig.update_yaxes(title="whose words")
    charts.mark_1956(fig)
    n_hist = len(uses) - len(docs)
    fig = charts.finish(
        fig,
        title="“Faction” and “group” as labels in the documents of 1956-57",
        alt=(
            f"Bubble chart of {len(docs)} uses of 'faction' or a named 'group' in "
            f"{counts['unit'].nunique()} documents, placed by document date and by whose "
            f"words the document carries; the historians' texts (with {n_hist} further "
            "uses) are not on this date axis."
        ),
        source="A search of the repaired corpus; dates and voices from the document catalog",
        height=420,
        **BELOW,
    )
    return fig


# -- the reader's own evidence ---------------------------------------------------------------


def add_evidence(
    corpus: Corpus,
    claims: pd.DataFrame,
    evidence: pd.DataFrame,
    *,
    claim_id: str,
    unit: str,
    relation: str,
    reasoning: str,
    quote: str,
) -> pd.DataFrame:
    """The evidence table with one more row, checked like the curated ones.

    ``unit`` is a unit id (``doc21``, ``intro``). The quote must be verbatim
    there; the new row gets the next free letter for its claim.

    >>> from august1956 import load
    >>> corpus = load()
    >>> claims, evidence = read_debate()
    >>> more = add_evidence(corpus, claims, evidence, claim_id="person-04", unit="doc10",
    ...     relation="supports", reasoning="Li asks for Soviet or Chinese leaders to speak.",
    ...     quote="it would be best if Cde. Khrushchev or Cde. Mao Zedong talked")
    >>> more.iloc[-1]["evidence_id"], len(more) - len(evidence)
    ('person-04-e', 1)
    """
    if claim_id not in set(claims["claim_id"]):
        raise CorpusError(f"no claim {claim_id!r}; pick one from data/claims.csv.")
    if relation not in RELATIONS:
        raise CorpusError(f"relation {relation!r} is not one of {RELATIONS}.")
    if len(reasoning.split()) < 3:
        raise CorpusError(
            "give a reasoning of at least a few words: why does it bear on the claim?"
        )
    corpus.cite(quote, unit)  # raises with advice when the quote is not verbatim there
    used = evidence.loc[evidence["claim_id"] == claim_id, "evidence_id"].str[-1]
    letter = next(ch for ch in "abcdefghijklmnopqrstuvwxyz" if ch not in set(used))
    row = {
        "evidence_id": f"{claim_id}-{letter}",
        "claim_id": claim_id,
        "unit": "doc" if is_document(unit) else unit,
        "doc_no": str(unit_doc_no(unit)) if is_document(unit) else "",
        "relation": relation,
        "reasoning": reasoning,
        "evidence": quote,
    }
    return pd.concat([evidence, pd.DataFrame([row])], ignore_index=True)
