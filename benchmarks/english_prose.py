"""Distil the English prose of CPython's docstrings into ``src/august1956/text/english_prose.txt``.

Run from the repository root (``english_prose.json`` beside the text says which Python
it was made with, how many paragraphs it holds, their hash and their licence):

    .venv/bin/python benchmarks/english_prose.py

Why: the repair's character model learns from the corpus's clean lines, which
rarely show a parenthesis, a semicolon or a colon after a word, so on text
from outside the corpus it reads lost punctuation badly. A second, general
model of English prose, mixed in with a small weight, knows those contexts.
It must be there wherever the library runs (CI, Binder, Colab) and its
training must be deterministic, so the prose is committed inside the package, as
a data file: one paragraph per line.

The source is the standard library's docstrings (modules, classes,
functions), read with ``ast`` without importing anything. Kept: paragraphs of
running prose only (no indented lines, no code, no reST markup, at least 120
characters). Left out: tests, IDLE, and ``pydoc``/``pydoc_data`` (the repair
benchmark's outside set uses ``pydoc_data.topics``; its text must stay unseen).
"""

from __future__ import annotations

import ast
import hashlib
import json
import platform
import re
import sys
import sysconfig
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "august1956" / "text" / "english_prose.txt"
SKIP_PARTS = {"test", "tests", "idlelib", "pydoc_data", "site-packages", "lib2to3", "turtledemo"}
SKIP_FILES = {"pydoc.py"}
MIN_LENGTH = 120
MARKUP = re.compile(r"[*=_{}<>|\\`]|\.\.\.|::|>>>|^\s*[-*+]\s|-{3,}", re.MULTILINE)


def prose_paragraphs(docstring: str) -> list[str]:
    """The paragraphs of ``docstring`` that are running prose, each on one line.

    >>> prose_paragraphs("Return the sum.\\n\\n    >>> add(1, 2)\\n    3\\n")
    []
    >>> text = "Return a list of the lines, with the final newline kept. " * 3
    >>> [len(p) for p in prose_paragraphs(text.strip())]
    [170]
    """
    out: list[str] = []
    for block in re.split(r"\n\s*\n", docstring):
        block = textwrap.dedent(block).strip("\n")
        lines = block.split("\n")
        if any(x.startswith((" ", "\t")) for x in lines) or len(block) < MIN_LENGTH:
            continue  # indented: code, a parameter list, a table
        if MARKUP.search(block):
            continue
        out.append(re.sub(r"\s+", " ", block).strip())
    return out


def stdlib_docstring_prose(stdlib: Path) -> list[str]:
    """Prose paragraphs of every docstring under ``stdlib``, in sorted file order, deduplicated."""
    seen: set[str] = set()
    out: list[str] = []
    for path in sorted(stdlib.rglob("*.py")):
        rel = path.relative_to(stdlib)
        if SKIP_PARTS & set(rel.parts) or path.name in SKIP_FILES:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue  # a few files are templates or in another encoding
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node)
                for para in prose_paragraphs(doc or ""):
                    if para not in seen:
                        seen.add(para)
                        out.append(para)
    return out


def prose_files(paragraphs: list[str]) -> tuple[bytes, dict]:
    """The text file (one paragraph per line) and its description."""
    raw = ("\n".join(paragraphs) + "\n").encode("utf-8")
    about = {
        "what": (
            "English prose for the repair's auxiliary character model: one paragraph per "
            "line of english_prose.txt. Generated, do not edit."
        ),
        "made_by": "benchmarks/english_prose.py",
        "source": (
            f"docstrings of the Python {platform.python_version()} standard library "
            "(running prose only)"
        ),
        "paragraphs": len(paragraphs),
        "bytes": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "licence": (
            "CPython's standard library, Copyright (c) 2001-2023 Python Software Foundation; "
            "All Rights Reserved; used under the PSF License Agreement "
            "(https://docs.python.org/3/license.html), whose notice is retained here."
        ),
    }
    return raw, about


def main() -> int:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    if not (stdlib / "textwrap.py").is_file():
        sys.exit(f"error: no standard library sources under {stdlib}; run with a full CPython")
    paras = stdlib_docstring_prose(stdlib)
    raw, about = prose_files(paras)
    TARGET.write_bytes(raw)
    TARGET.with_suffix(".json").write_text(
        json.dumps(about, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(paras)} paragraphs from {stdlib}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
