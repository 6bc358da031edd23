"""Break the library's core one line at a time and see whether the tests notice.

Run from the repository root (about ten minutes; it restores every file it changes, even
when interrupted):

    .venv/bin/python benchmarks/mutation_check.py

Each mutation below is a plausible slip in the repair, the segmentation, the catalog or
the checks on the curated tables: a guard removed, a bound widened, a rule loosened. For
each, the script changes that one line, runs the test suite without the browser and
notebook tests (which need a built book) and stopping at the first failure, and records
the test that caught it. A mutation that no test catches is a gap in the tests. The
results go to ``reports/mutation_check.md`` and ``reports/mutation_check.json``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "august1956"
REPORT = ROOT / "reports" / "mutation_check"
# What the suite runs without a built book: everything but the browser and notebook paths.
PYTEST = [
    sys.executable,
    "-m",
    "pytest",
    "-x",
    "-q",
    "-p",
    "no:cacheprovider",
    "--ignore=tests/test_browser.py",
    "--ignore=tests/test_live_paths.py",
    # The tests of the core first, so that a break they catch stops the run early; then
    # everything else (pytest collects each file once).
    "tests/test_checks.py",
    "tests/test_repair.py",
    "tests/test_segment.py",
    "tests/test_corpus.py",
    "tests/test_tables.py",
    "tests/test_edition.py",
    "tests",
    "src/august1956",
]


@dataclass(frozen=True)
class Mutation:
    stage: str
    path: str  # under src/august1956
    before: str  # the exact text replaced; it must stand once in the file
    after: str
    slip: str  # what the change would do, in words


MUTATIONS = [
    Mutation(
        "repair",
        "text/repair.py",
        "    if not shows_damage(raw):\n        return _unchanged(raw)\n",
        "",
        "reads every line, damaged or not, with the repair's model",
    ),
    Mutation(
        "repair",
        "text/repair.py",
        'DIGIT = "0"',
        'DIGIT = "1"',
        "the model's single digit symbol no longer matches the corpus's digits",
    ),
    Mutation(
        "repair",
        "text/repair.py",
        "    return any(ch in DAMAGE_MARKS for ch in raw)",
        "    return all(ch in DAMAGE_MARKS for ch in raw)",
        "a line counts as damaged only if every character is a damage mark",
    ),
    Mutation(
        "segment",
        "text/segment.py",
        r"(?:DOCUMENT|Document) No\. (\d{1,2})\s*$",
        r"(?:DOCUMENT|Document) No\. (\d)\s*$",
        "a two-digit document header is not recognised",
    ),
    Mutation(
        "segment",
        "text/units.py",
        'return f"doc{int(doc_no):02d}"',
        'return f"doc{int(doc_no)}"',
        "document units lose their two-digit form (doc7 for doc07)",
    ),
    Mutation(
        "segment",
        "text/segment.py",
        '        if not row["reason"].strip():',
        "        if False:",
        "an attribution of a headless fragment is accepted without a reason",
    ),
    Mutation(
        "catalog",
        "text/catalog.py",
        'elif cur["date"] and row["date"] and cur["date"] != row["date"]:',
        "elif False:",
        "a curated date that contradicts the surviving header is accepted",
    ),
    Mutation(
        "catalog",
        "text/corpus.py",
        '    return sum(len(re.findall(r"\\w+", t)) for t in texts)',
        "    return sum(len(t.split()) for t in texts)",
        'words counted by another rule (split at spaces, so "Li Sangjo\'s" is one word)',
    ),
    Mutation(
        "tables",
        "tables/curated.py",
        "found = corpus.find(quote, unit) if unit in set(corpus.units) else []",
        "found = corpus.find(quote) if unit in set(corpus.units) else []",
        "an evidence quote is accepted if it stands anywhere, not in the unit its row names",
    ),
    Mutation(
        "tables",
        "tables/curated.py",
        "not 1945 <= int(m.group(1)) <= 1960",
        "not 1900 <= int(m.group(1)) <= 2100",
        "a curated date far outside the study's years is accepted",
    ),
    Mutation(
        "tables",
        "text/source.py",
        "        if len(row) != len(header):",
        "        if len(row) > len(header):",
        "a short row of a curated table is read, padded, without a word",
    ),
    Mutation(
        "tables",
        "text/emendations.py",
        'EMENDABLE = frozenset("li")',
        'EMENDABLE = frozenset("lic")',
        "an editor's reading may replace characters the source shows",
    ),
    Mutation(
        "corpus",
        "text/corpus.py",
        """_QUOTE_MAP = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})""",
        """_QUOTE_MAP = str.maketrans({"‘": "'", "“": '"', "”": '"'})""",
        "a quote with a typographic apostrophe no longer matches the corpus's straight one",
    ),
]


def first_failure(output: str) -> str:
    """The test the run stopped at, as pytest names it."""
    m = re.search(r"^(?:FAILED|ERROR) (\S+)", output, re.MULTILINE)
    return m.group(1) if m else ""


def run(mutation: Mutation) -> dict:
    path = PACKAGE / mutation.path
    original = path.read_text(encoding="utf-8")
    if original.count(mutation.before) != 1:
        sys.exit(f"error: {mutation.path} no longer holds {mutation.before!r} exactly once")
    try:
        path.write_text(original.replace(mutation.before, mutation.after), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(PYTEST, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    finally:
        path.write_text(original, encoding="utf-8")
    caught = done.returncode != 0
    return {
        "stage": mutation.stage,
        "module": mutation.path,
        "slip": mutation.slip,
        "caught": caught,
        "caught_by": first_failure(done.stdout) if caught else "",
        "seconds": round(seconds, 1),
    }


def markdown(results: list[dict]) -> str:
    caught = sum(r["caught"] for r in results)
    lines = [
        "# Mutation check of the library's core",
        "",
        "Made by `benchmarks/mutation_check.py`. Each row is one deliberate one-line break of "
        "the library, run against the test suite without the browser and notebook tests "
        "(stopping at the first failure), and restored afterwards.",
        "",
        f"**{caught} of {len(results)} breaks caught.**",
        "",
        "| stage | module | the break | caught by |",
        "|---|---|---|---|",
    ]
    for r in results:
        by = f"`{r['caught_by']}`" if r["caught"] else "**not caught**"
        lines.append(f"| {r['stage']} | `{r['module']}` | {r['slip']} | {by} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    results = []
    for mutation in MUTATIONS:
        result = run(mutation)
        print(f"{'caught' if result['caught'] else 'MISSED':>6}  {mutation.slip}", flush=True)
        results.append(result)
    REPORT.with_suffix(".json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    REPORT.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    missed = [r for r in results if not r["caught"]]
    print(f"{len(results) - len(missed)} of {len(results)} caught; see {REPORT}.md")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
