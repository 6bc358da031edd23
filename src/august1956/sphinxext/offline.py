"""Sphinx extension: the book's HTML works offline and carries no dead weight.

Named in ``_config.yml`` under ``sphinx.extra_extensions``. It does five things:

1. Makes every notebook kernel of the build display plotly figures as the
   plotly JSON bundle (``PLOTLY_RENDERER=plotly_mimetype``), the one output
   :mod:`august1956.sphinxext.plotly_mime` draws.
2. Copies ONE ``plotly.min.js``, taken from the installed plotly package, to
   ``_assets/plotly.min.js`` in the output, and adds a ``<script defer>`` for it
   only to the pages that hold a chart. Not ``_static/``: Jupyter Book adds
   every ``.js`` file found there to every page, and plotly.js is 4.8 MB.
3. Writes each script tag once per page (Sphinx 7.4 repeats inline scripts
   that extensions register while reading, and the repeat is a console error).
4. Removes files that no page ever loads: the theme's source maps (``*.map``)
   and font files that a ``.woff2`` of the same name supersedes (every
   current browser takes the ``.woff2``, the first source of each font).
5. Fails the build (a warning, an error under ``-W``) if any page loads a
   script, stylesheet, image or frame from another site: the book must read
   offline and must not call out to CDNs.

>>> sorted(remote_assets('<script src="https://cdn.example/x.js"></script>'
...                      '<script src="_static/a.js"></script>'
...                      '<link rel="stylesheet" href="//fonts.example/f.css">'))
['//fonts.example/f.css', 'https://cdn.example/x.js']
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from august1956.sphinxext import add_static_folder
from august1956.sphinxext.plotly_mime import CHART_CLASS

#: Where plotly.js goes, relative to the HTML output folder.
PLOTLY_ASSET = "_assets/plotly.min.js"

#: What the build kernels are told to use for plotly figures.
PLOTLY_RENDERER = "plotly_mimetype"

#: The script that fits each chart to the reader's screen (a phone's width), in the
#: extensions' static folder; added, like plotly.js, to the pages with a chart only.
FIT_SCRIPT = "chart-fit.js"

# The attribute on Sphinx's BuildEnvironment (pickled with it between builds)
# that holds the names of the documents with at least one chart.
_ENV_KEY = "august1956_chart_docs"

# Font formats that browsers only fetch when they cannot read .woff2.
_SUPERSEDED_FONTS = (".ttf", ".eot", ".woff", ".otf")

# <link rel=...> values that make the browser fetch the href.
_FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest"}


def plotly_js_source() -> Path:
    """The ``plotly.min.js`` that ships inside the installed plotly package.

    Using the package's own copy keeps plotly.js at the version that wrote the
    figures' JSON.

    >>> plotly_js_source().name
    'plotly.min.js'
    """
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(
            f"plotly.js is missing from the installed plotly package ({path}). "
            "Reinstall it with `pip install --force-reinstall -r requirements.txt`."
        )
    return path


def is_remote(url: str) -> bool:
    """True for an address on another site (absolute or protocol-relative).

    >>> is_remote("https://cdn.jsdelivr.net/npm/x.js"), is_remote("//unpkg.com/x")
    (True, True)
    >>> is_remote("../_assets/plotly.min.js"), is_remote("data:image/png;base64,AA")
    (False, False)
    """
    url = url.strip().lower()
    return url.startswith(("http://", "https://", "//"))


class _AssetFinder(HTMLParser):
    """Collects the addresses a page makes the browser fetch on load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"}:
            if values.get("src"):
                self.urls.append(values["src"])
        elif tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _FETCHING_RELS and values.get("href"):
                self.urls.append(values["href"])


def remote_assets(page_html: str) -> Iterator[str]:
    """The addresses on other sites that a page loads by itself.

    Links a reader may click (``<a href>``) are not assets and are not listed.

    >>> list(remote_assets('<a href="https://mybinder.org">Binder</a>'))
    []
    >>> list(remote_assets('<img src="https://example.org/map.png" alt="map">'))
    ['https://example.org/map.png']
    """
    finder = _AssetFinder()
    finder.feed(page_html)
    finder.close()
    return (url for url in finder.urls if is_remote(url))


