"""The language of faction: who uses which label, when, and in which document.

A *term family* is a set of words that name the same idea ("faction",
"factional", "factionalism"; "cult of personality", "personality cult").
Each family is one regular expression, run over the corpus's normalised
reading text (straight quotes, single spaces) through ``corpus.kwic``.

>>> find_terms("faction", 'declaring them "the anti-party Yan\\'an group"')
[]
>>> find_terms("group_label", "declaring them 'the anti-party Yan'an group'")
["anti-party Yan'an group"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from august1956.chapters import charts
from august1956.chapters.vocabulary import (
    FACTION_WORD,
    GROUP_LABEL,
    HISTORIAN_VOICES,
    paragraph_number,
    passage_voice,
)
from august1956.tables.people import NAMED_OUTSIDE, named_in, person_names
from august1956.text.corpus import (
    Corpus,
    document_date_words,
)
from august1956.text.units import unit_label

# The historians' texts by voice, and the documents as one voice, for the rates chart.
DOCUMENTS_VOICE = "the documents"


@dataclass(frozen=True)
class TermFamily:
    """A labelled set of words, as one case-insensitive regular expression."""

    key: str
    label: str
    short: str
    pattern: str
    meaning: str


TERM_FAMILIES: dict[str, TermFamily] = {
    f.key: f
    for f in [
        TermFamily(
            "faction",
            "faction, factional, factionalism",
            "faction",
            FACTION_WORD,
            "the word itself, in every grammatical form",
        ),
        TermFamily(
            "group_label",
            "a named 'group' (Yan'an group, anti-party group, ...)",
            "named group",
            GROUP_LABEL,
            "'group' with a political qualifier: anti-party, so-called, Soviet, Yan'an, "
            "nepotist, consumer goods",
        ),
        TermFamily(
            "cult",
            "cult of personality, personality cult",
            "personality cult",
            r"\bcult of (?:the )?personality\b|\bpersonality cult\b",
            "both word orders the translators chose",
        ),
        TermFamily(
            "soviet_korean",
            "Soviet-Koreans",
            "Soviet-Koreans",
            r"\bSoviet[- ]Koreans?\b",
            "ethnic Koreans from the USSR, with or without the hyphen",
        ),
        TermFamily(
            "yanan",
            "Yan'an, Chinese-Koreans",
            "Yan'an",
            # The apostrophe keeps "Mikoyan and" (read as "Miko yan an d") out.
            r"\bYan['’]an\b|\bChinese[- ]Koreans?\b",
            "Koreans who had been in China: the place name and the ethnic label",
        ),
        TermFamily(
            "anti_party",
            "anti-party, conspirators",
            "anti-party",
            r"\banti-party\b|\bconspirat(?:or|ors|orial|ion|ions)\b",
            "the language of accusation",
        ),
        TermFamily(
            "sycophant",
            "sycophants, flatterers",
            "sycophants",
            # "flatters" (sic) stands twice in Document No. 26 for "flatterers"; the verb
            # "flatter" ("people who flatter the individual") is not a name for anyone.
            r"\bsycophan(?:t|ts|cy)\b|\bflatter(?:er|ers|s|y)\b",
            "the critics' word for Kim Il Sung's entourage",
        ),
    ]
}


def family(key: str) -> TermFamily:
    """The term family ``key``; an unknown key names the ones that exist.

    >>> family("cult").label
    'cult of personality, personality cult'
    """
    try:
        return TERM_FAMILIES[key]
    except KeyError:
        raise KeyError(f"no term family {key!r}; choose one of {sorted(TERM_FAMILIES)}") from None


def find_terms(key: str, text: str) -> list[str]:
    """Every match of a term family in a piece of text (compared case-insensitively).

    >>> find_terms("yanan", "the visit of Miko yan an d Peng Dehuai")
    []
    >>> find_terms("faction", "acute dissatisfaction by a certain number of officials")
    []
    >>> find_terms("faction", "there is also the faction of flatters")
    ['faction']
    """
    return [m.group(0) for m in re.finditer(family(key).pattern, text, re.IGNORECASE)]


# -- who speaks in a document ---------------------------------------------------


def document_date(doc: pd.Series) -> pd.Timestamp | None:
    """Where a document stands on a date axis: its day, or mid-month when only the month is known.

    >>> from august1956 import load
    >>> document_date(load().documents.loc[9])
    Timestamp('1956-06-15 00:00:00')
    >>> document_date(load().documents.loc[17]) is None
    True
    """
    date = str(doc.get("date", "")).strip()
    if not date:
        return None
    if doc.get("date_precision") == "month":
        return pd.Timestamp(f"{date}-15")
    return pd.Timestamp(date)


# -- hits: every use of every term family --------------------------------------


def term_hits(corpus: Corpus, keys: list[str] | None = None) -> pd.DataFrame:
    """One row per use of a term family in the corpus, with its source, voice and date.

    ``source`` is "historian" for the introduction, article and notes (the historians'
    own vocabulary of 2007/08) and "document" for the 1956-57 records.
    """
    frames = []
    for key in keys or list(TERM_FAMILIES):
        hits = corpus.kwic(family(key).pattern, width=70)
        hits.insert(0, "family", key)
        frames.append(hits)
    hits = pd.concat(frames, ignore_index=True)
    hits["source"] = ["historian" if u in HISTORIAN_VOICES else "document" for u in hits["unit"]]
    speakers, writers, dates, catalogued, attributions = [], [], [], [], []
    for unit, doc_no, anchor in zip(hits["unit"], hits["doc_no"], hits["anchor"], strict=True):
        if unit in HISTORIAN_VOICES:
            speakers.append(HISTORIAN_VOICES[unit])
            writers.append(HISTORIAN_VOICES[unit])
            dates.append(None)
            catalogued.append("2007/08")
            attributions.append("")
            continue
        doc = corpus.documents.loc[int(doc_no)]
        voice = passage_voice(unit, paragraph_number(anchor), corpus.documents)
        speakers.append(voice.speaker)
        # The mark is for the catalog's recorder, not for a letter's writer whom a
        # record reproduces (Li Sangjo's letter in Doc 18, which names him).
        recorder = person_names(doc["recorder"]) if doc["recorder"] else ""
        caveat = _writer_caveat(corpus, unit, doc) if voice.written_by == recorder else ""
        writers.append(voice.written_by + caveat)
        dates.append(document_date(doc))
        catalogued.append(
            document_date_words(doc["date"], doc["date_precision"], str(doc.get("date_note", "")))
        )
        attributions.append(doc["attribution_confidence"])
    hits["speaker"], hits["written_by"], hits["date"] = speakers, writers, dates
    hits["catalogue_date"], hits["attribution"] = catalogued, attributions
    hits["date"] = pd.to_datetime(hits["date"])
    return hits


def _writer_caveat(corpus: Corpus, unit: str, doc: pd.Series) -> str:
    """A mark for a recorder whom the catalog names but the document itself does not."""
    recorders = [r for r in str(doc.get("recorder", "")).split(";") if r.strip()]
    named = named_in(corpus.text(unit, emend=False), unit)
    return f" ({NAMED_OUTSIDE})" if any(r.strip() not in named for r in recorders) else ""


def usage_table(hits: pd.DataFrame) -> pd.DataFrame:
    """Uses of each term family (columns) per unit (rows), the historians' texts first."""
    table = pd.crosstab(hits["unit"], hits["family"])
    order = [u for u in HISTORIAN_VOICES if u in table.index]
    order += sorted(u for u in table.index if u not in HISTORIAN_VOICES)
    families = [k for k in TERM_FAMILIES if k in table.columns]
    table = table.loc[order, families]
    table.index = [unit_label(u) for u in order]
    table.columns = [TERM_FAMILIES[k].short for k in families]
    return table


