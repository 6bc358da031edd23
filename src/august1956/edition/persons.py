"""The people of the edition: one generated page per person of the people register.

Each page, under ``book/people/``, gathers what the edition knows of one person: every
spelling the register gives (the corpus's first), what the register says of their role
and fate with its evidence, every mention in the corpus as a link to its paragraph, the
documents they recorded or took part in, the meetings they attended, and the historians'
claims and the evidence rows whose words name them. Mentions are found by the one rule of
the book (:func:`august1956.tables.people.find_mentions`, through
:func:`~august1956.tables.people.paragraph_mentions`), so a page and the document pages
always agree.

The pages are written with the documents' pages by ``python -m august1956 edition``
(:func:`august1956.edition.pages.main`) and checked for staleness the same way.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from august1956.chapters.vocabulary import counted
from august1956.edition.pages import (
    GENERATED_NOTE,
    NONE_RECORDED,
    PageContext,
    _claim_markdown,
    _definition,
    display_date,
    historian_name,
    md_escape,
    page_title,
    person_markdown,
    quote_inline,
    search_keywords,
    split_ids,
    vague_last,
)
from august1956.paths import BOOK_DIR
from august1956.tables.curated import row_unit
from august1956.tables.people import find_mentions, paragraph_mentions, search_words
from august1956.text.corpus import Corpus
from august1956.text.units import unit_label

#: The people's folder in the book's source.
PEOPLE_DIR = BOOK_DIR / "people"


def script_of(form: str) -> str:
    """The writing system of a spelling, by its letters: 'Latin', 'Cyrillic' or 'Chinese'.

    >>> script_of("Нам Ир"), script_of("毛泽东"), script_of("Pak Ŭi-wan")
    ('Cyrillic', 'Chinese', 'Latin')
    """
    names = [unicodedata.name(ch, "") for ch in form if ch.isalpha()]
    if names and all(n.startswith("CYRILLIC") for n in names):
        return "Cyrillic"
    if names and all(n.startswith("CJK") for n in names):
        return "Chinese"
    return "Latin"


def spellings_section(person: pd.Series) -> list[str]:
    """The register's spellings: the corpus's, then the others by writing system.

    The register does not say which system of romanization each Latin form follows, so
    the page does not either.
    """
    others = [v.strip() for v in str(person["variants"]).split(";") if v.strip()]
    by_script: dict[str, list[str]] = {}
    for form in others:
        by_script.setdefault(script_of(form), []).append(form)
    items = [f"- As the corpus spells it: **{md_escape(person['name'])}**"]
    labels = {
        "Latin": "Other spellings in the Latin alphabet",
        "Cyrillic": "In Cyrillic",
        "Chinese": "In Chinese characters",
    }
    for script, label in labels.items():
        if by_script.get(script):
            items.append(f"- {label}: {md_escape('; '.join(by_script[script]))}")
    return [
        "\n".join(items),
        "These are the spellings of the book's people register; the register does not say "
        "which romanization or which source each follows.",
    ]


def register_section(corpus: Corpus, person: pd.Series) -> list[str]:
    """What the register says of the person, each statement as it stands there."""
    items = []
    for key, term in (
        ("role_1956", "Role in 1956"),
        ("side", "Side"),
        ("background", "Background"),
    ):
        value = str(person.get(key, "")).strip()
        if value:
            if key == "background" and str(person.get("background_basis", "")).strip():
                value += f" ({person['background_basis']})"
            items.append(_definition(term, md_escape(value)))
    if str(person.get("faction_label", "")).strip():
        label = f"“{md_escape(person['faction_label'])}”"
        if str(person.get("labelled_by", "")).strip():
            label += f", by {md_escape(person['labelled_by'])}"
        items.append(_definition("Called", label))
    if str(person.get("fate_1956_57", "")).strip():
        items.append(_definition("In 1956–57", md_escape(person["fate_1956_57"])))
    unit = row_unit(
        pd.Series({"unit": person.get("evidence_unit"), "doc_no": person.get("evidence_doc_no")})
    )
    if unit and str(person.get("evidence", "")).strip():
        quote = quote_inline(corpus, person["evidence"], unit)
        items.append(_definition("Evidence", f"{md_escape(unit_label(unit))}: {quote}"))
    if str(person.get("note", "")).strip():
        items.append(_definition("Note", md_escape(person["note"])))
    return ["\n\n".join(items)] if items else [NONE_RECORDED]


def all_mentions(
    corpus: Corpus, people: pd.DataFrame
) -> dict[str, list[tuple[str, int, list[int]]]]:
    """For each person id: (unit, mentions, paragraph numbers) for every unit naming them."""
    out: dict[str, list[tuple[str, int, list[int]]]] = {}
    for unit in corpus.units:
        for pid, n, numbers in paragraph_mentions(corpus.unit_paragraphs(unit), unit, people):
            out.setdefault(pid, []).append((unit, n, numbers))
    return out


def mentions_section(
    corpus: Corpus, mentions: list[tuple[str, int, list[int]]], has_note: bool
) -> list[str]:
    if not mentions:
        return [
            "The corpus never names this person under any spelling of the register: the "
            "register has them from a record or a text that names them otherwise"
            + (" (see the note above)." if has_note else ".")
        ]
    total = sum(n for _, n, _ in mentions)
    lines = [
        f"{counted(total, 'mention')} in {counted(len(mentions), 'text')}, under any spelling "
        "of the register (a bare surname is not counted). Each paragraph number links to the "
        "paragraph."
    ]
    items = []
    for unit, n, numbers in mentions:
        where = ", ".join(f"[¶{k}]({unit}-p{k})" for k in numbers)
        times = "once" if n == 1 else f"{n} times"
        title = md_escape(page_title(corpus, unit))
        items.append(f"- [{title}](../documents/{unit}.md): {times} ({where})")
    return lines + ["\n".join(items)]


def documents_section(corpus: Corpus, pid: str, ctx: PageContext) -> list[str]:
    """The documents the catalog says they recorded, wrote or spoke in."""
    items = []
    for _, doc in corpus.documents.iterrows():
        roles = []
        if pid in split_ids(doc["recorder"]):
            written = doc["doc_type"] in ("letter", "memo", "report")
            roles.append("wrote it" if written else "recorded it")
        if pid in split_ids(doc["interlocutors"]):
            roles.append("was addressed" if doc["doc_type"] == "directive" else "spoke in it")
        if roles:
            title = md_escape(page_title(corpus, doc["unit"]))
            when = display_date(doc["date"], doc["date_precision"])
            items.append(
                f"- [{title}](../documents/{doc['unit']}.md), {when}: {' and '.join(roles)}"
            )
    return ["\n".join(items)] if items else [NONE_RECORDED]


def person_meetings(corpus: Corpus, pid: str, ctx: PageContext) -> list[str]:
    """The meetings of the meetings table that list them among the participants."""
    meetings = ctx.tables.meetings
    if meetings is None or meetings.empty:
        return [NONE_RECORDED]
    rows = meetings[[pid in split_ids(p) for p in meetings["participants"]]]
    if rows.empty:
        return [NONE_RECORDED]
    items = []
    ordered = rows.assign(_order=rows["date"].map(vague_last)).sort_values("_order", kind="stable")
    for _, m in ordered.iterrows():
        when = display_date(m["date"], m.get("date_precision", "day"), m.get("date_end", ""))
        others = [p for p in split_ids(m["participants"]) if p != pid]
        with_whom = ", ".join(person_markdown(p, ctx.names, ctx.targets) for p in others)
        line = f"- **{when}**"
        if m.get("place"):
            line += f", {md_escape(m['place'])}"
        line += f": with {with_whom}" if with_whom else ""
        unit = row_unit(m)
        if unit:
            quote = quote_inline(corpus, m.get("evidence", ""), unit)
            line += f". Told in {md_escape(unit_label(unit))}" + (f": {quote}" if quote else "")
        items.append(line + ("" if line.endswith(")") else "."))
    return [
        "In date order; a meeting dated only to a month or a year follows those within it.",
        "\n".join(items),
    ]


def person_claims(corpus: Corpus, pid: str, ctx: PageContext) -> list[str]:
    """The claims whose words name the person, and the evidence rows whose reasoning or
    quote names them, each with the paragraph its quote stands in."""
    people = ctx.tables.people
    claims, evidence = ctx.tables.claims, ctx.tables.evidence
    items = []
    named_claims = set()
    if claims is not None:
        for _, c in claims.iterrows():
            text = f"{c['claim']}\n\n{c.get('label', '')}"
            if pid in {p for p, _, _ in find_mentions(text, people)}:
                named_claims.add(c["claim_id"])
                items.append(f"- {_claim_markdown(c['claim_id'], c)}")
    by_id = {c["claim_id"]: c for _, c in claims.iterrows()} if claims is not None else {}
    if evidence is not None:
        for _, ev in evidence.iterrows():
            unit = row_unit(ev)
            found = {p for p, _, _ in find_mentions(ev["reasoning"], people)}
            found |= {p for p, _, _ in find_mentions(ev.get("evidence", ""), people, unit=unit)}
            if pid not in found:
                continue
            claim = by_id.get(ev["claim_id"])
            who = historian_name(str(claim["historian"])) if claim is not None else ""
            label = str(claim.get("label", "")).strip() if claim is not None else ev["claim_id"]
            quote = quote_inline(corpus, ev.get("evidence", ""), unit) if unit else ""
            where = f" in {md_escape(unit_label(unit))}" if unit else ""
            items.append(
                f"- Evidence{where} that **{md_escape(ev['relation'])}** {md_escape(who)}'s "
                f"claim *{md_escape(label)}*: {md_escape(ev['reasoning'])}"
                + (f" {quote}" if quote else "")
            )
    return ["\n".join(items)] if items else [NONE_RECORDED]


def person_page(
    corpus: Corpus, person: pd.Series, mentions: list[tuple[str, int, list[int]]], ctx: PageContext
) -> str:
    """The Markdown of one person's page."""
    pid = person["person_id"]
    forms = [person["name"], *[v for v in str(person["variants"]).split(";") if v.strip()]]
    blocks = [
        GENERATED_NOTE,
        f"# {md_escape(person['name'])}",
        search_keywords(search_words(forms)),
        "## Spellings",
        *spellings_section(person),
        "## In the people register",
        *register_section(corpus, person),
        "## Where the corpus names them",
        *mentions_section(corpus, mentions, bool(str(person.get("note", "")).strip())),
        "## Documents they recorded, wrote or spoke in",
        *documents_section(corpus, pid, ctx),
        "## Meetings they attended",
        *person_meetings(corpus, pid, ctx),
        "## Historians' claims and evidence that name them",
        *person_claims(corpus, pid, ctx),
    ]
    return "\n\n".join(blocks) + "\n"


