"""Exercises: numbered within their chapter, each saying its level and what it needs.

Numbering. sphinx-exercise numbers its exercises like figures, through Sphinx's
``numfig``, which counts across the whole book: the first exercise of the
Lankov chapter was "Exercise 9". A reader told to do "Exercise 2 of chapter 5"
should find it by that number, so after Sphinx has assigned its numbers this
extension renumbers each page's exercises from 1, in their order on the page.
A solution's title ("Solution to Exercise 2") and every cross-reference read
the same table, so they follow.

Level and needs. An instructor choosing homework, and a student reading the
book without Python, must see at a glance how hard an exercise is and whether
the web page is enough. Every exercise therefore carries a subtitle of the
form ``Introductory · on the web page``: one of :data:`LEVELS`, a middle dot,
one of :data:`NEEDS`. An exercise without one, or with another wording, is a
build warning (and the book builds with ``-W``), naming the page and label.

Overview. The directive ``exercise-table`` (used by the seminar guide) prints
every exercise of the book in a table, chapter by chapter in the order of the
table of contents, with its number, level and needs, each linked to the
exercise. It is filled in after all pages are read, so it never lists an
exercise that is not in the book.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

FIGTYPE = "exercise"

LEVELS = ("Introductory", "Intermediate", "Advanced")
"""How much an exercise asks: reading and one step; comparing sources or running a
given call; designing an analysis or writing code of one's own."""

NEEDS = ("on the web page", "in a live notebook")
"""What an exercise needs: the published page alone, or the chapter running in
Binder, Colab or a local Jupyter."""

SEPARATOR = " · "

logger = logging.getLogger(__name__)


class Label(NamedTuple):
    level: str
    needs: str


def read_label(subtitle: str) -> Label | None:
    """The level and needs that an exercise's subtitle states, or None if it is not in the form.

    >>> read_label("Introductory · on the web page")
    Label(level='Introductory', needs='on the web page')
    >>> read_label("Advanced · in a live notebook")
    Label(level='Advanced', needs='in a live notebook')
    >>> read_label("Easy · on the web page") is None, read_label("") is None
    (True, True)
    >>> read_label("Introductory, on the web page") is None
    True
    """
    level, sep, needs = subtitle.strip().partition(SEPARATOR)
    if not sep or level not in LEVELS or needs not in NEEDS:
        return None
    return Label(level, needs)


def expected_form() -> str:
    """The subtitle's form, as the warning tells an author to write it."""
    return (
        f"one of {', '.join(LEVELS)}, then '{SEPARATOR.strip()}', then one of {' or '.join(NEEDS)}"
    )


def renumber_per_page(toc_fignumbers: dict[str, dict[str, dict[str, tuple[int, ...]]]]) -> None:
    """Number each page's exercises 1, 2, ... in the order Sphinx numbered them.

    >>> nums = {"a": {"exercise": {"x": (9,), "y": (10,)}, "figure": {"f": (3,)}},
    ...         "b": {"exercise": {"z": (11,)}}}
    >>> renumber_per_page(nums)
    >>> nums["a"]["exercise"], nums["b"]["exercise"], nums["a"]["figure"]
    ({'x': (1,), 'y': (2,)}, {'z': (1,)}, {'f': (3,)})
    """
    for per_type in toc_fignumbers.values():
        exercises = per_type.get(FIGTYPE)
        if not exercises:
            continue
        ordered = sorted(exercises, key=lambda ident: exercises[ident])
        for n, ident in enumerate(ordered, start=1):
            exercises[ident] = (n,)


def subtitle_of(node: nodes.Node) -> str:
    """The text of an exercise node's subtitle ('' when it has none)."""
    from sphinx_exercise.nodes import exercise_subtitle

    for found in node.findall(exercise_subtitle):
        return found.astext()
    return ""


