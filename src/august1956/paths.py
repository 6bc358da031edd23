"""Where the project's data lives.

The library reads only files under one data folder. In a checkout that is the
top-level ``data/``; ``AUGUST1956_DATA`` can point elsewhere (a copy that ships
with an installed package, or a test fixture).
"""

from __future__ import annotations

import os
from pathlib import Path

RAW_NAME = "000_4586cb435a2fc35a.txt"
RAW_SHA256 = "524006a1500da4d1fd61c4ec0058cd8d643c2be97beb5dcb3b7e22fbdfba1e0f"


def data_dir() -> Path:
    """The data folder: ``$AUGUST1956_DATA`` if set, else the checkout's ``data/``."""
    env = os.environ.get("AUGUST1956_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parents[1] / "data"):
        if (candidate / "raw").is_dir():
            return candidate
    return here.parents[1] / "data"


def raw_path() -> Path:
    return data_dir() / "raw" / RAW_NAME
