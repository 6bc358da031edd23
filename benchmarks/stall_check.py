"""Ten full builds in a row: does any notebook execution stall?

With ipykernel 7 about 1-2% of notebook executions sat idle for the whole cell
timeout and then finished without error. The book pins ipykernel 6.31. This
script builds the whole book ``--runs`` times (default 10) from a snapshot of
one commit into a private output folder, reads each notebook's execution time
from myst-nb's log, and writes ``reports/stall_check.md``.

A notebook run counts as a stall when it took at least ``STALL_FACTOR`` times
that notebook's median over the runs and at least ``STALL_MARGIN`` seconds
more: a kernel that hangs until the timeout (180 s) is far past both, while the
ordinary spread of a busy 2-core machine is not.

    .venv/bin/python benchmarks/stall_check.py            # HEAD, 10 runs
    .venv/bin/python benchmarks/stall_check.py --runs 3 --commit main

Exit status 1 if a build failed or a stall was seen.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bookbuild import ROOT, Build, build_book, snapshot

STALL_FACTOR = 3.0
STALL_MARGIN = 30.0
# The middle of the 1-2% of executions that stalled under ipykernel 7.
OLD_RATE = 0.015
REPORT = ROOT / "reports" / "stall_check.md"


def stalls(builds: list[Build]) -> list[tuple[int, str, float, float]]:
    """``(run, notebook, seconds, median)`` for every run that looks stalled.

    >>> fast = [Build(60, 0, {"a.ipynb": 5.0}) for _ in range(9)]
    >>> stalls(fast + [Build(240, 0, {"a.ipynb": 185.0})])
    [(10, 'a.ipynb', 185.0, 5.0)]
    """
    found = []
    names = sorted({name for build in builds for name in build.notebooks})
    for name in names:
        times = [b.notebooks[name] for b in builds if name in b.notebooks]
        median = statistics.median(times)
        for run, build in enumerate(builds, start=1):
            seconds = build.notebooks.get(name)
            if (
                seconds is not None
                and seconds >= STALL_FACTOR * median
                and seconds >= median + STALL_MARGIN
            ):
                found.append((run, name, seconds, median))
    return found


def markdown_report(builds: list[Build], commit: str) -> str:
    names = sorted({name for build in builds for name in build.notebooks})
    short = [Path(name).stem for name in names]
    lines = [
        f"# Stall check: {len(builds)} full builds in a row",
        "",
        f"Written by `benchmarks/stall_check.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Commit `{commit[:12]}`, built {len(builds)} times in a row with the command of "
        "`make book` (`--all -W -n --keep-going`, execute mode `force`) into a private "
        "output folder. Kernel stack: "
        + ", ".join(
            f"{pkg} {metadata.version(pkg)}"
            for pkg in ("ipykernel", "jupyter_client", "nbclient", "myst-nb")
        )
        + ". Machine: 2 cores, shared with other builds while this ran.",
        "",
        "Seconds per notebook execution (myst-nb's own timing) and per build (wall clock):",
        "",
        "| run | " + " | ".join(short) + " | build | exit |",
        "|---" * (len(names) + 3) + "|",
    ]
    for run, build in enumerate(builds, start=1):
        cells = [f"{build.notebooks[n]:.1f}" if n in build.notebooks else "-" for n in names]
        lines.append(
            f"| {run} | " + " | ".join(cells) + f" | {build.seconds:.0f} | {build.returncode} |"
        )
    for label, func in (("median", statistics.median), ("max", max)):
        cells = []
        for name in names:
            times = [b.notebooks[name] for b in builds if name in b.notebooks]
            cells.append(f"{func(times):.1f}" if times else "-")
        total = func([b.seconds for b in builds])
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {total:.0f} | |")
    found = stalls(builds)
    failed = [run for run, b in enumerate(builds, start=1) if b.returncode != 0]
    executions = sum(len(b.notebooks) for b in builds)
    lines += ["", "## Verdict", ""]
    lines.append(
        f"{executions} notebook executions in {len(builds)} builds; a stall is a run at least "
        f"{STALL_FACTOR:g} times the notebook's median and at least {STALL_MARGIN:g} s above it."
    )
    lines.append("")
    needed = math.ceil(math.log(0.05) / math.log(1 - OLD_RATE))
    lines.append(
        f"What a clean series shows: at the rate seen with ipykernel 7 "
        f"({OLD_RATE:.1%} of executions), {executions} executions would all be clean with "
        f"probability {(1 - OLD_RATE) ** executions:.0%}. Ruling that rate out at 95% "
        f"takes about {needed} clean executions."
    )
    lines.append("")
    if found:
        for run, name, seconds, median in found:
            lines.append(f"- STALL: run {run}, {name}: {seconds:.1f} s (median {median:.1f} s)")
    else:
        lines.append("- No stall: every execution stayed within the bound above.")
    if failed:
        lines.append(f"- Builds that failed: runs {failed} (see the log printed by the script).")
    else:
        lines.append("- Every build succeeded.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2: a stall is judged against the median")
    with tempfile.TemporaryDirectory(prefix="stall-check-") as tmp:
        book = Path(tmp) / "book"
        commit = snapshot(args.commit, book)
        builds = []
        for run in range(1, args.runs + 1):
            build = build_book(book, Path(tmp) / "out")
            times = ", ".join(f"{Path(n).stem} {s:.1f}" for n, s in build.notebooks.items())
            print(f"run {run}: {build.seconds:.0f} s, exit {build.returncode}; {times}", flush=True)
            if build.returncode != 0:
                print(build.log[-4000:], file=sys.stderr)
            builds.append(build)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(markdown_report(builds, commit), encoding="utf-8")
    print(f"wrote {args.report}")
    return 1 if stalls(builds) or any(b.returncode for b in builds) else 0


if __name__ == "__main__":
    sys.exit(main())
