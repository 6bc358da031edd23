"""Command line: ``python -m august1956 <command>``.

Commands:
  repair      read damaged text on stdin, write the repair on stdout (line for line)
  build-data  regenerate the generated files under data/ from the raw corpus
  edition     regenerate the edition's pages in book/documents/ (`edition --check` only
              reports stale pages)
  tei         write each unit's TEI P5 and JSON files under data/tei and data/json
              (`tei --check` only reports stale files)
  home        list the places that disagree with where the book lives (home.toml);
              `home --write` rewrites them
  pdf         print the built book (_build/html) to PDF: the whole book and each page
"""

from __future__ import annotations

import sys

from august1956.home import HomeError
from august1956.text.source import CorpusError


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    try:
        if command == "repair":
            from august1956.text.repair import cli

            return cli(rest)
        if command == "build-data":
            from august1956.build import cli

            return cli(rest)
        if command == "edition":
            from august1956.edition.pages import main as edition

            return edition(rest)
        if command == "tei":
            from august1956.edition.tei import main as tei

            return tei(rest)
        if command == "home":
            from august1956.home import cli

            return cli(rest)
        if command == "pdf":
            from august1956.printing import cli

            return cli(rest)
    except (CorpusError, HomeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"error: unknown command {command!r}. Try: python -m august1956 --help", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
