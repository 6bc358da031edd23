"""Who's who: the people table made readable, with how often and how the corpus names them.

The chapter "Who's who" shows ``data/people.csv`` as a searchable table, counts
how often the reading text of each unit mentions each person (through
:func:`august1956.tables.people.find_mentions`, which knows every spelling), and
finds the people whom the corpus itself spells in more than one way.

>>> from august1956 import load
>>> forms = corpus_forms(load())
>>> sorted(forms.loc[forms["person_id"] == "gim-seunghwa", "form"])
['Gim Seunghwa', 'Gim Sunghwa']
"""

from __future__ import annotations

import html
import re
from collections import Counter

import pandas as pd
import plotly.graph_objects as go

from august1956.chapters.charts import BACKGROUND_COLOURS, finish
from august1956.chapters.live import controls_view
from august1956.tables.curated import require_columns, row_unit
from august1956.tables.people import default_people, display_names, find_mentions, matches_name
from august1956.text.corpus import Corpus
from august1956.text.units import HISTORIAN_TEXTS, doc_unit, unit_label

PEOPLE_COLUMNS = ("person_id", "name", "variants", "side", "background", "role_1956")


def require_people_columns(people: pd.DataFrame) -> None:
    """Fail clearly when a table is not the people table."""
    require_columns(people, "people", PEOPLE_COLUMNS)


def unit_texts(corpus: Corpus) -> dict[str, str]:
    """The reading text of every unit, paragraphs joined, in corpus order.

    The *Bulletin*'s own source notes ("[Source: RGANI ... Obtained and translated
    for CWIHP by James F. Person]") are left out: they are the editors' words of
    2007/08, not the documents', and would count Person among the people the
    documents name.

    >>> from august1956 import load
    >>> texts = unit_texts(load())
    >>> list(texts)[:3], "Obtained and translated" in texts["doc16"]
    (['intro', 'article', 'notes'], False)
    """
    paras = corpus.paragraphs
    paras = paras[~paras["text"].str.lstrip().str.startswith("[Source:")]
    return {unit: "\n\n".join(group["text"]) for unit, group in paras.groupby("unit", sort=False)}


def is_historian(people: pd.DataFrame) -> pd.Series:
    """True for the rows of the historians (they are in the table so readers can look them up).

    >>> from august1956.tables.curated import read_table
    >>> people = read_table("people")
    >>> sorted(people.loc[is_historian(people), "person_id"])
    ['lankov', 'person', 'shimotomai', 'szalontai']
    """
    return people["role_1956"].str.startswith("historian")


