"""``python -m august1956 build-data``: regenerate the generated files under data/.

raw -> repair -> segment -> paragraphs -> catalog, written as:

- ``data/corpus/repaired.txt``: the repair of the raw file, line for line;
- ``data/corpus/repaired_kinds.txt``: for each repaired line, one provenance
  code per character (c clean, r restored, i inferred, l lost);
- ``data/corpus/repair_lines.csv``: every damaged line with its confidence and
  what was changed;
- ``data/corpus/excerpts.csv``: the segmentation, one row per excerpt;
- ``data/corpus/paragraphs.csv``: the reading text, one row per paragraph;
- ``data/documents.csv``: the document catalog;
- ``data/datapackage.json``: the Frictionless descriptor of every table with a schema.

``--check`` regenerates in memory and fails if any committed file differs.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from .catalog import build_catalog
from .paths import data_dir
from .reading import Lexicon, unit_paragraphs
from .segment import segment
from .source import read_raw_lines
from .tables import datapackage

EXCERPT_FIELDS = [
    "excerpt_id",
    "unit",
    "doc_no",
    "first_line",
    "last_line",
    "n_lines",
    "attribution",
    "confidence",
    "reason",
    "gap_before",
]
PARAGRAPH_FIELDS = [
    "unit",
    "doc_no",
    "number",
    "anchor",
    "excerpt_id",
    "first_line",
    "last_line",
    "gap_before",
    "note_no",
    "text",
    "kinds",
]


def _csv(rows: list[dict], fields: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in fields})
    return buf.getvalue()


def generate() -> dict[str, str]:
    """Every generated file's path (relative to data/) and its content."""
    from .repair import repair_corpus

    raw = read_raw_lines()
    repaired = repair_corpus()
    texts = [r.text for r in repaired]
    kinds = [r.kinds for r in repaired]
    excerpts = segment(raw)
    lexicon = Lexicon.from_lines(texts)
    paragraphs = unit_paragraphs(excerpts, texts, kinds, lexicon)
    catalog = build_catalog(excerpts, paragraphs)

    files: dict[str, str] = {}
    files["corpus/repaired.txt"] = "\n".join(texts)
    files["corpus/repaired_kinds.txt"] = "\n".join(kinds)
    files["corpus/repair_lines.csv"] = _csv(
        [
            {
                "line": i + 1,
                "confidence": f"{r.confidence:.3f}",
                "raw": r.raw,
                "text": r.text,
                "explanation": r.explain(),
            }
            for i, r in enumerate(repaired)
            if r.damaged
        ],
        ["line", "confidence", "raw", "text", "explanation"],
    )
    files["corpus/excerpts.csv"] = _csv(
        [
            {
                **{k: getattr(e, k) for k in EXCERPT_FIELDS if hasattr(e, k)},
                "doc_no": e.doc_no,
                "n_lines": e.last_line - e.first_line + 1,
            }
            for e in excerpts
        ],
        EXCERPT_FIELDS,
    )
    files["corpus/paragraphs.csv"] = _csv(
        [
            {
                "unit": p.unit,
                "doc_no": int(p.unit[3:]) if p.unit.startswith("doc") else None,
                "number": p.number,
                "anchor": p.anchor,
                "excerpt_id": p.excerpt_id,
                "first_line": p.first_line,
                "last_line": p.last_line,
                "gap_before": p.gap_before,
                "note_no": p.note_no,
                "text": p.text,
                "kinds": p.kinds,
            }
            for p in paragraphs
        ],
        PARAGRAPH_FIELDS,
    )
    buf = io.StringIO()
    catalog.to_csv(buf, index=False, lineterminator="\n")
    files["documents.csv"] = buf.getvalue()
    # the descriptor reads the schemas, which describe the tables written above
    files["datapackage.json"] = json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
    return files


def stale_files(root: Path | None = None) -> list[str]:
    """Generated files whose committed content differs from a fresh build."""
    root = root or data_dir()
    out = []
    for rel, content in generate().items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            out.append(rel)
    return out


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m august1956 build-data", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args(argv)
    root = data_dir()
    if args.check:
        stale = stale_files(root)
        if stale:
            print(
                "stale generated files: " + ", ".join(stale) + ". Run: python -m august1956 "
                "build-data, and commit the result.",
                file=sys.stderr,
            )
            return 1
        print("generated files are up to date")
        return 0
    for rel, content in generate().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path}")
    return 0
