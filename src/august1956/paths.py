"""Where the project's files live: the data folder, the bibliography, the book's pages.

The library reads only files under one data folder. In a checkout that is the
top-level ``data/``; ``AUGUST1956_DATA`` can point elsewhere (a copy that ships
with an installed package, or a test fixture). An installed package (a wheel, as in
Colab) carries its own copy of ``data/`` as ``_data`` and of the bibliography; see
``setup.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

RAW_NAME = "000_4586cb435a2fc35a.txt"
RAW_SHA256 = "524006a1500da4d1fd61c4ec0058cd8d643c2be97beb5dcb3b7e22fbdfba1e0f"

# The package folder, and the checkout around it (``src/august1956`` -> the checkout).
PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parents[1]
# The book's sources in a checkout; the edition writes its pages under ``documents/``.
BOOK_DIR = CHECKOUT / "book"


def data_dir() -> Path:
    """The data folder: ``$AUGUST1956_DATA`` if set, else the checkout's ``data/``."""
    env = os.environ.get("AUGUST1956_DATA")
    if env:
        return Path(env)
    for candidate in (PACKAGE / "_data", CHECKOUT / "data"):
        if (candidate / "raw").is_dir():
            return candidate
    return CHECKOUT / "data"


def raw_path() -> Path:
    return data_dir() / "raw" / RAW_NAME


def references_path() -> Path:
    """The bibliography: a copy inside an installed package, else the checkout's."""
    packaged = PACKAGE / "references.bib"
    return packaged if packaged.is_file() else BOOK_DIR / "references.bib"
