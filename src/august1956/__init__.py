"""August 1956: the corpus, its repair, its documents and the tables built on them.

Data flows one way: raw -> repair -> segment -> catalog -> tables -> chapters.
Chapters import from here and never parse or clean text themselves.
"""

from august1956.text.corpus import Citation, Corpus, load
from august1956.text.source import CorpusError

__all__ = ["Citation", "Corpus", "CorpusError", "load"]
__version__ = "0.1.0"
