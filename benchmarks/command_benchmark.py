"""What the library and the repair command cost a user before and while they work.

Issue 16 set the targets measured here:

- ``import august1956; august1956.load()`` in a fresh process: 0.1 s;
- ``python -m august1956 repair`` on one line in a fresh process: under 0.5 s, damaged
  or not (the model is loaded from its saved file; the very first run trains and saves it,
  and is measured apart);
- memory bounded whatever the input's size: peak memory of the command on damaged input of
  growing length (text the corpus never shows, so that the model's memory of probabilities
  keeps meeting new contexts) must not grow with it;
- output streamed: the first repaired line comes out long before the input ends.

Each figure is the median of several fresh processes, with the CPU time beside the wall
time: the machine is shared, and the CPU time is the steadier of the two. Writes
``reports/command_benchmark.json`` and ``.md``::

    .venv/bin/python benchmarks/command_benchmark.py
"""

from __future__ import annotations

import json
import os
import random
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from repair_benchmark import damage, set_lines, stdlib_prose  # noqa: E402

from august1956.text.repair import english_prose  # noqa: E402

RUNS = 5
UNDAMAGED = "the ministry of foreign affairs"
DAMAGED = "WKH\ufffd\u00bfUVW\ufffdPHHWLQJ"  # "the first meeting", as the broken font left it


def child(args: list[str], stdin: bytes, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak megabytes of one fresh process."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run([sys.executable, *sys.argv[1:]], input=sys.stdin.buffer.read(),\n"
        "               check=True, stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(wall, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        capture_output=True,
        check=True,
        env=env,
    )
    wall, cpu, peak = (float(x) for x in done.stdout.split())
    return wall, cpu, peak


def median_of(args: list[str], stdin: bytes, env: dict[str, str], runs: int = RUNS) -> dict:
    results = [child(args, stdin, env) for _ in range(runs)]
    return {
        "seconds_median": round(statistics.median(r[0] for r in results), 3),
        "cpu_seconds_median": round(statistics.median(r[1] for r in results), 3),
        "peak_mb_median": round(statistics.median(r[2] for r in results)),
        "runs": runs,
    }


def damaged_prose(lines: int, seed: int) -> list[str]:
    """``lines`` lines of prose the corpus does not hold, each damaged like the corpus: the
    reference text of Python's standard library, then the general English prose."""
    rng = random.Random(seed)
    out: list[str] = []
    for line in set_lines(stdlib_prose(limit=2000) + english_prose()):
        if line.strip():
            out.append(damage(line, rng).raw)
        if len(out) == lines:
            break
    return out


def first_line_seconds(lines: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds until the command writes its first line, and until it ends, for ``lines``."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "august1956", "repair"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    proc.stdin.write(("\n".join(lines) + "\n").encode("utf-8"))
    proc.stdin.flush()
    select.select([proc.stdout], [], [], 600)
    proc.stdout.readline()
    first = time.perf_counter() - t
    proc.stdin.close()
    proc.stdout.read()
    proc.wait()
    return first, time.perf_counter() - t


def main() -> int:
    env = dict(os.environ)
    repair = ["-m", "august1956", "repair"]
    with tempfile.TemporaryDirectory() as cache:
        env["AUGUST1956_CACHE"] = cache
        # The first run finds no saved model: it trains and saves it.
        first_run = median_of(repair, (DAMAGED + "\n").encode(), env, runs=1)
        load = median_of(["-c", "import august1956; august1956.load()"], b"", env)
        undamaged = median_of(repair, (UNDAMAGED + "\n").encode(), env)
        damaged = median_of(repair, (DAMAGED + "\n").encode(), env)
        growth = {}
        for size in (250, 1000, 4000):
            text = ("\n".join(damaged_prose(size, seed=size)) + "\n").encode("utf-8")
            growth[str(size)] = median_of(repair, text, env, runs=1)
        first, whole = first_line_seconds(damaged_prose(400, seed=7), env)
    result = {
        "python": sys.version.split()[0],
        "load_average_1min": round(os.getloadavg()[0], 2),
        "load": load,
        "command_one_line": {
            "undamaged": undamaged,
            "damaged": damaged,
            "damaged_first_run_training_the_model": first_run,
        },
        "command_damaged_lines": growth,
        "streaming_400_damaged_lines": {
            "first_line_seconds": round(first, 2),
            "all_lines_seconds": round(whole, 2),
        },
    }
    reports = ROOT / "reports"
    (reports / "command_benchmark.json").write_text(
        json.dumps(result, indent=1) + "\n", encoding="utf-8"
    )
    (reports / "command_benchmark.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


def growth_words(growth: dict) -> str:
    """How peak memory changed from the middle input to the largest, in words."""
    sizes = list(growth)
    a, b = growth[sizes[-2]], growth[sizes[-1]]
    rise = b["peak_mb_median"] - a["peak_mb_median"]
    share = rise / a["peak_mb_median"]
    return (
        f"From {sizes[-2]} to {sizes[-1]} damaged lines ({int(sizes[-1]) // int(sizes[-2])} "
        f"times the input) peak memory changed by {rise:+d} MB ({share:+.0%})."
    )


def markdown(r: dict) -> str:
    c = r["command_one_line"]

    def fig(m: dict) -> str:
        return (
            f"{m['seconds_median']:.2f} s ({m['cpu_seconds_median']:.2f} s CPU), "
            f"{m['peak_mb_median']} MB"
        )

    growth = r["command_damaged_lines"]
    rows = "\n".join(f"| {n} | {fig(m)} |" for n, m in growth.items())
    s = r["streaming_400_damaged_lines"]
    return f"""# The command and the library: speed and memory

Generated by `benchmarks/command_benchmark.py`; the figures are copied from
`command_benchmark.json`. Fresh processes, median of {r["load"]["runs"]} unless said;
Python {r["python"]}, a 2-core machine, load average {r["load_average_1min"]} when the
run ended (other work was running: the CPU time is the steadier figure).

| what | wall (CPU), peak memory | target |
|---|---|---|
| `import august1956; august1956.load()` | {fig(r["load"])} | 0.1 s |
| `repair`, one undamaged line | {fig(c["undamaged"])} | 0.5 s |
| `repair`, one damaged line | {fig(c["damaged"])} | 0.5 s |
| `repair`, one damaged line, first run (trains and saves the model; once) | \
{fig(c["damaged_first_run_training_the_model"])} | none |

`load()` reads no table until one is asked for; pandas comes with the first table.
The repair loads its saved model (the user's cache folder, or `$AUGUST1956_CACHE`): only
the first run on a machine, or the first after the corpus or the repair's code changed,
trains it.

## Memory on longer input

Damaged lines of prose the corpus never shows (one run each):

| damaged lines | wall (CPU), peak memory |
|---|---|
{rows}

{growth_words(growth)} The model remembers at most a fixed number of probabilities
(`MEMO_LIMIT`), and the command holds a few lines at a time.

## Streaming

For 400 damaged lines written at once, the first repaired line came out after
{s["first_line_seconds"]:.2f} s and the last after {s["all_lines_seconds"]:.2f} s.
"""


if __name__ == "__main__":
    raise SystemExit(main())