def first_appearances(hits: pd.DataFrame) -> pd.DataFrame:
    """For each term family, its earliest use in a dated document, and whose words those are.

    Undated documents cannot be placed and are left out; the historians' texts are not
    evidence of 1956 usage and are left out too.
    """
    docs = hits[(hits["source"] == "document") & hits["date"].notna()]
    rows = []
    for key, fam in TERM_FAMILIES.items():
        uses = docs[docs["family"] == key].sort_values(["date", "doc_no"])
        if uses.empty:
            rows.append({"term family": fam.short, "first dated use": "none"})
            continue
        first = uses.iloc[0]
        rows.append(
            {
                "term family": fam.short,
                "first dated use": first["catalogue_date"],
                "where": first["label"],
                "words": first["match"],
                "speaker": first["speaker"],
                "written down by": first["written_by"],
                "attribution of the passage": first["attribution"],
                "dated documents using it": uses["doc_no"].nunique(),
            }
        )
    return pd.DataFrame(rows)


def undated_uses(hits: pd.DataFrame) -> pd.DataFrame:
    """Uses in documents the catalog cannot date: they stay off the date axis, not out of sight."""
    undated = hits[(hits["source"] == "document") & hits["date"].isna()]
    return undated[["family", "label", "left", "match", "right"]].reset_index(drop=True)


