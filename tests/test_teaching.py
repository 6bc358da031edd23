"""What the book offers a seminar: exercises that say their level and needs, and readings
and paragraph references that lead to paragraphs the edition has.

The build itself refuses an exercise without its level and needs, and a {reading} that
names a paragraph the corpus lacks (august1956.sphinxext.exercises and .readings, under
-W); these tests read the sources, so they fail without a build and name the place.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from august1956.sphinxext.exercises import NEEDS, read_label
from august1956.sphinxext.readings import parse
from august1956.text.corpus import load

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
GUIDE = ROOT / "book" / "seminar_guide.md"
EXERCISE = re.compile(
    r"```\{exercise\}(?P<subtitle>[^\n]*)\n:label: (?P<label>\S+)\n(?P<body>.*?)\n```", re.S
)
PARAGRAPH_REF = re.compile(
    r"Document No\. (?P<doc>\d+),? ¶(?P<first>\d+)(?:(?: and |–|-)¶?(?P<second>\d+))?"
)


def markdown_of(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def exercises(notebook: Path) -> list[re.Match[str]]:
    return list(EXERCISE.finditer(markdown_of(notebook)))


@pytest.fixture(scope="module")
def paragraphs():
    return load().paragraphs


def test_every_chapter_has_exercises():
    assert len(CHAPTERS) == 10
    empty = [c.name for c in CHAPTERS if not exercises(c)]
    assert not empty, empty


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_each_exercise_states_its_level_and_needs(chapter):
    unlabelled = [m["label"] for m in exercises(chapter) if read_label(m["subtitle"]) is None]
    assert not unlabelled, f"{chapter.name}: {unlabelled} give no level and needs"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_has_an_exercise_for_the_web_page_alone(chapter):
    on_the_page = [m for m in exercises(chapter) if read_label(m["subtitle"]).needs == NEEDS[0]]
    assert on_the_page, f"{chapter.name} has no exercise that needs only the web page"
    # An exercise for the web page asks for no code: no call of the library in its text.
    with_code = [m["label"] for m in on_the_page if re.search(r"`[^`]*\(", m["body"])]
    assert not with_code, (
        f"{chapter.name}: {with_code} are marked for the web page but ask for code"
    )


def paragraph_refs(text: str) -> list[tuple[str, int]]:
    refs = []
    for m in PARAGRAPH_REF.finditer(text):
        unit = f"doc{int(m['doc']):02d}"
        refs.append((unit, int(m["first"])))
        if m["second"]:
            refs.append((unit, int(m["second"])))
    return refs


def test_paragraph_refs_are_read_as_written():
    assert paragraph_refs("Document No. 21 ¶10 and ¶55, and Document No. 30, ¶18") == [
        ("doc21", 10),
        ("doc21", 55),
        ("doc30", 18),
    ]


@pytest.mark.parametrize("page", [*CHAPTERS, GUIDE], ids=lambda p: p.stem)
def test_every_paragraph_named_in_prose_exists(page, paragraphs):
    text = markdown_of(page) if page.suffix == ".ipynb" else page.read_text(encoding="utf-8")
    have = set(zip(paragraphs["unit"], paragraphs["number"].astype(int), strict=True))
    missing = [f"{u} ¶{n}" for u, n in paragraph_refs(text) if (u, n) not in have]
    assert not missing, f"{page.name} names paragraphs the edition lacks: {missing}"


def test_the_guide_has_two_plans_and_a_shorter_path_with_readings_in_each():
    text = GUIDE.read_text(encoding="utf-8")
    sections = re.split(r"\n## ", text)
    titles = [s.splitlines()[0] for s in sections[1:]]
    for plan in (
        "Six sessions of 90 minutes",
        "Four sessions of two hours",
        "A shorter path: two sessions",
    ):
        assert plan in titles, titles
        body = sections[titles.index(plan) + 1]
        assert "{reading}" in body and "{numref}" in body, plan
    assert len(re.findall(r"^### Session \d", text, flags=re.M)) == 6
    assert "The written assignment" in titles and "{doc}`citing`" in text


def test_every_reading_in_the_guide_is_a_range_the_corpus_has(paragraphs):
    specs = re.findall(r"\{reading\}`([^`]+)`", GUIDE.read_text(encoding="utf-8"))
    assert len(specs) >= 20
    for spec in specs:
        reading = parse(spec, paragraphs)
        assert reading.words > 0, spec


def test_a_reading_outside_its_document_is_refused_with_the_range_to_use(paragraphs):
    with pytest.raises(ValueError, match=r"¶80–95 is outside Document No. 21, which has ¶1–89"):
        parse("doc21 80-95", paragraphs)
    with pytest.raises(ValueError, match="not a unit of the corpus"):
        parse("doc99", paragraphs)


def test_every_exercise_the_guide_assigns_exists():
    labels = {m["label"] for c in CHAPTERS for m in exercises(c)}
    named = set(re.findall(r"\{numref\}`([^`]+)`", GUIDE.read_text(encoding="utf-8")))
    assert named and named <= labels, named - labels
    # Every chapter's exercise for the web page is set in the six-session plan.
    web = {
        m["label"]
        for c in CHAPTERS
        for m in exercises(c)
        if read_label(m["subtitle"]).needs == NEEDS[0]
    }
    six = GUIDE.read_text(encoding="utf-8").split("## Four sessions")[0]
    chapters_set = {label.split("-ex-")[0] for label in web if f"`{label}`" in six}
    assert chapters_set == {label.split("-ex-")[0] for label in web}
