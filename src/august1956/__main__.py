"""Command line: ``python -m august1956 <command>``.

Commands:
  repair      read damaged text on stdin, write the repair on stdout (line for line)
  build-data  regenerate the generated files under data/ from the raw corpus
  home        list the places that disagree with where the book lives (home.toml);
              `home --write` rewrites them
  pdf         print the built book (_build/html) to PDF: the whole book and each page
"""

from __future__ import annotations

import sys

from .home import HomeError
from .source import CorpusError


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    try:
        if command == "repair":
            from .repair import cli

            return cli(rest)
        if command == "build-data":
            from .build import cli

            return cli(rest)
        if command == "home":
            from .home import cli

            return cli(rest)
        if command == "pdf":
            from .printing import cli

            return cli(rest)
    except (CorpusError, HomeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"error: unknown command {command!r}. Try: python -m august1956 --help", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
