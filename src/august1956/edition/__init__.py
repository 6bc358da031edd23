"""The edition stage: one generated page per unit of the corpus, under ``book/documents/``.

Reads the corpus (``text``), the tables (``tables``) and the shared vocabulary of the
chapters; offers Markdown pages, which Sphinx builds with the rest of the book. Run with
``python -m august1956 edition`` (``--check`` reports stale pages without writing).

- ``pages``: the reading text with its paragraph anchors, repair marks and emendations,
  the catalog entry, the people named, and each page's citation.
- ``extracted``: under each paragraph, its lines of the raw file exactly as they stand,
  each damaged character marked by what the repair made of it.
- ``persons``: one page per person of the people table, under ``book/people/``: spellings,
  the register's entry, every mention linked, documents, meetings, claims.
"""
