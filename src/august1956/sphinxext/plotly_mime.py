"""Render plotly figures into the book's HTML without any network.

When a notebook runs in a Jupyter kernel, plotly 7 displays a figure as one
output of type ``application/vnd.plotly.v1+json`` and nothing else (no HTML, no
PNG). myst-nb does not know that type and drops the chart. This module is a
myst-nb mime renderer plugin (entry point group ``myst_nb.mime_renderers``)
that turns the JSON into a ``<div>`` and a short script that calls
``Plotly.newPlot``. plotly.js itself is served once, from a local file, by the
Sphinx extension in :mod:`august1956.sphinxext.offline`, and only to pages that
hold a chart; this module only marks the chart so that extension can find it.

The HTML is produced by small pure functions, so it can be checked without
Sphinx:

>>> spec = {"data": [{"type": "bar", "x": ["a"], "y": [1]}],
...         "layout": {"title": {"text": "Letters <b>sent</b>"}}}
>>> html = chart_html(spec, "chart-1")
>>> 'aria-label="Letters sent"' in html and "Plotly.newPlot" in html
True
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping
from typing import Any

from august1956.chapters.charts import SOURCE_NOTE

PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: The class that marks a chart's raw HTML node; the Sphinx extension looks
#: for it to decide which pages need plotly.js.
CHART_CLASS = "august1956-plotly"

#: HTML builders that should prefer the plotly JSON over any other output of
#: the same bundle (``plotly_mimetype+notebook`` also adds ``text/html``).
HTML_BUILDERS = (
    "html",
    "dirhtml",
    "singlehtml",
    "readthedocs",
    "readthedocsdirhtml",
    "readthedocssinglehtml",
    "readthedocssinglehtmllocalmedia",
)

# plotly draws 450 px high unless the layout says otherwise; the div gets the
# same height so the page does not jump when the chart appears.
DEFAULT_HEIGHT_PX = 450

# Defaults for every chart in the book; a figure's own config wins.
# "responsive" lets the chart follow the width of the theme's text column.
DEFAULT_CONFIG = {"responsive": True, "displaylogo": False}

#: The class of the paragraph that prints a chart's source note (the annotation named
#: august1956.chapters.charts.SOURCE_NOTE) on the page.
SOURCE_CLASS = "august1956-chart-source"
#: The box that scrolls a chart sideways on a screen narrower than the chart can be read at,
#: and the line that says so.
SCROLL_CLASS = "august1956-chart-scroll"
SCROLL_HINT_CLASS = "august1956-chart-scroll-hint"

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


class ChartSpecError(ValueError):
    """The output is not a plotly figure that can be drawn."""


def plain_text(fragment: str) -> str:
    """Text of a plotly label with its HTML tags removed and spaces collapsed.

    plotly titles may carry ``<b>``, ``<br>`` and entities; a screen reader
    should hear the words only.

    >>> plain_text("Meetings per month<br><sup>Soviet embassy records</sup>")
    'Meetings per month Soviet embassy records'
    >>> plain_text("Li Sangjo &amp; Kurdyukov")
    'Li Sangjo & Kurdyukov'
    """
    without_tags = _TAG.sub(" ", fragment)
    return _SPACE.sub(" ", html.unescape(without_tags)).strip()


def title_text(layout: Mapping[str, Any]) -> str:
    """The figure title as plain text, or ``""`` when it has none.

    plotly accepts the title as a dict (``{"text": ...}``) or, in older code,
    as a bare string.

    >>> title_text({"title": {"text": "Kim's absence abroad"}})
    "Kim's absence abroad"
    >>> title_text({"title": "June 1956"})
    'June 1956'
    >>> title_text({})
    ''
    """
    title = layout.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    return plain_text(title) if isinstance(title, str) else ""


def accessible_label(layout: Mapping[str, Any]) -> str:
    """What a screen reader announces for the chart: ``layout.meta.alt``, else the title.

    Authors set the description with ``fig.update_layout(meta={"alt": "..."})``
    when the title alone does not say what the chart shows.

    >>> accessible_label({"meta": {"alt": "Bar chart: 12 talks in July"},
    ...                   "title": {"text": "Talks"}})
    'Bar chart: 12 talks in July'
    >>> accessible_label({"title": {"text": "Talks"}})
    'Talks'
    >>> accessible_label({"meta": ["not", "a", "dict"]})
    ''
    """
    meta = layout.get("meta")
    if isinstance(meta, Mapping) and isinstance(meta.get("alt"), str):
        alt = plain_text(meta["alt"])
        if alt:
            return alt
    return title_text(layout)


def chart_height(layout: Mapping[str, Any]) -> int:
    """The height in pixels that plotly will draw the figure at.

    >>> chart_height({"height": 300})
    300
    >>> chart_height({})
    450
    """
    height = layout.get("height")
    if isinstance(height, int | float) and not isinstance(height, bool) and height > 0:
        return int(height)
    return DEFAULT_HEIGHT_PX


def take_source_note(layout: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """The layout without its source note, and the note's words (``""`` if it has none).

    In the figure the note is a line of SVG text under the plot, wrapped where the chart
    was laid out for a desktop column: on a phone it ran off the chart and over the axis
    labels. On the page it is printed as text under the chart instead, which wraps to
    any screen. The room the figure kept for it under the plot is given back: the bottom
    margin ends where the note began, and the plot keeps its height.

    >>> layout = {"height": 400, "margin": {"t": 60, "b": 100}, "annotations": [
    ...     {"name": "source", "text": "Source: the<br>corpus", "yref": "paper", "y": -0.25},
    ...     {"text": "June"}]}
    >>> rest, note = take_source_note(layout)
    >>> note, rest["height"], rest["margin"], rest["annotations"]
    ('Source: the corpus', 360, {'t': 60, 'b': 60}, [{'text': 'June'}])
    >>> take_source_note({"annotations": [{"text": "June"}]})[1]
    ''
    """
    annotations = list(layout.get("annotations") or [])
    notes = [a for a in annotations if isinstance(a, Mapping) and a.get("name") == SOURCE_NOTE]
    if len(notes) != 1:
        return dict(layout), ""
    note = notes[0]
    rest = {**layout, "annotations": [a for a in annotations if a is not note]}
    margin = dict(layout.get("margin") or {})
    height, bottom, top = layout.get("height"), margin.get("b"), margin.get("t")
    y = note.get("y")
    if note.get("yref") == "paper" and all(
        isinstance(v, int | float) for v in (height, bottom, top, y)
    ):
        plot = height - top - bottom
        below = min(bottom, max(0, round(-y * plot)))  # the plot's edge to the note
        rest["margin"] = {**margin, "b": below}
        rest["height"] = height - (bottom - below)
    return rest, plain_text(str(note.get("text", "")))


def min_width(layout: Mapping[str, Any]) -> int | None:
    """The narrowest the chart can be read at (``layout.meta.min_width``), if it says.

    >>> min_width({"meta": {"alt": "a", "min_width": 620}}), min_width({"meta": {}})
    (620, None)
    """
    meta = layout.get("meta")
    width = meta.get("min_width") if isinstance(meta, Mapping) else None
    return width if isinstance(width, int) and not isinstance(width, bool) and width > 0 else None


def script_safe_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element without ending it early.

    ``<``, ``>`` and ``&`` are written as JSON unicode escapes, which
    ``JSON.parse`` reads back unchanged; so a label such as ``</script>``
    inside the data cannot close the element.

    >>> script_safe_json({"text": "</script>"})
    '{"text": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_spec(content: Any) -> dict[str, Any]:
    """Check a plotly mime payload and return ``{"data", "layout", "config"}``.

    The payload is the dict stored in the notebook (or its JSON text).

    >>> figure_spec({"data": [], "layout": {}})["config"]["responsive"]
    True
    >>> figure_spec({"data": [], "layout": {"updatemenus": [{}]}})["config"]["displayModeBar"]
    False
    >>> figure_spec({"layout": {}})
    Traceback (most recent call last):
    ...
    august1956.sphinxext.plotly_mime.ChartSpecError: the plotly output has no "data" list ...
    """
    if isinstance(content, bytes | str):
        try:
            content = json.loads(content)
        except json.JSONDecodeError as exc:
            raise ChartSpecError(
                f"the plotly output is not valid JSON ({exc}); re-run the notebook so "
                "the figure is displayed again"
            ) from None
    if not isinstance(content, Mapping):
        raise ChartSpecError(
            f"the plotly output is a {type(content).__name__}, not a figure dict; "
            "display the figure itself (a plotly Figure as the last line of the cell)"
        )
    data = content.get("data")
    if not isinstance(data, list):
        raise ChartSpecError(
            'the plotly output has no "data" list (a figure needs at least an empty '
            "list of traces); display a plotly Figure, not a dict built by hand"
        )
    layout = content.get("layout") or {}
    if not isinstance(layout, Mapping):
        raise ChartSpecError('the plotly output\'s "layout" is not a dict')
    config = {**DEFAULT_CONFIG, **dict(content.get("config") or {})}
    if layout.get("updatemenus"):
        # A chart with menus shows no toolbar: plotly puts it in the top right corner,
        # over the menus, where it swallowed clicks meant for them. Zooming by dragging
        # and resetting by double-click still work.
        config.setdefault("displayModeBar", False)
    return {"data": data, "layout": dict(layout), "config": config}


def chart_id(spec: Mapping[str, Any], salt: str = "") -> str:
    """A stable element id for a chart: the same figure gives the same id on every build.

    ``salt`` (the cell and output position) keeps two identical figures on one
    page apart.

    >>> chart_id({"data": [], "layout": {}}) == chart_id({"layout": {}, "data": []})
    True
    >>> chart_id({"data": []}, "1:0") != chart_id({"data": []}, "2:0")
    True
    """
    digest = hashlib.sha256(salt.encode() + json.dumps(spec, sort_keys=True).encode())
    return "plotly-" + digest.hexdigest()[:12]


def chart_html(spec: Mapping[str, Any], element_id: str) -> str:
    """The HTML for one chart: the div, its data, the drawing script, a fallback.

    The script waits for the page to finish parsing, because plotly.js is
    loaded with ``defer``. If plotly.js is missing (the asset was deleted, or
    the page was saved on its own), the div says so instead of staying blank.

    >>> out = chart_html({"data": [], "layout": {}, "config": {}}, "plotly-x")
    >>> out.count('id="plotly-x"'), 'role="figure"' in out, "<noscript>" in out
    (1, True, True)
    """
    layout, source = take_source_note(spec.get("layout") or {})
    label = accessible_label(layout) or "Interactive chart"
    attr_label = html.escape(label, quote=True)
    payload = script_safe_json(
        {"data": spec["data"], "layout": layout, "config": spec.get("config") or {}}
    )
    drawing = (
        "(function () {"
        f'var id = "{element_id}";'
        "function draw() {"
        "var div = document.getElementById(id);"
        'var text = document.getElementById(id + "-spec").textContent;'
        "var spec = JSON.parse(text);"
        "if (!window.Plotly) {"
        'div.textContent = "This chart could not be drawn: plotly.js did not load.";'
        "return;}"
        "window.Plotly.newPlot(div, spec.data, spec.layout, spec.config).then(function () {"
        # plotly keeps and changes the objects it was given: the fitting starts from a copy.
        "if (window.august1956FitChart) window.august1956FitChart(div, JSON.parse(text));"
        "});"
        "}"
        'if (document.readyState === "loading") {'
        'document.addEventListener("DOMContentLoaded", draw);'
        "} else { draw(); }"
        "})();"
    )
    # role "figure", not "img": plotly draws focusable controls (mode bar, legend,
    # menus) inside the div, and an image may not contain interactive content.
    chart = (
        f'<div id="{element_id}" class="plotly-graph-div" role="figure" '
        f'aria-label="{attr_label}" style="width:100%;height:{chart_height(layout)}px;'
        + (f"min-width:{min_width(layout)}px;" if min_width(layout) else "")
        + '"></div>\n'
    )
    if min_width(layout):
        # A chart that cannot be read narrower keeps its width and scrolls sideways in its
        # own box on a small screen; the box takes the keyboard's focus so that the arrow
        # keys scroll it, and a line above it says so when it does scroll
        # (chart-fit.js shows it).
        chart = (
            f'<p class="{SCROLL_HINT_CLASS}" hidden>Scroll sideways to see the whole chart.</p>\n'
            f'<div class="{SCROLL_CLASS}" role="region" tabindex="0" '
            f'aria-label="{html.escape(title_text(layout) or label, quote=True)}, '
            f'scrolls sideways">\n{chart}</div>\n'
        )
    return (
        f'<figure class="{CHART_CLASS}">\n'
        + chart
        + (f'<p class="{SOURCE_CLASS}">{html.escape(source)}</p>\n' if source else "")
        + f'<script type="application/json" id="{element_id}-spec">{payload}</script>\n'
        f"<script>{drawing}</script>\n"
        f"<noscript><p>Interactive chart (needs JavaScript): {html.escape(label)}</p></noscript>\n"
        "</figure>"
    )


class PlotlyMimeRenderer:
    """myst-nb plugin: draw ``application/vnd.plotly.v1+json`` outputs in HTML pages.

    Registered in ``pyproject.toml`` under ``[project.entry-points."myst_nb.mime_renderers"]``.
    """

    # Lower number = preferred. 5 ranks the plotly JSON ahead of everything
    # myst-nb knows (widget views are 10, text/html 30) in HTML builds only;
    # other builders never see a chart they cannot show.
    mime_priority_overrides = [(builder, PLOTLY_MIME, 5) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        """Return docutils nodes for a plotly output, or None to leave it to myst-nb."""
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        # Imported here so the pure functions above work without docutils.
        from docutils import nodes

        try:
            spec = figure_spec(data.content)
        except ChartSpecError as exc:
            renderer.logger.warning(
                f"plotly chart not drawn: {exc}", subtype="plotly", line=data.line
            )
            return []
        if not accessible_label(spec["layout"]):
            renderer.logger.warning(
                "plotly chart has neither a title nor a description: add "
                "fig.update_layout(meta={'alt': 'what the chart shows'}) so screen "
                "readers can announce it",
                subtype="plotly",
                line=data.line,
            )
        element_id = chart_id(spec, f"{data.cell_index}:{data.output_index}")
        return [
            nodes.raw(
                text=chart_html(spec, element_id),
                format="html",
                classes=["output", CHART_CLASS],
            )
        ]
