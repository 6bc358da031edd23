"""Stand-in for ipywidgets controls in the book's static HTML.

A published page has no Python kernel: a slider drawn there would move but
never re-run its callback. The book therefore loads no widget JavaScript (no
``nb_ipywidgets_js``, which would come from CDNs) and, where a notebook shows a
widget, prints a short note that says where the control does work. This module
is a myst-nb mime renderer plugin for ``application/vnd.jupyter.widget-view+json``.

>>> "Binder" in widget_note_html()
True
"""

from __future__ import annotations

from typing import Any

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
NOTE_CLASS = "august1956-widget-note"


def widget_note_html() -> str:
    """The note shown in place of an interactive control.

    >>> widget_note_html().startswith('<div class="august1956-widget-note"')
    True
    """
    return (
        f'<div class="{NOTE_CLASS}" role="note">'
        "<p><strong>Interactive control.</strong> It runs Python code, so it works "
        "when this chapter is open in a live session: use the launch menu at the top "
        "of the page (Binder or Colab) or a local Jupyter. In this web page it is not "
        "active.</p></div>"
    )


class WidgetNoteRenderer:
    """myst-nb plugin: replace widget views by a note in the HTML pages.

    Registered in ``pyproject.toml`` under ``[project.entry-points."myst_nb.mime_renderers"]``.
    """

    # myst-nb already ranks widget views first in HTML builds; nothing to change.
    mime_priority_overrides: list[tuple[str, str, int | None]] = []

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        """Return the note for a widget view in an HTML build, else None."""
        if inline or data.mime_type != WIDGET_VIEW_MIME:
            return None
        if not _builds_html(renderer):
            return None
        from docutils import nodes

        # The note carries its own class; a class on the node would wrap it in a
        # second div with the same styling.
        return [nodes.raw(text=widget_note_html(), format="html", classes=["output"])]


def _builds_html(renderer: Any) -> bool:
    """True when myst-nb runs inside a Sphinx HTML build (not docutils, not LaTeX)."""
    env = getattr(renderer.renderer, "sphinx_env", None)
    builder = getattr(getattr(env, "app", None), "builder", None)
    return getattr(builder, "format", None) == "html"
