"""Widgets for live sessions, static fallbacks for the published book.

The HTML book has no kernel: an ipywidgets control there would move but never
update anything. So every explorer has a static fallback. ``make book`` sets
``AUGUST1956_STATIC=1`` for the build; the notebooks' kernel inherits it and
shows the fallback. In Binder, Colab or a local Jupyter the variable is unset
and the live widget appears.

Citations follow the same rule: in the built book a paragraph's citation links to
its target on the edition page; in a live session, where that target would be a
file path of the notebook server, it links to the paragraph's published page.

>>> import os
>>> os.environ["AUGUST1956_STATIC"] = "1"
>>> explorer(lambda: 1 / 0, lambda: "the static view")
'the static view'
>>> paragraph_target("doc07-p3")
'doc07-p3'
>>> os.environ["AUGUST1956_STATIC"] = "0"
>>> paragraph_target("doc07-p3")  # doctest: +ELLIPSIS
'https://.../book/documents/doc07.html#doc07-p3'
>>> os.environ["AUGUST1956_STATIC"] = "1"
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any


def is_static() -> bool:
    """True while the book is being built for the web (no kernel behind the page)."""
    return os.environ.get("AUGUST1956_STATIC", "") not in ("", "0")


def paragraph_target(anchor: str) -> str:
    """Where a citation of the paragraph ``anchor`` (``doc07-p3``) links.

    In the built book, the paragraph's MyST target, which Sphinx resolves to its place on
    the edition page. In a live session, the paragraph on the published book
    (``book_url`` of ``home.toml``): a bare target there would lead to the notebook
    server's file API, which has no such page.
    """
    if is_static():
        return anchor
    from .home import read_home

    return read_home().page_url(anchor)


def explorer(live: Callable[[], Any], static: Callable[[], Any]) -> Any:
    """The live widget in a running notebook; the static fallback in the built book.

    Both are given as functions so that only the one used is built (the live
    one imports ipywidgets).
    """
    return static() if is_static() else live()


def controls_view(controls: Sequence[Any], render: Callable[[], Any]) -> Any:
    """Controls in a row above an output area that shows ``render()``.

    The area is drawn at once and again whenever a control's value changes, so a
    ``render`` that reads the controls' values always matches them. Every live
    explorer of the book is built this way (the alternative, ``ipywidgets.interactive``
    with a function that returns a table, shows nothing: it displays only what the
    function displays itself).
    """
    import ipywidgets as widgets
    from IPython.display import display

    out = widgets.Output()

    def show(_change: Any = None) -> None:
        out.clear_output(wait=True)
        with out:
            display(render())

    for control in controls:
        control.observe(show, names="value")
    show()
    return widgets.VBox([widgets.HBox(list(controls)), out])
