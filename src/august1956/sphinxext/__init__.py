"""Extensions that build the book's HTML: offline plotly charts and widget notes.

- :mod:`.plotly_mime` and :mod:`.widget_note` are myst-nb mime renderer
  plugins, registered as entry points in ``pyproject.toml``.
- :mod:`.offline` is the Sphinx extension named in ``_config.yml``: it serves
  one local copy of plotly.js to the pages that hold a chart, removes files
  the pages never load, and fails the build if a page loads anything from
  another site.
- :mod:`.exercises` numbers the exercises from 1 on each page, and
  :mod:`.citations` is the in-text citation style that gives an archival
  record's day and month, so that two records of 1956 are told apart.
- :mod:`.finder` adds the finder's script to the finder page only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: The extensions' own scripts (chart fitting, paragraph citations, the edition's marks),
#: published with the book's static files.
STATIC = Path(__file__).with_name("static")


def add_static_folder(app: Any, config: Any) -> None:
    """Publish :data:`STATIC` with the book's static files (once, whichever extension asks)."""
    if str(STATIC) not in map(str, config.html_static_path):
        config.html_static_path.append(str(STATIC))