def mention_table(corpus: Corpus, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per person: mentions in the documents, in the historians' texts, and where.

    Columns: person_id, name, background, side, in_documents, in_historians,
    documents (how many documents name the person at least once).

    >>> from august1956 import load
    >>> table = mention_table(load()).set_index("person_id")
    >>> int(table.loc["kim-ilsung", "in_documents"]) > int(table.loc["li-sangjo", "in_documents"])
    True
    """
    people = default_people() if people is None else people
    require_people_columns(people)
    counts = Counter()
    docs_naming: dict[str, set[str]] = {}
    for unit, text in unit_texts(corpus).items():
        where = "in_historians" if unit in HISTORIAN_TEXTS else "in_documents"
        for pid, _, _ in find_mentions(text, people, unit=unit):
            counts[(pid, where)] += 1
            if where == "in_documents":
                docs_naming.setdefault(pid, set()).add(unit)
    out = people[["person_id", "name", "background", "side"]].copy()
    out["in_documents"] = [counts[(p, "in_documents")] for p in out["person_id"]]
    out["in_historians"] = [counts[(p, "in_historians")] for p in out["person_id"]]
    out["documents"] = [len(docs_naming.get(p, ())) for p in out["person_id"]]
    return out.reset_index(drop=True)


def mention_chart(mentions: pd.DataFrame, people: pd.DataFrame, top: int = 30) -> go.Figure:
    """Bars of mentions per person, coloured by background; a menu switches the source texts.

    Each view shows the ``top`` people by the count it draws, in that order, and
    everyone tied with the last of them, so that the cut never falls inside a tie: the
    documents' view ranks by mentions in the documents, the historians' view by
    mentions in Person's and Shimotomai's texts. The historians themselves are
    left out: they are not actors of 1956.
    """
    actors = mentions[~mentions["person_id"].isin(people.loc[is_historian(people), "person_id"])]
    fig = go.Figure()
    views = (
        ("in_documents", "the documents"),
        ("in_historians", "Person's and Shimotomai's texts"),
    )
    orders = []
    for i, (column, _) in enumerate(views):
        ranked = actors[actors[column] > 0].sort_values([column, "name"], ascending=[False, True])
        shown = ranked[ranked[column] >= ranked[column].iloc[min(top, len(ranked)) - 1]]
        orders.append(shown["name"].tolist()[::-1])
        if i == 0:
            first = shown
        for background, colour in BACKGROUND_COLOURS.items():
            part = shown[shown["background"] == background]
            fig.add_bar(
                x=part[column],
                y=part["name"],
                orientation="h",
                name=background,
                legendgroup=background,
                showlegend=i == 0,
                visible=i == 0,
                marker_color=colour,
                customdata=part[["documents", "in_documents", "in_historians"]].values,
                hovertemplate="%{y}: %{x} mentions<br>named in %{customdata[0]} documents"
                "<br>documents %{customdata[1]}, historians' texts %{customdata[2]}"
                "<extra>%{fullData.name}</extra>",
            )
    n = len(BACKGROUND_COLOURS)
    buttons = [
        dict(
            label=f"Mentions in {label}",
            method="update",
            args=[
                {"visible": [j // n == i for j in range(2 * n)]},
                {"yaxis.categoryarray": orders[i]},
            ],
        )
        for i, (_, label) in enumerate(views)
    ]
    fig.update_layout(
        updatemenus=[dict(buttons=buttons, x=0, xanchor="left", y=1.01, yanchor="bottom")],
        barmode="stack",
        legend=dict(title="background"),
    )
    fig.update_yaxes(title="", categoryorder="array", categoryarray=orders[0], dtick=1)
    shown = first
    fig.update_xaxes(title="mentions (any spelling)")
    top_row = shown.iloc[0]
    return finish(
        fig,
        title=f"Who the corpus names most: the {len(shown)} most mentioned people",
        alt=(
            f"Horizontal bar chart of mentions of the {len(shown)} most often named people in "
            f"the documents, coloured by background; {top_row['name']} leads with "
            f"{top_row['in_documents']} mentions in the documents. A menu switches to the "
            "historians' texts."
        ),
        source="CWIHP Bulletin 16 corpus (reading text); the book's people table",
        height=max(780, 150 + 21 * max(len(order) for order in orders)),
        margin=dict(t=110),
    )


def background_totals(mentions: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """People and mentions per background, historians left out.

    >>> from august1956 import load
    >>> from august1956.tables.curated import read_table
    >>> people = read_table("people")
    >>> totals = background_totals(mention_table(load(), people), people)
    >>> int(totals["people"].sum()) == len(people) - 4
    True
    """
    actors = mentions[~mentions["person_id"].isin(people.loc[is_historian(people), "person_id"])]
    grouped = actors.groupby("background", sort=False).agg(
        people=("person_id", "size"),
        never_named=("in_documents", lambda s: int((s == 0).sum())),
        in_documents=("in_documents", "sum"),
        in_historians=("in_historians", "sum"),
    )
    order = [b for b in BACKGROUND_COLOURS if b in grouped.index]
    return grouped.loc[order].reset_index()


def _name_tokens(form: str) -> frozenset[str]:
    """The words of a spelling that count for comparing spellings: no initials, no case.

    >>> sorted(_name_tokens("N. S. KHRUSHCHEV")), sorted(_name_tokens("Gim Chang-man"))
    (['khrushchev'], ['chang-man', 'gim'])
    """
    words = re.split(r"[\s.]+", form.casefold())
    return frozenset(w for w in words if len(w) > 1)


def corpus_forms(corpus: Corpus, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every form in which the corpus writes each person's name, with counts and units.

    Forms that differ only by initials, case, line breaks or a shortened name
    ("Mao" for "Mao Zedong") are not counted as different spellings; the
    ``spelling`` column numbers the truly different spellings of one person.
    Columns: person_id, form, count, units, spelling.
    """
    people = default_people() if people is None else people
    seen: dict[tuple[str, str], Counter] = {}
    for unit, text in unit_texts(corpus).items():
        for pid, start, end in find_mentions(text, people, unit=unit):
            form = " ".join(text[start:end].split())
            seen.setdefault((pid, form), Counter())[unit] += 1
    rows = []
    for (pid, form), units in seen.items():
        rows.append(
            {
                "person_id": pid,
                "form": form,
                "count": sum(units.values()),
                "units": ", ".join(unit_label(u) for u in units),
            }
        )
    forms = pd.DataFrame(rows).sort_values(["person_id", "count"], ascending=[True, False])
    forms["spelling"] = forms.groupby("person_id")["form"].transform(_spelling_numbers)
    return forms.reset_index(drop=True)


def _spelling_numbers(forms: pd.Series) -> list[int]:
    """Number forms so that a form contained in an earlier one shares its number."""
    kept: list[frozenset[str]] = []
    numbers = []
    for form in forms:
        tokens = _name_tokens(form)
        match = next((i for i, k in enumerate(kept) if tokens <= k or k <= tokens), None)
        if match is None:
            kept.append(tokens)
            match = len(kept) - 1
        numbers.append(match + 1)
    return numbers


def inconsistent_spellings(forms: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """People whom the corpus spells in two or more truly different ways.

    >>> from august1956 import load
    >>> from august1956.tables.curated import read_table
    >>> people = read_table("people")
    >>> table = inconsistent_spellings(corpus_forms(load(), people), people)
    >>> "Gim Sunghwa" in table.set_index("person_id").loc["gim-seunghwa", "forms in the corpus"]
    True
    """
    several = forms.groupby("person_id")["spelling"].transform("max") > 1
    names = display_names(people)
    rows = []
    for pid, group in forms[several].groupby("person_id", sort=False):
        rows.append(
            {
                "person_id": pid,
                "name in this book": names[pid],
                "forms in the corpus": "; ".join(
                    f"{f} ({n}× in {u})"
                    for f, n, u in group[["form", "count", "units"]].itertuples(index=False)
                ),
            }
        )
    return pd.DataFrame(rows, columns=["person_id", "name in this book", "forms in the corpus"])


def labels_table(people: pd.DataFrame) -> pd.DataFrame:
    """The people who carry a "faction" or "group" label, who applied it, and where.

    >>> from august1956.tables.curated import read_table
    >>> table = labels_table(read_table("people")).set_index("name")
    >>> table.loc["Choe Changik", "label"]
    "Yan'an [Chinese] faction (its leader)"
    """
    labelled = people[people["faction_label"] != ""]
    where = [
        unit_label(doc_unit(d)) if u == "doc" and d else unit_label(u)
        for u, d in zip(labelled["label_unit"], labelled["label_doc_no"], strict=True)
    ]
    return pd.DataFrame(
        {
            "name": labelled["name"],
            "background (curators)": [background_words(p) for _, p in labelled.iterrows()],
            "label": labelled["faction_label"],
            "applied by": labelled["labelled_by"],
            "where": where,
        }
    ).reset_index(drop=True)


def background_words(person: pd.Series) -> str:
    """A person's background as the table shows it, with how surely it is known.

    >>> background_words(pd.Series({"background": "Yan'an", "background_basis": "not confirmed"}))
    "Yan'an (not confirmed)"
    >>> background_words(pd.Series({"background": "partisan", "background_basis": ""}))
    'partisan'
    """
    basis = str(person.get("background_basis", "") or "").strip()
    return f"{person['background']} ({basis})" if basis else str(person["background"])


def unsure_backgrounds(people: pd.DataFrame) -> dict[str, list[str]]:
    """The names of the people whose background is not confirmed, or disputed, by basis.

    >>> from august1956.tables.curated import read_table
    >>> unsure_backgrounds(read_table("people"))["disputed"]
    ['Bak Jeongae']
    """
    unsure = people[people["background_basis"] != ""]
    return {b: list(g["name"]) for b, g in unsure.groupby("background_basis", sort=True)}


def _cell(value: str) -> str:
    return html.escape(value.replace(";", "; ")) if value else "—"


def row_note_html(person: pd.Series) -> str:
    r"""A row's note and the quotation it rests on, folded under a "note and source" toggle.

    The toggle is a ``<details>`` element, so it opens by tap, click or keyboard.

    >>> row = pd.Series({"note": "Died in 1951.", "evidence": "Gim Chaek and other comrades",
    ...                  "evidence_unit": "doc", "evidence_doc_no": "26"})
    >>> print(row_note_html(row).replace("</p>", "</p>\n"))
    <details class="row-note"><summary>note and source</summary><p>Died in 1951.</p>
    <p>“Gim Chaek and other comrades” (Document No. 26)</p>
    </details>
    >>> row_note_html(pd.Series({"note": "", "evidence": "", "evidence_unit": ""}))
    ''
    """
    parts = []
    note = str(person.get("note", "") or "").strip()
    if note:
        parts.append(f"<p>{html.escape(note)}</p>")
    quote = str(person.get("evidence", "") or "").strip()
    where = {"unit": person.get("evidence_unit", ""), "doc_no": person.get("evidence_doc_no", "")}
    unit = row_unit(pd.Series(where))
    if quote and unit:
        parts.append(f"<p>“{html.escape(quote)}” ({html.escape(unit_label(unit))})</p>")
    if not parts:
        return ""
    return (
        '<details class="row-note"><summary>note and source</summary>'
        + "".join(parts)
        + "</details>"
    )


def people_html(people: pd.DataFrame, mentions: pd.DataFrame, table_id: str = "whoswho") -> str:
    """The people table as HTML with a labelled filter box and a background menu.

    Each row carries ``id="<person_id>"`` so that other pages can link to it.
    The filter is a few lines of inline JavaScript: no library, no network.

    >>> from august1956 import load
    >>> from august1956.tables.curated import read_table
    >>> people = read_table("people")
    >>> page = people_html(people, mention_table(load(), people))
    >>> '<tr id="li-sangjo"' in page and '<label for="whoswho-filter">' in page
    True
    """
    require_people_columns(people)
    counts = mentions.set_index("person_id")["in_documents"]
    options = "".join(
        f'<option value="{html.escape(b)}">{html.escape(b)}</option>'
        for b in BACKGROUND_COLOURS
        if b in set(people["background"])
    )
    rows = []
    for _, p in people.iterrows():
        label = p["faction_label"]
        if label:
            by = html.escape(p["labelled_by"])
            label = f'{html.escape(label)}<br><span class="sub">applied by: {by}</span>'
        else:
            label = "—"
        swatch = BACKGROUND_COLOURS.get(p["background"], "#999")
        source = row_note_html(p)
        rows.append(
            f'<tr id="{html.escape(p["person_id"])}" data-background="'
            f'{html.escape(p["background"])}">'
            f'<th scope="row">{html.escape(p["name"])}<br><span class="sub">'
            f'<span aria-hidden="true" style="color:{swatch}">■</span> '
            f"{html.escape(background_words(p))}, {html.escape(p['side'])}</span></th>"
            f'<td><span class="sub">{_cell(p["variants"])}</span></td>'
            f'<td>{_cell(p["role_1956"])}<br><span class="sub">'
            f"{_cell(p.get('fate_1956_57', ''))}</span>{source}</td><td>{label}</td>"
            f'<td style="text-align:right">{int(counts.get(p["person_id"], 0))}</td></tr>'
        )
    return f"""
<div class="whoswho">
<style>
#{table_id} {{ font-size: 0.85rem; border-collapse: collapse; }}
#{table_id} .sub {{ font-size: 0.8rem; font-weight: normal; opacity: 0.85; }}
#{table_id} th, #{table_id} td {{ vertical-align: top; text-align: left; padding: .3em .4em; }}
#{table_id} tbody tr {{ border-top: 1px solid #ddd; scroll-margin-top: 5em; }}
#{table_id} tbody tr:target {{ outline: 3px solid #E69F00; }}
#{table_id} caption {{ color: var(--pst-color-text-base); }}
#{table_id} .row-note {{ font-size: 0.8rem; margin-top: .2em; }}
#{table_id} .row-note summary {{ cursor: pointer; }}
#{table_id} .row-note p {{ margin: .2em 0; }}
</style>
<p>
<label for="{table_id}-filter">Filter by any spelling, post or label:</label>
<input id="{table_id}-filter" type="search" placeholder="e.g. Pak, Yan'an, Minister"
       style="margin:0 1em 0 .5em">
<label for="{table_id}-background">Background:</label>
<select id="{table_id}-background"><option value="">all</option>{options}</select>
<span id="{table_id}-count" role="status" aria-live="polite" style="margin-left:1em"></span>
</p>
<div role="region" aria-label="People table" tabindex="0"
     style="overflow:auto; max-height:80vh">
<table id="{table_id}">
<caption>People of 1956 in the corpus: spellings, background, post and fate, labels and who
applied them, and how often the documents name them</caption>
<thead><tr><th scope="col">name (corpus), background, side</th>
<th scope="col">other spellings</th><th scope="col">role in 1956, and fate</th>
<th scope="col">label, and who applied it</th>
<th scope="col">named in the documents</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody></table></div>
<script>
(function () {{
  const box = document.getElementById("{table_id}-filter");
  const menu = document.getElementById("{table_id}-background");
  const status = document.getElementById("{table_id}-count");
  const rows = Array.from(document.querySelectorAll("#{table_id} tbody tr"));
  // The rule of august1956.tables.people.matches_name, which the live filter uses.
  // Words folded for case and diacritics ("Chong" finds "Chŏng") and split at spaces,
  // hyphens and apostrophes, straight or typographic. A query matches where it runs
  // through whole words, however they are joined: "pak chang ok" and "Bak Changok" find
  // "Pak Ch'ang-ok", "Yan’an" finds "Yan'an", and neither is found inside "Mikoyan and".
  const fold = (s) => s.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  const words = (s) => fold(s).split(/[^\\p{{L}}\\p{{N}}]+/u).filter(Boolean);
  const texts = rows.map((r) => words(r.textContent));
  function matches(ws, q) {{
    for (let i = 0; i < ws.length; i++) {{
      let run = "";
      for (let j = i; j < ws.length && q.startsWith(run); j++) {{
        run += ws[j];
        if (run.startsWith(q)) return true;
      }}
    }}
    return false;
  }}
  function apply() {{
    const q = words(box.value).join("");
    let shown = 0;
    rows.forEach((r, i) => {{
      const ok = (!q || matches(texts[i], q)) &&
                 (!menu.value || r.dataset.background === menu.value);
      r.hidden = !ok;
      if (ok) shown += 1;
    }});
    status.textContent = shown + " of " + rows.length + " people shown";
  }}
  box.addEventListener("input", apply);
  menu.addEventListener("change", apply);
  apply();
}})();
</script>
</div>
"""


def people_by_background(people: pd.DataFrame) -> pd.DataFrame:
    """How many people of each background the table holds, by side.

    >>> from august1956.tables.curated import read_table
    >>> people = read_table("people")
    >>> table = people_by_background(people)
    >>> int(table.loc["Soviet official", "USSR"]) == int((people["side"] == "USSR").sum())
    True
    """
    order = [b for b in BACKGROUND_COLOURS if b in set(people["background"])]
    table = pd.crosstab(people["background"], people["side"]).reindex(order)
    table.columns.name, table.index.name = None, "background"
    return table


def people_explorer(people: pd.DataFrame, mentions: pd.DataFrame):
    """An ipywidgets filter of the people table for live sessions."""
    import ipywidgets as widgets

    table = people.merge(mentions[["person_id", "in_documents"]], on="person_id")
    columns = ["name", "variants", "background", "role_1956", "faction_label", "in_documents"]
    text = widgets.Text(description="Name or post", placeholder="e.g. Pak Ch'ang-ok")
    menu = widgets.Dropdown(
        description="Background", options=["all", *sorted(set(table["background"]))]
    )

    def rows():
        shown = table
        if menu.value != "all":
            shown = shown[shown["background"] == menu.value]
        # The same rule as the book's filter: whole words, any spelling, however joined.
        hay = shown[["name", "variants", "background", "role_1956", "faction_label"]]
        keep = [matches_name(" ".join(row), text.value) for row in hay.itertuples(index=False)]
        return shown[keep][columns].style.hide(axis="index")

    return controls_view([text, menu], rows)


HISTORIAN_WORDS = re.compile(r"Person|Shimotomai|literature|narrative|Lankov|Szalontai")


def label_from_historians(labels: pd.DataFrame) -> pd.Series:
    """True where a label is attested (only or also) in a historian's words, not just in 1956.

    >>> from august1956.tables.curated import read_table
    >>> labels = labels_table(read_table("people")).set_index("name")
    >>> bool(label_from_historians(labels)["Kim Il Sung"])
    True
    >>> bool(label_from_historians(labels)["Bak Yeongbin"])
    False
    """
    return labels["applied by"].str.contains(HISTORIAN_WORDS)


def readable(frame: pd.DataFrame, font_size: str = "0.85em"):
    """A table styled for reading in the book: no index, wrapped text aligned to the top left.

    >>> readable(pd.DataFrame({"a": ["x"]})).to_html().count("vertical-align: top")
    1
    """
    cells = {"white-space": "normal", "text-align": "left", "vertical-align": "top"}
    return frame.style.hide(axis="index").set_properties(**cells, **{"font-size": font_size})