def audit_remote_assets(outdir: Path) -> dict[str, list[str]]:
    """Every built page that loads something from another site, with the addresses."""
    found: dict[str, list[str]] = {}
    for page in sorted(outdir.rglob("*.html")):
        urls = sorted(set(remote_assets(page.read_text(encoding="utf-8", errors="replace"))))
        if urls:
            found[page.relative_to(outdir).as_posix()] = urls
    return found


def unused_files(outdir: Path) -> Iterator[Path]:
    """Files under ``_static`` that no page loads: source maps, superseded fonts.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     fonts = Path(tmp, "_static", "webfonts")
    ...     fonts.mkdir(parents=True)
    ...     for name in ("fa-solid.woff2", "fa-solid.ttf", "only.ttf", "theme.js.map"):
    ...         _ = (fonts / name).write_bytes(b"x")
    ...     sorted(p.name for p in unused_files(Path(tmp)))
    ['fa-solid.ttf', 'theme.js.map']
    """
    static = outdir / "_static"
    if not static.is_dir():
        return
    for path in static.rglob("*"):
        if not path.is_file():
            continue
        if (
            path.suffix == ".map"
            or path.suffix.lower() in _SUPERSEDED_FONTS
            and path.with_suffix(".woff2").is_file()
        ):
            yield path


def remove_files(paths: Iterable[Path]) -> tuple[int, int]:
    """Delete the files; return how many and how many bytes."""
    count = size = 0
    for path in paths:
        size += path.stat().st_size
        path.unlink()
        count += 1
    return count, size


# The theme's stylesheet already carries Font Awesome's CSS and its .woff2 fonts
# draw every icon; the theme's fontawesome.js (1.5 MB on every page) only redraws
# the same icons as inline SVG. It is dropped from the pages and the output.
_REDUNDANT_SCRIPT = "_static/scripts/fontawesome.js"
_REDUNDANT_TAG = re.compile(
    r'<script[^>]*\ssrc="[^"]*' + re.escape(_REDUNDANT_SCRIPT) + r'[^"]*"[^>]*>\s*</script>\s*'
)


def drop_redundant_script(page_html: str) -> str:
    """Remove the theme's fontawesome.js tag from a page.

    >>> drop_redundant_script('<script defer src="../_static/scripts/fontawesome.js?digest=1">'
    ...                       '</script><script src="x.js"></script>')
    '<script src="x.js"></script>'
    """
    return _REDUNDANT_TAG.sub("", page_html)


def remove_redundant_script(outdir: Path) -> int:
    """Drop fontawesome.js from every page and from the output; returns the bytes saved."""
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = drop_redundant_script(text)
        if lean != text:
            page.write_text(lean, encoding="utf-8")
    script = outdir / _REDUNDANT_SCRIPT
    size = script.stat().st_size if script.is_file() else 0
    script.unlink(missing_ok=True)
    return size


def page_has_chart(doctree: Any) -> bool:
    """True if the document holds a chart drawn by the plotly mime renderer."""
    from docutils import nodes

    return any(CHART_CLASS in node.get("classes", ()) for node in doctree.findall(nodes.raw))


def place_asset(source: Path, target: Path) -> bool:
    """Copy ``source`` to ``target`` unless an identical copy is there; True if copied."""
    if target.is_file() and filecmp.cmp(source, target, shallow=False):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return True


# --- Sphinx event handlers ---------------------------------------------------


def _chart_docs(env: Any) -> set[str]:
    if not hasattr(env, _ENV_KEY):
        setattr(env, _ENV_KEY, set())
    return getattr(env, _ENV_KEY)


def _logger():
    from sphinx.util import logging

    return logging.getLogger(__name__)


def use_plotly_mimetype(app: Any, config: Any) -> None:
    """Make the build's kernels emit plotly's JSON bundle (they inherit os.environ)."""
    previous = os.environ.get("PLOTLY_RENDERER")
    if previous and previous != PLOTLY_RENDERER:
        _logger().info(
            f"[august1956] PLOTLY_RENDERER={previous!r} replaced by {PLOTLY_RENDERER!r} "
            "for the book's kernels: only that renderer's output can be drawn offline"
        )
    os.environ["PLOTLY_RENDERER"] = PLOTLY_RENDERER


def record_chart_page(app: Any, doctree: Any) -> None:
    charts = _chart_docs(app.env)
    if page_has_chart(doctree):
        charts.add(app.env.docname)
    else:
        charts.discard(app.env.docname)


def forget_page(app: Any, env: Any, docname: str) -> None:
    _chart_docs(env).discard(docname)


