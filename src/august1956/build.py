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
- ``data/datapackage.json``: the Frictionless descriptor of every table with a schema;
- ``data/corpus/manifest.json``, written last: the sha256 of every input the build read
  and of every file above. :func:`august1956.load` checks the files it reads against it,
  so a folder left half-written, or edited by hand, is named instead of read.

Nothing is written until every file has been computed; each is written under a
temporary name and renamed into place, and the manifest comes last.

``--check`` regenerates in memory and fails if any committed file differs.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

from august1956.paths import RAW_NAME, data_dir
from august1956.tables.curated import datapackage
from august1956.text.catalog import build_catalog
from august1956.text.reading import Lexicon, unit_paragraphs
from august1956.text.segment import segment
from august1956.text.source import MANIFEST, CorpusError, read_raw_lines, sha256
from august1956.text.units import unit_doc_no

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
    from august1956.text.repair import repair_corpus

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
                "doc_no": unit_doc_no(p.unit),
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
    files[MANIFEST] = manifest(files, data_dir())
    return files


def build_inputs(root: Path) -> list[Path]:
    """The files under data/ that the build reads: the raw corpus, the curation, the schemas."""
    return [
        root / "raw" / RAW_NAME,
        *sorted((root / "curation").glob("*.csv")),
        *sorted((root / "schemas").glob("*.json")),
    ]


def manifest(files: dict[str, str], root: Path) -> str:
    """The hashes of the build's inputs and of every file it writes (but itself)."""
    record = {
        "about": "Written last by `python -m august1956 build-data`; do not edit.",
        "inputs": {
            p.relative_to(root).as_posix(): sha256(p.read_bytes()) for p in build_inputs(root)
        },
        "outputs": {
            rel: sha256(content.encode("utf-8"))
            for rel, content in sorted(files.items())
            if rel != MANIFEST
        },
    }
    return json.dumps(record, indent=2) + "\n"


def write_files(files: dict[str, str], root: Path) -> list[Path]:
    """Write every file under a temporary name, then rename each into place, the manifest
    last; if a write fails, remove what was written and change nothing."""
    staged: list[tuple[Path, Path]] = []
    try:
        for rel, content in sorted(files.items(), key=lambda kv: kv[0] == MANIFEST):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((path.with_name(f".{path.name}.tmp"), path))
            staged[-1][0].write_text(content, encoding="utf-8")
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise CorpusError(
            f"could not write the generated files under {root} ({exc.strerror or exc}); "
            "nothing was changed. Free some space or fix the folder's permissions, then run "
            "build-data again."
        ) from None
    for tmp, path in staged:
        os.replace(tmp, path)
    return [path for _, path in staged]


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
    for path in write_files(generate(), root):
        print(f"wrote {path}")
    return 0
