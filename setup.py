"""Packaging hook: the wheel carries the corpus and the tables.

A chapter opened in Colab has no checkout beside it; its first cell pip-installs
the library, which must then find the data inside itself. ``paths.data_dir()``
looks for ``august1956/_data`` first, so a built wheel gets a copy of ``data/``
there, and of the reports the library reads (``reports/repair_benchmark.json``,
found as ``data_dir().parent / "reports"``). Editable installs skip the copy:
they read the checkout's own ``data/``. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# (source in the checkout, destination inside the installed package)
PACKAGED = [
    ("data", "_data"),
    ("reports/repair_benchmark.json", "reports/repair_benchmark.json"),
    # The bibliography of outside sources, which the tables cite by key.
    ("book/references.bib", "references.bib"),
]


class BuildWithData(build_py):
    """``build_py`` that also copies the book's data into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "august1956"
        for source, target in PACKAGED:
            origin = ROOT / source
            if not origin.exists():
                raise FileNotFoundError(
                    f"{origin} is missing, and the wheel must carry it: build the wheel "
                    "from a full checkout (run `python -m august1956 build-data` if data "
                    "files are missing)"
                )
            destination = package / target
            if origin.is_dir():
                shutil.copytree(origin, destination, dirs_exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, destination)


setup(cmdclass={"build_py": BuildWithData})
