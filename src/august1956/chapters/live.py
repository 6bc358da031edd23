"""Widgets for live sessions, static fallbacks for the published book.

The HTML book has no kernel: an ipywidgets control there would move but never
update anything. So every explorer has a static fallback, shown while the book is
built (:func:`august1956.home.is_static`); in Binder, Colab or a local Jupyter the live
widget appears.

>>> import os
>>> from unittest import mock
>>> with mock.patch.dict(os.environ, {"AUGUST1956_STATIC": "1"}):
...     print(explorer(lambda: 1 / 0, lambda: "the static view"))
the static view
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from august1956.home import is_static


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
