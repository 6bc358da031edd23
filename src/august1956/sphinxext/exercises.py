"""Exercises numbered within their chapter: Exercise 1, 2, ... on every page.

sphinx-exercise numbers its exercises like figures, through Sphinx's
``numfig``, which counts across the whole book: the first exercise of the
Lankov chapter was "Exercise 9". A reader told to do "Exercise 2 of chapter 5"
should find it by that number, so after Sphinx has assigned its numbers this
extension renumbers each page's exercises from 1, in their order on the page.
A solution's title ("Solution to Exercise 2") and every cross-reference read
the same table, so they follow.
"""

from __future__ import annotations

from typing import Any

FIGTYPE = "exercise"


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


def on_env_updated(app: Any, env: Any) -> list[str]:
    renumber_per_page(env.toc_fignumbers)
    return []


def setup(app: Any) -> dict[str, Any]:
    # After Sphinx's own numbering (done while the environment is read).
    app.connect("env-updated", on_env_updated, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