def merge_chart_pages(app: Any, env: Any, docnames: Iterable[str], other: Any) -> None:
    _chart_docs(env).update(_chart_docs(other) & set(docnames))


def place_plotly_js(app: Any, env: Any) -> None:
    """Put plotly.js in the output when some page has a chart, remove it otherwise.

    Runs after reading and before writing, so Sphinx can add a checksum to the
    script's address (``?v=...``) and browsers refetch it when plotly changes.
    """
    if app.builder.format != "html":
        return
    target = Path(app.builder.outdir) / PLOTLY_ASSET
    if _chart_docs(env):
        if place_asset(plotly_js_source(), target):
            _logger().info(f"[august1956] plotly.js copied to {PLOTLY_ASSET}")
    elif target.is_file():
        target.unlink()


def add_plotly_script(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Give the pages with a chart, and only those, a script tag for plotly.js."""
    if app.builder.format != "html" or pagename not in _chart_docs(app.env):
        return
    from sphinx.builders.html._assets import _JavaScript

    # The page template turns this into a path relative to the page
    # ("../_assets/plotly.min.js" from book/). Sphinx restores the list after
    # each page, so other pages never see the tag.
    context["script_files"].append(_JavaScript(PLOTLY_ASSET, defer="defer"))
    context["script_files"].append(_JavaScript(f"_static/{FIT_SCRIPT}", defer="defer"))


def script_key(script: Any) -> tuple:
    """What makes two script tags the same: address and attributes (an inline body is one).

    Sphinx 7.4 adds a script registered during reading twice, once with the
    address ``None`` and once with ``""``; both stand for "inline".

    >>> from types import SimpleNamespace as Js
    >>> script_key(Js(filename=None, attributes={"body": "x=1"})) == script_key(
    ...     Js(filename="", attributes={"body": "x=1"}))
    True
    """
    filename = getattr(script, "filename", script)
    attributes = getattr(script, "attributes", {})
    return (os.fspath(filename or ""), tuple(sorted(attributes.items())))


def unique_scripts(scripts: Iterable[Any]) -> list[Any]:
    """The scripts in their order, each one once.

    >>> unique_scripts(["a.js", "b.js", "a.js"])
    ['a.js', 'b.js']
    """
    seen: set[tuple] = set()
    kept = []
    for script in scripts:
        key = script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    return kept


def drop_duplicate_scripts(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Write each script tag once per page.

    sphinx-thebe's inline ``const THEBE_JS_URL = ...`` otherwise appears twice,
    and the second copy stops with a SyntaxError in the browser console.
    """
    if "script_files" in context:
        # In place: Sphinx restores this same list after the page is written.
        context["script_files"][:] = unique_scripts(context["script_files"])


def finish_output(app: Any, exception: Exception | None) -> None:
    """After a successful HTML build: drop unused files, then check for remote assets."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.builder.outdir)
    if app.config.august1956_prune_output:
        count, size = remove_files(list(unused_files(outdir)))
        _logger().info(f"[august1956] removed {count} files no page loads ({size / 1e6:.1f} MB)")
        saved = remove_redundant_script(outdir)
        _logger().info(f"[august1956] dropped the theme's fontawesome.js ({saved / 1e6:.1f} MB)")
    offending = audit_remote_assets(outdir)
    if offending:
        listing = "; ".join(f"{page}: {', '.join(urls)}" for page, urls in offending.items())
        _logger().warning(
            f"[august1956] pages load files from other sites, so the book will not "
            f"read offline: {listing}. Serve a local copy instead (a math page pulls "
            f"MathJax from a CDN: set `mathjax_path` to a local file or avoid $...$; a "
            f"widget page pulls the widget manager: keep nb_ipywidgets_js empty).",
            type="august1956",
            subtype="remote_asset",
        )


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("august1956_prune_output", True, "html", types=[bool])
    app.connect("config-inited", use_plotly_mimetype)
    app.connect("config-inited", add_static_folder)
    app.connect("doctree-read", record_chart_page)
    app.connect("env-purge-doc", forget_page)
    app.connect("env-merge-info", merge_chart_pages)
    app.connect("env-updated", place_plotly_js)
    app.connect("html-page-context", add_plotly_script)
    app.connect("html-page-context", drop_duplicate_scripts)
    app.connect("build-finished", finish_output)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
