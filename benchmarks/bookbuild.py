"""Build the book the way `make book` does, from a frozen copy, and read what it did.

Shared by ``book_benchmark.py`` and ``stall_check.py``. Other people edit the
checkout while a measurement runs, so the book is built from a snapshot of a
commit (``git archive``): the chapters, the data and the library all come from
that commit. ``PYTHONPATH`` puts the snapshot's ``src/`` ahead of the editable
install, so the build's Sphinx extension and the notebooks' kernels import the
snapshot's library, and its ``paths.data_dir()`` finds the snapshot's ``data/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")

# myst-nb logs one such line per executed notebook.
EXECUTED = re.compile(r"^(?P<path>\S+\.ipynb): Executed notebook in (?P<seconds>[\d.]+) seconds")


@dataclass
class Build:
    """One build: its wall time, exit status and each notebook's execution time."""

    seconds: float
    returncode: int
    notebooks: dict[str, float] = field(default_factory=dict)
    log: str = ""


def snapshot(commit: str, target: Path) -> str:
    """Unpack ``commit`` of the repository into ``target``; return the full commit id."""
    full = subprocess.run(
        ["git", "rev-parse", commit], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    archive = subprocess.run(["git", "archive", full], cwd=ROOT, capture_output=True, check=True)
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return full


def notebook_times(log: str, book: Path) -> dict[str, float]:
    """``{notebook relative to the book: seconds}`` from a build log.

    >>> notebook_times("/b/book/01_corpus.ipynb: Executed notebook in 6.87 seconds [mystnb]",
    ...                Path("/b"))
    {'book/01_corpus.ipynb': 6.87}
    """
    times = {}
    for line in log.splitlines():
        match = EXECUTED.match(line.strip())
        if match:
            path = Path(match["path"])
            name = path.relative_to(book).as_posix() if path.is_relative_to(book) else str(path)
            times[name] = float(match["seconds"])
    return times


def build_book(book: Path, output: Path | None = None, extra: list[str] | None = None) -> Build:
    """Run the build of `make book` on ``book`` (output in ``output`` or ``book/_build``).

    ``extra`` adds options, e.g. ``["--config", path]`` for `make book-fast`.
    """
    command = [str(JUPYTER_BOOK), "build", str(book), "--all", "-W", "-n", "--keep-going"]
    if output is not None:
        command += ["--path-output", str(output)]
    command += extra or []
    env = dict(os.environ, AUGUST1956_STATIC="1")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(book / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    start = time.perf_counter()
    result = subprocess.run(command, cwd=book, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    return Build(seconds, result.returncode, notebook_times(log, book.resolve()), log)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
