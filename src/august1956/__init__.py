"""August 1956: the corpus, its repair, its documents and the tables built on them.

Data flows one way: raw -> repair -> segment -> catalog -> tables -> chapters, each stage a
folder of this package (``text``, ``tables``, ``chapters``, ``edition``). Chapters import
from here and never parse or clean text themselves.

``load`` and the corpus's classes are imported on first use, so that ``import august1956``
and the commands that do not read the tables (``python -m august1956 repair``) do not pay
for pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from august1956.text.source import CorpusError

if TYPE_CHECKING:
    from august1956.text.corpus import Citation, Corpus, load

__all__ = ["Citation", "Corpus", "CorpusError", "load"]
_FROM_CORPUS = {"Citation", "Corpus", "load"}


def __getattr__(name: str):
    if name in _FROM_CORPUS:
        from august1956.text import corpus

        return getattr(corpus, name)
    if name == "__version__":
        # The version has one home, pyproject.toml; an installed package reports it.
        from importlib.metadata import version

        return version("august1956")
    raise AttributeError(f"module 'august1956' has no attribute {name!r}")
