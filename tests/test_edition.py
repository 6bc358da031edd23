"""The edition's pages: complete, current, faithful to the text, and with links that hold."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml

from august1956.edition import pages as edition
from august1956.tables.curated import read_table
from august1956.text.corpus import LOST, load, normalize
from august1956.text.source import CorpusError

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "book" / "documents"
SEARCH_INDEX = ROOT / "_build" / "html" / "searchindex.js"


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The committed pages, by unit (and 'index')."""
    return {p.stem: p.read_text(encoding="utf-8") for p in PAGES.glob("*.md")}


@pytest.fixture(scope="module")
def placed(corpus):
    return edition.placed_emendations(corpus.paragraphs, corpus.emendations)


def bare_context(placed) -> edition.PageContext:
    """A page context with none of the curated tables, as before they exist."""
    return edition.PageContext(edition.Tables(), {}, set(), placed)


# -- reading a page back ---------------------------------------------------------------------


class ParagraphReader(HTMLParser):
    """Reads the edition's paragraph blocks back: each character with the mark it carries."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: dict[str, list[tuple[str, str]]] = {}
        self._stack: list[str] = []
        self._current: str | None = None
        self._in_number = False
        self._after_break = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "p" and "edition-para" in classes:
            self._current = attrs["id"]
            assert self._current not in self.paragraphs, f"{self._current} appears twice"
            self.paragraphs[self._current] = []
        elif self._current and tag == "a" and "para-no" in classes:
            self._in_number = True
        elif self._current and tag == "span":
            self._stack.append(classes[0])
        elif self._current and tag == "br":
            self._add("\n")
            self._after_break = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "p":
            self._current = None
        elif tag == "a":
            self._in_number = False
        elif tag == "span" and self._current:
            self._stack.pop()

    def handle_data(self, data):
        if self._after_break:
            # the newline the page puts after <br /> is markup, not text
            assert data.startswith("\n"), data
            data, self._after_break = data[1:], False
        if self._current and not self._in_number:
            for ch in data:
                self._add(ch)

    def _add(self, ch: str) -> None:
        # the innermost mark that matters: emendation and lost win over restored
        marks = set(self._stack)
        mark = next(
            (m for m in ("emendation", "lost", "inferred", "restored") if m in marks), "plain"
        )
        self.paragraphs[self._current].append((ch, mark))


def read_paragraphs(page: str) -> dict[str, list[tuple[str, str]]]:
    reader = ParagraphReader()
    reader.feed(page)
    return reader.paragraphs


def expected_marks(text: str, kinds: str, emendations) -> list[tuple[str, str]]:
    """What a paragraph must look like on the page, built from the data, not from the HTML."""
    by_start = {e.start: e for e in emendations}
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if i in by_start:
            e = by_start[i]
            out.extend((ch, "emendation") for ch in e.reading)
            i = e.end
            continue
        ch, kind = text[i], kinds[i]
        if ch == LOST:
            out.append((edition.LOST_GLYPH, "lost"))
        elif kind == "i" and not ch.isspace():
            out.append((ch, "inferred"))
        else:
            out.append((ch, {"c": "plain", "r": "restored", "i": "restored"}[kind]))
        i += 1
    return out


# -- completeness and currency -------------------------------------------------------------------


def test_every_document_in_the_catalog_has_its_page(corpus, pages):
    for unit in corpus.documents["unit"]:
        assert unit in pages, f"no page for {unit}"
        doc_no = int(unit[3:])
        assert f"# Document No. {doc_no}: " in pages[unit]


def test_every_unit_has_a_page_and_nothing_else_does(corpus, pages):
    assert set(pages) == set(corpus.units) | {"index", "finder"}


def test_the_index_links_every_page_once(corpus, pages):
    for unit in corpus.units:
        assert pages["index"].count(f"]({unit}.md)") == 1, unit


def test_pages_are_not_stale():
    stale = edition.stale_pages()
    assert not stale, (
        f"run `python -m august1956.edition.pages` and commit book/documents/: {stale}"
    )


def test_the_table_of_contents_lists_every_page_in_corpus_order(corpus):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries = list(toc.get("chapters", []))
    for part in toc.get("parts", []):
        entries += part.get("chapters", [])
    (documents,) = [e for e in entries if e.get("file") == "book/documents/index"]
    listed = [s["file"] for s in documents.get("sections", [])]
    assert listed == [f"book/documents/{u}" for u in corpus.units]


# -- the reading text ------------------------------------------------------------------------------


def test_every_paragraph_anchor_appears_once_on_its_page(corpus, pages):
    for unit in corpus.units:
        page = pages[unit]
        for anchor in corpus.unit_paragraphs(unit)["anchor"]:
            assert page.count(f'id="{anchor}"') == 1, anchor
            assert page.count(f"({anchor})=\n") == 1, anchor
        # and no other unit's paragraphs are defined here
        ids = re.findall(r'id="([a-z0-9]+)-p\d+"', page)
        assert set(ids) == {unit}


def test_each_paragraph_number_links_to_itself(corpus, pages):
    for _, p in corpus.paragraphs.iterrows():
        link = f'<a class="para-no" href="#{p["anchor"]}" title="Link to this paragraph">'
        assert f"{link}¶{p['number']}</a>" in pages[p["unit"]]


def test_the_page_text_is_the_corpus_text_with_every_mark_in_place(corpus, pages, placed):
    """Read each paragraph back from its page: every character, and how it is marked."""
    by_anchor: dict[str, list] = {}
    for e in placed:
        by_anchor.setdefault(e.anchor, []).append(e)
    for unit in corpus.units:
        shown = read_paragraphs(pages[unit])
        paras = corpus.unit_paragraphs(unit)
        assert list(shown) == list(paras["anchor"])
        for _, p in paras.iterrows():
            want = expected_marks(p["text"], p["kinds"], by_anchor.get(p["anchor"], []))
            got = shown[p["anchor"]]
            assert got[0] == (" ", "plain")  # the space after the paragraph number
            assert got[1:] == want, p["anchor"]


def test_lost_characters_are_never_dropped(corpus, pages, placed):
    for unit in corpus.units:
        lost = sum(t.count(LOST) for t in corpus.unit_paragraphs(unit)["text"])
        texts = dict(zip(corpus.paragraphs["anchor"], corpus.paragraphs["text"], strict=True))
        emended = sum(
            texts[e.anchor][e.start : e.end].count(LOST)
            for e in placed
            if e.anchor.startswith(f"{unit}-p")
        )
        assert pages[unit].count('class="lost"') == lost - emended, unit
    assert sum(t.count(LOST) for t in corpus.paragraphs["text"]) > 0  # the test has work to do


def test_restored_runs_are_marked(corpus, pages, placed):
    restored = 0
    emended = {(e.anchor, i) for e in placed for i in range(e.start, e.end)}
    for unit in corpus.units:
        shown = read_paragraphs(pages[unit])
        for _, p in corpus.unit_paragraphs(unit).iterrows():
            # restored characters that an editor's reading does not replace
            n_restored = sum(
                k in "ri" and ch != LOST and (p["anchor"], i) not in emended
                for i, (ch, k) in enumerate(zip(p["text"], p["kinds"], strict=True))
            )
            marked = sum(m in {"restored", "inferred"} for _, m in shown[p["anchor"]])
            assert marked == n_restored, p["anchor"]
            restored += n_restored
    assert restored > 1000
    assert f'title="{edition.RESTORED_TITLE}"' in pages["doc07"]


def test_an_editors_reading_stands_in_brackets_with_its_reasoning(corpus, pages):
    row = corpus.emendations.set_index("emendation_id").loc["e04"]
    page = pages[row["unit"]]
    span = re.search(r'<span class="emendation" title="([^"]*)">\[1956\]</span>', page)
    assert span, "the reading [1956] is not on the page"
    assert "editor&#x27;s reading (certain)" in span.group(1)
    assert "August Central Committee Plenum" in span.group(1)
    assert "## Editorial emendations" in page


def test_a_gap_between_excerpts_is_said_where_it_falls(corpus, pages):
    for unit in corpus.units:
        paras = corpus.unit_paragraphs(unit)
        page = pages[unit]
        for n, (_, p) in enumerate(paras.iterrows()):
            if n and edition._is_true(p["gap_before"]):
                before = page.split(f"({p['anchor']})=", 1)[0].rstrip()
                assert before.endswith(edition.gap_html(edition.GAP_NOTE)), p["anchor"]


def test_a_headless_document_says_its_beginning_and_title_are_not_the_sources(corpus, pages):
    headless = corpus.documents[corpus.documents["header_present"] == "False"]
    assert len(headless) >= 5
    for _, doc in headless.iterrows():
        page = pages[doc["unit"]]
        assert "title supplied by this edition: the header is lost" in page
        assert "the beginning of this document, with its header, is not in the corpus" in page
        assert f"# Document No. {doc['doc_no']}: \\[" in page  # the title in brackets
    with_header = corpus.documents[corpus.documents["header_present"] == "True"]
    for unit in with_header["unit"]:
        assert "The header survives in the corpus" in pages[unit]
        assert "title supplied by this edition" not in pages[unit]


def test_the_catalog_entry_gives_the_full_archival_citation(pages):
    page = pages["doc16"]
    assert "Fond 5, Opis 28, Delo 410, Listy 322-325" in page
    assert "translated by James F. Person" in page
    assert "Library of Congress" in pages["doc26"]


def test_the_search_index_holds_the_documents_words():
    if not SEARCH_INDEX.is_file():
        pytest.skip("the book is not built: run `make book` first")
    index = SEARCH_INDEX.read_text(encoding="utf-8")
    if '"book/documents/doc07"' not in index:
        pytest.skip("the last build predates the edition: run `make book`")
    # words from Document No. 7, one of them inside a restored run
    for word in ("bobylev", "meat", "unquestion"):
        assert f'"{word}' in index, word


# -- the apparatus and its links -------------------------------------------------------------------


def test_pages_generate_without_the_curated_tables(corpus, placed):
    page = edition.unit_page(corpus, "doc07", bare_context(placed))
    # meetings, figures, people mentioned, claims and related texts (a bare context has
    # none worked out): none, and nothing promised
    assert page.count(edition.NONE_RECORDED) == 5
    assert "yet" not in page.lower()
    assert "choe-changik" in page  # the id stands in for a name no table gives


def test_a_table_row_is_shown_with_its_quote_linked_to_its_paragraph(corpus, placed):
    quote = "Our conversation lasted one hour and 10 minutes"
    (where,) = corpus.find(quote, "doc07")
    meetings = pd.DataFrame(
        [
            {
                "meeting_id": "m-test",
                "date": "1956-06-05",
                "participants": "ivanov;choe-changik",
                "doc_no": "7",
                "unit": "doc07",
                "evidence": quote,
            }
        ]
    )
    people = read_table("people")
    people = people[people["person_id"].isin(["ivanov", "choe-changik"])]
    tables = edition.Tables(people=people, meetings=meetings)
    ctx = edition.PageContext(tables, tables.person_names(), {"choe-changik"}, placed)
    page = edition.unit_page(corpus, "doc07", ctx)
    assert f"“{quote}” ([¶{where.paragraph}]({where.anchor}))" in page
    assert 'V. I. Ivanov, <a href="../people/choe-changik.html">Choe Changik</a>' in page
    assert normalize(quote) in normalize(
        corpus.unit_paragraphs("doc07").set_index("anchor").loc[where.anchor, "text"]
    )


def test_a_quote_that_is_not_in_the_text_is_flagged_not_linked(corpus):
    shown = edition.quote_inline(corpus, "Kim Il Sung resigned in August", "doc07")
    assert "not found in this text" in shown and "](" not in shown


def evidence_rows(corpus) -> list[tuple[str, str, str]]:
    """(table, unit, quote) for every quote in the curated tables that exist."""
    tables = edition.load_tables(corpus.root)
    rows = []
    for name in ("meetings", "figures", "evidence"):
        table = getattr(tables, name)
        if table is None or "evidence" not in table:
            continue
        for unit in corpus.units:
            for quote in edition.rows_for(table, unit)["evidence"]:
                if str(quote).strip():
                    rows.append((name, unit, quote))
    if tables.claims is not None and "quote" in tables.claims:
        for _, claim in tables.claims.iterrows():
            if claim["unit"] in edition.UNIT_INFO and claim["quote"].strip():
                rows.append(("claims", claim["unit"], claim["quote"]))
    return rows


def test_every_evidence_quote_points_to_a_paragraph_that_holds_it(corpus, pages):
    rows = evidence_rows(corpus)
    if not rows:
        pytest.skip("no curated table with evidence quotes yet (meetings, figures, evidence)")
    for table, unit, quote in rows:
        found = corpus.find(quote, unit)
        assert found, f"{table}.csv: {quote[:60]!r} is not in {unit}"
        link = f"({edition.para_link(found[0])})"
        assert link in pages[unit], f"{table}.csv: {quote[:60]!r} is not linked on {unit}"
        # the quote starts in the linked paragraph (it may run on into the next)
        first_part = normalize(re.split(r"\s*(?:…|\.\.\.)\s*", quote)[0])
        paras = corpus.unit_paragraphs(unit)
        k = paras["anchor"].tolist().index(found[0].anchor)
        here = normalize(paras["text"].iloc[k])
        onward = " ".join(normalize(t) for t in paras["text"].iloc[k:])
        assert -1 < onward.find(first_part) < len(here), (table, quote[:60])


def test_people_link_to_their_pages_only_when_the_book_builds_them(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    people = ["nam-il", "li-sangjo"]
    # no table of contents, or one that leaves the people out: no links to them
    assert edition.person_page_targets(book, people) == set()
    (tmp_path / "_toc.yml").write_text("root: book/intro\n", encoding="utf-8")
    assert edition.person_page_targets(book, people) == set()
    (tmp_path / "_toc.yml").write_text(
        "root: book/intro\nchapters:\n  - file: book/people/index\n", encoding="utf-8"
    )
    targets = edition.person_page_targets(book, people)
    names = {"nam-il": "Nam Il", "li-sangjo": "Li Sangjo", "ivanov": "V. I. Ivanov"}
    assert "people/li-sangjo.html" in edition.person_markdown("li-sangjo", names, targets)
    assert edition.person_markdown("ivanov", names, targets) == "V. I. Ivanov"


def test_a_misplaced_emendation_is_a_clear_error(corpus):
    bad = corpus.emendations.head(1).copy()
    bad["shows"] = "August \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd"
    with pytest.raises(CorpusError, match=r"emendations\.csv, e01: .*exactly once"):
        edition.placed_emendations(corpus.paragraphs, bad)
    bad = corpus.emendations.head(1).copy()
    bad["reading"] = "July [1956]"
    with pytest.raises(CorpusError, match="outside the brackets the two must be identical"):
        edition.placed_emendations(corpus.paragraphs, bad)


def test_an_emendation_may_not_replace_what_the_source_shows(corpus):
    # e07 replaces the colon the repair inferred after "cadres"; the same reading
    # stretched over the restored word itself is refused.
    bad = corpus.emendations[corpus.emendations["emendation_id"] == "e07"].copy()
    bad["reading"] = "[cadre,] the “Yan’an faction,”"
    with pytest.raises(CorpusError, match=r"e07: \[cadre,\] would replace 'cadres:'.*source shows"):
        edition.placed_emendations(corpus.paragraphs, bad)
    good = corpus.emendations[corpus.emendations["emendation_id"] == "e07"]
    (placed,) = edition.placed_emendations(corpus.paragraphs, good)
    assert placed.reading == "[,]"


def test_claims_and_meetings_are_named_in_words_not_ids(pages):
    """A reader meets a claim by its label and a meeting by its date, never by a row id."""
    from august1956.tables.curated import read_table

    row_ids = [
        *read_table("claims")["claim_id"],
        *read_table("evidence")["evidence_id"],
        *read_table("meetings")["meeting_id"],
    ]
    shown = {
        (unit, rid)
        for unit, page in pages.items()
        for rid in row_ids
        if re.search(rf"(?<![\w#-]){re.escape(rid)}(?![\w-])", page)
    }
    assert not shown, sorted(shown)[:10]
    assert "*A weak opposition, beaten within hours*" in pages["doc16"]


def test_counts_on_a_page_agree_with_their_noun(pages):
    assert not [u for u, p in pages.items() if re.search(r"(?<![\d,])1 (paragraphs|excerpts)", p)]
    assert "1 paragraph, 29 words, in 1 excerpt" in pages["doc17"]


def test_a_meeting_of_two_days_is_dated_by_both(pages):
    assert "**30-31 August 1956**" in pages["doc15"]


def test_a_documents_line_range_starts_and_ends_on_its_text(corpus):
    # "lines 2387-2631" once counted the empty piece after the file's last newline.
    from august1956.text.source import read_raw_lines

    raw = read_raw_lines()
    for _, doc in corpus.documents.iterrows():
        first, last = int(doc["first_line"]), int(doc["last_line"])
        assert raw[first - 1].strip(), f"Document No. {doc['doc_no']} starts on a blank line"
        assert raw[last - 1].strip(), f"Document No. {doc['doc_no']}: line {last} is blank"


def test_a_lost_figure_the_edition_reads_says_its_reading(corpus, pages):
    from august1956.tables.curated import read_table, row_unit

    figures = read_table("figures")
    lost = figures[figures["qualifier"] == "lost"]
    read = [
        (f, e)
        for _, f in lost.iterrows()
        for _, e in corpus.emendations[corpus.emendations["unit"] == row_unit(f)].iterrows()
        if e["shows"] in f["evidence"]
    ]
    assert read, "Doc 26's lost year, read as [1940], should be among them"
    for f, e in read:
        line = next(x for x in pages[row_unit(f)].splitlines() if f["quantity"] in x)
        assert "this edition reads" in line, (
            f"{f['figure_id']}: the reading {e['reading']!r} unsaid"
        )


def test_a_recorder_the_text_never_names_is_marked(corpus, pages):
    # Petrov (Docs 12, 13) and Kurdyukov (Doc 10) are known from the archive's records only.
    from august1956.tables.people import named_in

    marked = 0
    for _, doc in corpus.documents.iterrows():
        if not doc["recorder"]:
            continue
        page = pages[doc["unit"]]
        line = page.split("Recorded by\n: ", 1)[-1].split("Written by\n: ", 1)[-1]
        line = line.splitlines()[0]
        named = named_in(corpus.text(doc["unit"], emend=False), doc["unit"])
        for rid in doc["recorder"].split(";"):
            unnamed = rid not in named
            marked += unnamed
            assert ("(not named in this text)" in line) == unnamed, (doc["unit"], line)
    assert marked >= 3


def test_a_record_without_an_address_is_named_not_linked():
    # An empty link target is a broken reference in the build (Lankov's Russian edition).
    assert "]()" not in edition.outside_records(["lankov_avgust", "wcda120194"])
    assert "https://digitalarchive.wilsoncenter.org/document/120194" in edition.outside_records(
        ["wcda120194"]
    )
