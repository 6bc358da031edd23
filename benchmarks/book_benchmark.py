"""How long the book takes to build and how heavy its pages are, against budgets.

Measured on a snapshot of one commit (see ``bookbuild.py``), on this machine:

- cold build: the command of `make book` into a fresh output folder;
- warm rebuild: the same command again without cleaning. Execute mode is
  "force" and `make book` passes ``--all``, so every notebook runs again: the
  warm rebuild costs about what the cold one does;
- the author's alternative, `make book-fast`: myst-nb's execution cache, in a
  cache folder keyed on the hash of ``data/``, the library and the pins (the
  cache's own key covers only the code cells), measured cold and warm;
- the size of the built ``_build/html``;
- each page's transfer size as Chromium loads it (HTML, CSS, JS, fonts,
  images), apart from the shared plotly.js, which a browser caches once.

Each page's weight is given plain (as this local server sends it) and gzipped
(as a static host such as GitHub Pages sends text). Writes
``reports/book_benchmark.json`` and prints a summary; exit status 1 if any
budget is missed, the plain page weight and `make book`'s warm rebuild included.

    .venv/bin/python benchmarks/book_benchmark.py [--commit HEAD]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bookbuild import ROOT, Build, build_book, folder_size, snapshot

REPORT = ROOT / "reports" / "book_benchmark.json"
BUDGETS = {
    "cold_build_s": 180.0,
    "warm_rebuild_s": 20.0,
    "heaviest_page_bytes": 1_500_000,
}
PLOTLY_JS = "plotly.min.js"


def fast_config(book: Path, cache: Path) -> Path:
    """The `make book-fast` configuration: _config.yml with the execution cache on."""
    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["execute_notebooks"] = "cache"
    config["execute"]["cache"] = str(cache)
    path = book / "_fast_config.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


# What a static host (GitHub Pages, for one) sends gzip-compressed.
COMPRESSED_TYPES = {".html", ".css", ".js", ".json", ".svg", ".txt", ".map"}


def transfer_bytes(files: list[Path]) -> tuple[int, int]:
    """Bytes of the files as sent plain, and as a compressing host sends them.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     page = Path(tmp, "a.html")
    ...     _ = page.write_text("<p>faction</p>" * 1000)
    ...     plain, packed = transfer_bytes([page])
    >>> plain, packed < plain / 20
    (14000, True)
    """
    plain = packed = 0
    for file in files:
        data = file.read_bytes()
        plain += len(data)
        packed += len(gzip.compress(data, 6)) if file.suffix in COMPRESSED_TYPES else len(data)
    return plain, packed


def page_weights(html_dir: Path) -> dict[str, dict[str, int]]:
    """``{page: {"plain": bytes, "gzip": bytes}}`` of what Chromium fetched to show it.

    Every page is opened with an empty cache; plotly.js is left out (one copy,
    cached by the browser for every chart page).
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(html_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    pages = [
        p.relative_to(html_dir).as_posix()
        for p in sorted(html_dir.rglob("*.html"))
        if not {"_static", "_sources"} & set(p.relative_to(html_dir).parts)
    ]
    weights = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for page in pages:
                context = browser.new_context()  # empty cache for every page
                tab = context.new_page()
                urls: list[str] = []
                tab.on("requestfinished", lambda req, urls=urls: urls.append(req.url))
                tab.goto(f"{base}/{page}", wait_until="networkidle")
                files = {
                    html_dir / unquote(urlsplit(url).path).lstrip("/")
                    for url in urls
                    if url.startswith(base)
                }
                files = [f for f in files if f.is_file() and f.name != PLOTLY_JS]
                plain, packed = transfer_bytes(sorted(files))
                weights[page] = {"plain": plain, "gzip": packed}
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return weights


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def build_summary(build: Build) -> dict:
    return {
        "seconds": round(build.seconds, 1),
        "exit": build.returncode,
        "notebooks_executed": len(build.notebooks),
        "notebook_seconds": {Path(k).stem: v for k, v in build.notebooks.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="book-benchmark-") as tmp:
        book = Path(tmp) / "book"
        commit = snapshot(args.commit, book)
        out = Path(tmp) / "out"
        print("cold build ...", flush=True)
        cold = build_book(book, out)
        print(f"  {cold.seconds:.1f} s", flush=True)
        print("warm rebuild (same command, nothing cleaned) ...", flush=True)
        warm = build_book(book, out)
        print(f"  {warm.seconds:.1f} s", flush=True)
        html = out / "_build" / "html"
        html_bytes = folder_size(html)
        plotly_bytes = sum(p.stat().st_size for p in html.rglob(PLOTLY_JS))
        print("page weights in Chromium ...", flush=True)
        weights = page_weights(html)
        print("make book-fast, cold cache then warm ...", flush=True)
        fast_out = Path(tmp) / "fast"
        config = fast_config(book, fast_out / "cache")
        fast_cold = build_book(book, fast_out, extra=["--config", str(config)])
        fast_warm = build_book(book, fast_out, extra=["--config", str(config)])
        print(f"  cold {fast_cold.seconds:.1f} s, warm {fast_warm.seconds:.1f} s", flush=True)
        html_files = sum(1 for _ in html.rglob("*.html"))
    heaviest = max(weights, key=lambda page: weights[page]["plain"])
    heaviest_gzip = max(weights, key=lambda page: weights[page]["gzip"])
    result = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "note": "shared with other engineers' builds while measured",
        },
        "cold_build": build_summary(cold),
        "warm_rebuild": build_summary(warm),
        "fast_cached_cold": build_summary(fast_cold),
        "fast_cached_warm": build_summary(fast_warm),
        "html_bytes": html_bytes,
        "plotly_js_bytes": plotly_bytes,
        "html_files": html_files,
        "heaviest_page": {"page": heaviest, **weights[heaviest]},
        "heaviest_page_gzip": {"page": heaviest_gzip, **weights[heaviest_gzip]},
        "page_bytes_without_plotly_js": weights,
        "budgets": BUDGETS,
    }
    verdicts = {
        "cold_build_s": cold.seconds < BUDGETS["cold_build_s"] and cold.returncode == 0,
        "warm_rebuild_s": warm.seconds < BUDGETS["warm_rebuild_s"],
        "warm_rebuild_fast_s": fast_warm.seconds < BUDGETS["warm_rebuild_s"]
        and fast_warm.returncode == 0,
        "heaviest_page_bytes": weights[heaviest]["plain"] < BUDGETS["heaviest_page_bytes"],
        "heaviest_page_bytes_gzip": weights[heaviest_gzip]["gzip"] < BUDGETS["heaviest_page_bytes"],
    }
    result["within_budget"] = verdicts
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "page_bytes_without_plotly_js"}))
    print(f"wrote {args.report}")
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