# -- display --------------------------------------------------------------------


def kwic_table(hits: pd.DataFrame, key: str) -> pd.DataFrame:
    """Keyword-in-context lines of one family, documents by date, historians last."""
    part = hits[hits["family"] == key].copy()
    part["order"] = part["date"].fillna(pd.Timestamp("2100-01-01"))
    part = part.sort_values(["order", "doc_no", "label"], na_position="last")
    out = part[["label", "speaker", "left", "match", "right"]].rename(
        columns={"label": "where", "left": "before", "match": "term", "right": "after"}
    )
    return out.reset_index(drop=True)


def terms_chart(hits: pd.DataFrame) -> go.Figure:
    """Uses of each term family per dated document, coloured by speaker, one family at a time.

    One trace per (family, speaker); the dropdown shows one family's traces at a time.
    """
    docs = hits[(hits["source"] == "document") & hits["date"].notna()]
    counts = (
        docs.groupby(["family", "speaker", "doc_no", "date", "catalogue_date", "written_by"])
        .agg(uses=("match", "size"), words=("match", lambda m: "; ".join(sorted(set(m)))))
        .reset_index()
    )
    # The hover gives the date as the catalog knows it: a month-only date stays a month, and
    # a date from outside the corpus says so.
    counts["when"] = counts["catalogue_date"]
    colours = charts.voice_colours(counts["speaker"].tolist())
    fig = go.Figure()
    trace_family = []
    keys = [k for k in TERM_FAMILIES if k in set(counts["family"])]
    for key in keys:
        part = counts[counts["family"] == key]
        for speaker, rows in part.groupby("speaker"):
            fig.add_scatter(
                x=rows["date"],
                y=rows["uses"],
                mode="markers",
                name=speaker,
                legendgroup=speaker,
                marker=dict(size=12, color=colours[speaker], line=dict(width=1, color="#333")),
                customdata=rows[["doc_no", "written_by", "words", "when"]].values,
                hovertemplate=(
                    "Document No. %{customdata[0]}, %{customdata[3]}<br>%{y} use(s): "
                    "%{customdata[2]}<br>speaker: " + speaker + "<br>written down by: "
                    "%{customdata[1]}<extra></extra>"
                ),
                visible=key == keys[0],
            )
            trace_family.append(key)
    buttons = [
        dict(
            label=TERM_FAMILIES[key].short,
            method="update",
            args=[{"visible": [f == key for f in trace_family]}],
        )
        for key in keys
    ]
    fig.update_layout(
        updatemenus=[dict(buttons=buttons, direction="down", x=1, xanchor="right", yanchor="top")],
        legend=dict(title="whose words:", orientation="h", x=0, yanchor="bottom"),
    )
    fig.update_xaxes(title="date of the document", range=charts.time_axis())
    fig.update_yaxes(title="uses in the document", rangemode="tozero")
    charts.mark_1956(fig)
    n_docs = docs["doc_no"].nunique()
    charts.finish(
        fig,
        title="Who used which label, and when",
        alt=(
            f"Dot chart over 1956: for the chosen term family (a drop-down menu switches "
            f"between {len(keys)} families), each dot is a dated document that uses it, "
            f"placed at the document's date, its height the number of uses, its colour the "
            f"person whose words the document relays. {n_docs} dated documents use at least "
            "one of the terms."
        ),
        source="CWIHP Bulletin 16 corpus; dates and speakers from the document catalog",
        height=520,
        # The drop-down and the legend sit above the plot: room for them under the title.
        margin=dict(t=150),
    )
    # From the top: title and drop-down side by side, the legend, the plenum labels.
    fig.update_layout(legend_y=charts.above_plot(fig, 52))
    fig.layout.updatemenus[0].y = charts.above_plot(fig, fig.layout.margin.t - 10)
    return fig


