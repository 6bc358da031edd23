"""Widgets for live sessions, static fallbacks for the published book.

The HTML book has no kernel: an ipywidgets control there would move but never
update anything. So every explorer has a static fallback. ``make book`` sets
``AUGUST1956_STATIC=1`` for the build; the notebooks' kernel inherits it and
shows the fallback. In Binder, Colab or a local Jupyter the variable is unset
and the live widget appears.

>>> import os
>>> os.environ["AUGUST1956_STATIC"] = "1"
>>> explorer(lambda: 1 / 0, lambda: "the static view")
'the static view'
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


def is_static() -> bool:
    """True while the book is being built for the web (no kernel behind the page)."""
    return os.environ.get("AUGUST1956_STATIC", "") not in ("", "0")


def explorer(live: Callable[[], Any], static: Callable[[], Any]) -> Any:
    """The live widget in a running notebook; the static fallback in the built book.

    Both are given as functions so that only the one used is built (the live
    one imports ipywidgets).
    """
    return static() if is_static() else live()
