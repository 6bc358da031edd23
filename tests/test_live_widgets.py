"""The live explorers of Binder, Colab and a local Jupyter: each control changes what the
explorer shows, by the same rules as the published book's static views."""

from __future__ import annotations

import pytest

from august1956 import load
from august1956.chapters import live, meetings, reader, whoswho
from august1956.tables.curated import read_table

ipywidgets = pytest.importorskip("ipywidgets")


@pytest.fixture
def session(monkeypatch):
    """A live session (no static build), with each explorer's controls and view captured."""
    monkeypatch.setenv("AUGUST1956_STATIC", "0")
    made = {}

    def capture(controls, render):
        made["controls"], made["render"] = list(controls), render
        return live.controls_view(controls, render)

    for module in (whoswho, meetings, reader):
        monkeypatch.setattr(module, "controls_view", capture)
    return made


def shown(view) -> list[dict]:
    """The rows a Styler (or a DataFrame) shows."""
    frame = getattr(view, "data", view)
    return frame.to_dict("records")


def test_a_control_redraws_the_view():
    calls = []
    text = ipywidgets.Text()
    box = live.controls_view([text], lambda: calls.append(text.value))
    text.value = "Nam Il"
    assert calls == ["", "Nam Il"]
    assert isinstance(box, ipywidgets.VBox)


def test_the_explorer_is_live_in_a_session_and_static_in_the_book(monkeypatch):
    monkeypatch.setenv("AUGUST1956_STATIC", "0")
    assert live.explorer(lambda: "live", lambda: "static") == "live"
    monkeypatch.setenv("AUGUST1956_STATIC", "1")
    assert live.explorer(lambda: "live", lambda: "static") == "static"


def test_the_people_explorer_finds_any_spelling_and_filters_by_background(session):
    people = read_table("people")
    mentions = whoswho.mention_table(load(), people)
    whoswho.people_explorer(people, mentions)
    text, menu = session["controls"]
    for query in ("pak chang ok", "Bak Changok", "PAK CH’ANG-OK"):
        text.value = query
        names = [r["name"] for r in shown(session["render"]())]
        # Bak Changok, and anyone whose post or label names him (Bak Yeongbin's does)
        assert "Bak Changok" in names and len(names) <= 3, (query, names)
    text.value = "yan an"  # whole words only: not "Mikoyan and"
    names = {r["name"] for r in shown(session["render"]())}
    assert "A. I. Mikoyan" not in names and "Choe Changik" in names
    text.value = ""
    menu.value = "Soviet official"
    rows = shown(session["render"]())
    assert rows and {r["background"] for r in rows} == {"Soviet official"}


def test_the_meetings_explorer_filters_by_person_and_kind(session):
    table = meetings.meeting_table(read_table("meetings"), read_table("people"))
    meetings.meetings_explorer(table)
    person, kind, _topic = session["controls"]
    person.value = "Li Sangjo"
    rows = shown(session["render"]())
    assert rows and all("Li Sangjo" in " ".join(map(str, r.values())) for r in rows)
    kind.value = "recorded"
    recorded = shown(session["render"]())
    assert 0 < len(recorded) < len(rows)


def test_the_reader_highlights_the_word_in_the_chosen_document(session):
    corpus = load()
    reader.document_reader(corpus, unit="doc10", keyword="outside")
    unit, word = session["controls"]
    unit.value, word.value = "doc07", "Choe"
    page = session["render"]().data
    first = corpus.unit_paragraphs("doc07")["text"].iloc[0][:40]
    assert "<mark>Choe</mark>" in page and first[:20] in page
