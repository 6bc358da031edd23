"""The book in print: one PDF of the whole book, and one PDF per page for handouts.

The PDFs are made from the built HTML, so they show what the web pages show: the charts
drawn, the paragraph numbers, the edition's marks for restored, inferred and lost
characters (the legend is on the index of the documents). Headless Chromium prints each
page of the table of contents in its order, with the book's print stylesheet (no solutions,
no empty bars for folded code); pypdf joins them behind a table of contents, each page a
bookmark. Nothing is fetched from another host.

``python -m august1956 pdf [_build/html]`` (``make pdf``) writes into the built book's
``pdf/`` folder ``august1956.pdf`` and one PDF per page of the table of contents
(``05_lankov.pdf``, ``documents-doc07.pdf``). It needs the test environment (Playwright,
pypdf) and Debian's Chromium at ``/usr/bin/chromium``.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Debian's Chromium, as the test suite uses it; AUGUST1956_CHROMIUM names another Chromium or
# Chrome (GitHub's runners have Google Chrome at /usr/bin/google-chrome).
CHROMIUM = Path(os.environ.get("AUGUST1956_CHROMIUM", "/usr/bin/chromium"))
# 210 mm less 2 x 12 mm of margin, at 96 CSS pixels to the inch.
PRINT_WIDTH_PX = round((210 - 24) / 25.4 * 96)
BOOK_PDF = "august1956.pdf"
# Chromium draws its own running head and foot on each printed sheet.
HEAD = (
    '<div style="font-size:7pt;width:100%;padding:0 12mm;color:#555;'
    'font-family:sans-serif"><span class="title"></span></div>'
)
FOOT = (
    '<div style="font-size:7pt;width:100%;padding:0 12mm;color:#555;text-align:right;'
    'font-family:sans-serif">{book}, version {version} · page '
    '<span class="pageNumber"></span> of <span class="totalPages"></span> of this chapter</div>'
)


@dataclass(frozen=True)
class Printed:
    docname: str
    title: str
    path: Path
    pages: int


def pdf_name(docname: str) -> str:
    """The file a page prints to, unique across the book's folders.

    >>> pdf_name("book/05_lankov"), pdf_name("book/documents/intro")
    ('05_lankov.pdf', 'documents-intro.pdf')
    """
    return docname.removeprefix("book/").replace("/", "-") + ".pdf"


def toc_docnames(root: Path) -> list[str]:
    """The pages of ``_toc.yml`` in reading order, the front page first."""
    import yaml

    return docnames_of(yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")))


def docnames_of(toc: dict) -> list[str]:
    """Every document of a jb-book table of contents, root first (the browser tests use it too).

    >>> docnames_of({"root": "book/intro", "chapters": [
    ...     {"file": "book/a", "sections": [{"file": "book/a1"}]}, {"file": "book/b"}]})
    ['book/intro', 'book/a', 'book/a1', 'book/b']
    """
    names = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections", []))

    walk(toc.get("chapters", []))
    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return names


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The built book over HTTP on a free local port; yields the base address.

    Charts load their script over it (the browser tests serve the book with it too).
    """

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def print_pages(html_dir: Path, out_dir: Path, docnames: list[str], foot: str) -> list[Printed]:
    """Each page of the book as its own PDF, in ``out_dir``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    printed = []
    with served(html_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        # As wide as the printed column (A4 less the margins, in CSS pixels), so that the
        # charts are laid out at the width they are printed at.
        page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1000})

        # Only the local server: a page that asked another host would print without it.
        def local_only(route) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", local_only)
        for name in docnames:
            page.goto(f"{base}/{name}.html", wait_until="networkidle")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.plotly-graph-div')]"
                ".every(d => d.querySelector('.main-svg'))",
                timeout=30_000,
            )
            # The people table's notes print open: on paper there is nothing to click.
            page.evaluate(
                "document.querySelectorAll('details.row-note').forEach(d => d.open = true)"
            )
            page.emulate_media(media="print")
            title = page.title().split(" — ")[0].strip()
            path = out_dir / pdf_name(name)
            page.pdf(
                path=str(path),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template=HEAD,
                footer_template=foot,
                margin={"top": "16mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
            )
            page.emulate_media(media="screen")
            printed.append(Printed(name, title, path, len(PdfReader(path).pages)))
        browser.close()
    return printed


def contents_html(book: str, version: str, printed: list[Printed], first_page: int) -> str:
    """The printed table of contents: each page's title and the sheet it starts on.

    >>> rows = [Printed("book/intro", "Front", Path("a.pdf"), 3)]
    >>> "<td>Front</td><td>2</td>" in contents_html("B", "1.0", rows, 2)
    True
    """
    rows, at = [], first_page
    for item in printed:
        rows.append(f"<tr><td>{html.escape(item.title)}</td><td>{at}</td></tr>")
        at += item.pages
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Contents</title>"
        "<style>body{font-family:sans-serif;font-size:10pt}td{padding:2pt 8pt}"
        "td:last-child{text-align:right}</style></head><body>"
        f"<h1>{html.escape(book)}</h1><p>Version {html.escape(version)}. Printed from the web "
        "edition; the paragraph numbers (¶) are the edition's. Solutions to the exercises are "
        "left out of print.</p><h2>Contents</h2><table>" + "".join(rows) + "</table></body></html>"
    )


def build(html_dir: Path, root: Path) -> Path:
    """Write the per-page PDFs and the whole book into ``html_dir / "pdf"``; the book's path."""
    from importlib import metadata

    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    book, version = "August 1956: a computational companion", metadata.version("august1956")
    out_dir = html_dir / "pdf"
    out_dir.mkdir(exist_ok=True)
    printed = print_pages(
        html_dir, out_dir, toc_docnames(root), FOOT.format(book=book, version=version)
    )
    # The contents take one sheet at this length; checked below once they are printed.
    contents = out_dir / "contents.pdf.tmp"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        for attempt in (1, 2, 3):
            page.set_content(contents_html(book, version, printed, attempt + 1))
            page.pdf(path=str(contents), format="A4", margin={"top": "16mm", "bottom": "16mm"})
            if len(PdfReader(contents).pages) == attempt:
                break
        browser.close()
    writer = PdfWriter()
    writer.append(str(contents), outline_item="Contents")
    for item in printed:
        writer.append(str(item.path), outline_item=item.title)
    writer.add_metadata({"/Title": book, "/Author": "The August 1956 project"})
    target = out_dir / BOOK_PDF
    partial = target.with_suffix(".pdf.tmp")
    with partial.open("wb") as handle:
        writer.write(handle)
    partial.replace(target)
    contents.unlink()
    return target


def cli(argv: list[str]) -> int:
    html_dir = Path(argv[0]) if argv else Path("_build/html")
    if not (html_dir / "index.html").is_file():
        print(f"error: {html_dir} holds no built book; run `make book` first", file=sys.stderr)
        return 2
    if not CHROMIUM.is_file():
        print(
            f"error: no Chromium at {CHROMIUM}; `make test` installs Debian's, or set "
            "AUGUST1956_CHROMIUM to another",
            file=sys.stderr,
        )
        return 2
    target = build(html_dir, Path.cwd())
    print(f"wrote {target} and one PDF per page in {target.parent}")
    return 0