def exercises_in_registry(registry: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(page, label, subtitle) of every exercise (not solution) sphinx-exercise registered."""
    return [
        (entry["docname"], label, subtitle_of(entry["node"]))
        for label, entry in registry.items()
        if entry.get("type") == "exercise"
    ]


def unlabelled(exercises: list[tuple[str, str, str]]) -> list[str]:
    """One message per exercise whose subtitle does not state its level and needs.

    >>> unlabelled([("book/a", "a-ex-1", "Introductory · on the web page")])
    []
    >>> print(unlabelled([("book/a", "a-ex-2", "")])[0])  # doctest: +ELLIPSIS
    book/a, exercise 'a-ex-2': no level and needs given (write ```{exercise} Introductory · ...
    >>> print(unlabelled([("book/a", "a-ex-3", "Easy")])[0])  # doctest: +ELLIPSIS
    book/a, exercise 'a-ex-3': 'Easy' (write ...
    """
    messages = []
    for page, label, subtitle in exercises:
        if read_label(subtitle) is None:
            given = f"'{subtitle}'" if subtitle else "no level and needs given"
            messages.append(
                f"{page}, exercise '{label}': {given} (write "
                f"```{{exercise}} {LEVELS[0]}{SEPARATOR}{NEEDS[0]}```, with {expected_form()})"
            )
    return messages


def toc_order(includes: dict[str, list[str]], root: str) -> list[str]:
    """Every page reachable from the root, in the order of the table of contents.

    >>> toc_order({"intro": ["ch1", "ch2"], "ch1": ["ch1a"]}, "intro")
    ['intro', 'ch1', 'ch1a', 'ch2']
    """
    order: list[str] = []

    def walk(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in includes.get(doc, []):
            walk(child)

    walk(root)
    return order


class exercise_table_placeholder(nodes.General, nodes.Element):
    """Stands where the table of all exercises goes until every page has been read."""


class ExerciseTable(SphinxDirective):
    """``exercise-table``: every exercise of the book, with its level and needs."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [exercise_table_placeholder()]


def _cell(*children: nodes.Node | str) -> nodes.entry:
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    entry = nodes.entry()
    entry += para
    return entry


def short_needs(needs: str) -> str:
    """The needs as a table cell says them.

    >>> short_needs("on the web page"), short_needs("in a live notebook")
    ('web page', 'live notebook')
    """
    return needs.removeprefix("on the ").removeprefix("in a ")


def build_table(app: Any, fromdocname: str) -> nodes.table:
    """Three narrow columns (exercise, level, needs), so the table fits a phone's width."""
    env = app.env
    registry = getattr(env, "sphinx_exercise_registry", {})
    by_page: dict[str, list[tuple[str, str]]] = {}
    for page, label, subtitle in exercises_in_registry(registry):
        by_page.setdefault(page, []).append((label, subtitle))
    headers = ("Exercise", "Level", "Needs")
    table = nodes.table(classes=["exercise-overview"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (60, 20, 20):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for header in headers:
        row += _cell(header)
    head += row
    group += head
    body = nodes.tbody()
    for page in toc_order(env.toctree_includes, app.config.root_doc):
        numbers = env.toc_fignumbers.get(page, {}).get(FIGTYPE, {})
        listed = sorted(by_page.get(page, []), key=lambda item: numbers.get(item[0], (0,)))
        for label, subtitle in listed:
            found = read_label(subtitle) or Label("", "")
            uri = app.builder.get_relative_uri(fromdocname, page)
            number = ".".join(str(n) for n in numbers.get(label, ()))
            text = f"{env.titles[page].astext()}, exercise {number}"
            link = nodes.reference("", text, internal=True, refuri=f"{uri}#{label}")
            row = nodes.row()
            for cell in (_cell(link), _cell(found.level), _cell(short_needs(found.needs))):
                row += cell
            body += row
    group += body
    return table


def on_env_get_updated(app: Any, env: Any) -> list[str]:
    # Sphinx assigns figure numbers in its own env-get-updated handler (the toctree
    # collector, priority 500), which runs after env-updated: renumbering any earlier is
    # overwritten, and the pages show the book-wide numbers.
    renumber_per_page(env.toc_fignumbers)
    return []


def on_env_updated(app: Any, env: Any) -> list[str]:
    registry = getattr(env, "sphinx_exercise_registry", {})
    for message in unlabelled(exercises_in_registry(registry)):
        logger.warning(message, type="august1956", subtype="exercise")
    return []


def on_doctree_resolved(app: Any, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(exercise_table_placeholder)):
        placeholder.replace_self(build_table(app, docname))


def setup(app: Any) -> dict[str, Any]:
    app.add_node(exercise_table_placeholder)
    app.add_directive("exercise-table", ExerciseTable)
    # After Sphinx's own numbering of figures and exercises.
    app.connect("env-get-updated", on_env_get_updated, priority=900)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-resolved", on_doctree_resolved)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