def people_index_page(corpus: Corpus, people: pd.DataFrame, mentions: dict) -> str:
    """The people index: every person of the register, with their mentions counted."""
    rows = ["| Name | Other spellings | Side | Mentions | Texts |", "|---|---|---|---:|---:|"]
    named = 0
    for _, p in people.iterrows():
        found = mentions.get(p["person_id"], [])
        named += bool(found)
        others = "; ".join(v.strip() for v in str(p["variants"]).split(";") if v.strip())
        rows.append(
            f"| [{md_escape(p['name'])}]({p['person_id']}.md) | {md_escape(others)} | "
            f"{md_escape(p['side'])} | {sum(n for _, n, _ in found)} | {len(found)} |"
        )
    blocks = [
        GENERATED_NOTE,
        "# People",
        (
            f"Every person of the book's people register has a page: {len(people)} people, "
            f"{named} of whom the corpus names. Each page gives their spellings, what the "
            "register says of them, every paragraph that names them, the documents and "
            "meetings they took part in, and the historians' claims that name them. The "
            "[Who's who](../02_whos_who.ipynb) compares them in one table."
        ),
        "\n".join(rows),
    ]
    return "\n\n".join(blocks) + "\n"


def render_person_pages(corpus: Corpus, ctx: PageContext) -> dict[str, str]:
    """Every page of the people folder: file name -> Markdown (none without a register)."""
    people = ctx.tables.people
    if people is None:
        return {}
    mentions = all_mentions(corpus, people)
    pages = {"index.md": people_index_page(corpus, people, mentions)}
    for _, p in people.iterrows():
        pages[f"{p['person_id']}.md"] = person_page(
            corpus, p, mentions.get(p["person_id"], []), ctx
        )
    return pages