def _text_voices(units) -> dict[str, str]:
    """Each unit's voice for the rates chart: a historian's text, or the documents."""
    return {u: HISTORIAN_VOICES.get(u, DOCUMENTS_VOICE) for u in units}


def _short(voice: str) -> str:
    return voice.removesuffix(" (historian)")


def voice_words(unit_summary: pd.DataFrame) -> dict[str, int]:
    """Words of text per voice of :func:`usage_rates` (Person, Shimotomai, the documents)."""
    words = unit_summary.set_index("unit")["words"]
    by_voice = words.groupby(_text_voices(words.index)).sum()
    return {_short(v): int(n) for v, n in by_voice.items()}


def usage_rates(hits: pd.DataFrame, unit_summary: pd.DataFrame) -> pd.DataFrame:
    """Uses of each term family per 1,000 words, in Person's, Shimotomai's and the documents' text.

    ``unit_summary`` is ``corpus.unit_summary()`` (it gives the words of each unit).
    """
    words = unit_summary.set_index("unit")["words"]
    voice = _text_voices(words.index)
    words_by_voice = words.groupby(voice).sum()
    hits = hits.assign(voice=[voice[u] for u in hits["unit"]])
    uses = pd.crosstab(hits["family"], hits["voice"]).reindex(
        index=list(TERM_FAMILIES), columns=words_by_voice.index, fill_value=0
    )
    rates = uses.div(words_by_voice, axis=1) * 1000
    rates.index = [TERM_FAMILIES[k].short for k in rates.index]
    rates = rates[[HISTORIAN_VOICES["intro"], HISTORIAN_VOICES["article"], DOCUMENTS_VOICE]]
    rates.columns = [_short(v) for v in rates.columns]
    return rates


def rates_chart(rates: pd.DataFrame, words: dict[str, int]) -> go.Figure:
    """Grouped bars of ``usage_rates``: how densely each voice uses each family of terms.

    The historians keep the colours they have in every chart of voices
    (``charts.VOICE_COLOURS``); the documents together have a colour of their own.
    """
    full = {_short(v): v for v in [*HISTORIAN_VOICES.values(), DOCUMENTS_VOICE]}
    fig = go.Figure()
    for voice in rates.columns:
        fig.add_bar(
            y=rates.index,
            x=rates[voice],
            orientation="h",
            name=f"{voice} ({words[voice]:,} words)",
            marker_color=charts.VOICE_COLOURS[full[voice]],
            hovertemplate=voice + ": %{x:.2f} per 1,000 words<extra>%{y}</extra>",
        )
    fig.update_layout(barmode="group", legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"))
    fig.update_xaxes(title="uses per 1,000 words")
    fig.update_yaxes(title="term family", autorange="reversed")
    top = rates["Person"].idxmax()
    charts.finish(
        fig,
        title="How densely each text uses the labels",
        alt=(
            "Horizontal grouped bar chart: for each term family, its uses per 1,000 words in "
            "Person's introduction, in Shimotomai's article and notes, and in all the "
            f"documents together. Person's densest family is '{top}'."
        ),
        source="CWIHP Bulletin 16 corpus",
        height=520,
        margin=dict(t=130),  # the legend sits above the plot, under the title
    )
    return fig
