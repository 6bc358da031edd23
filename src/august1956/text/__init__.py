"""The text stage: the raw source, its repair, and the corpus the chapters read.

Reads ``data/raw/`` (never changed) and, once ``build-data`` has run, the generated
files beside it. In pipeline order:

- ``source``: the raw file, checked against its hash; the strict CSV reader and the
  manifest of generated files.
- ``charlm``, ``repair`` and ``english_prose.txt``: the character models and the repair
  of the font-map damage, which never touches an undamaged line.
- ``units``: the units of the corpus (the documents by number, the historians' three texts)
  and how each is named.
- ``segment``: the repaired lines cut into excerpts, each assigned to its unit.
- ``reading``: the excerpts rebuilt into the paragraphs of each unit.
- ``catalog``: one row per document, from the headers and the curated catalog.
- ``emendations``: the editor's readings of lost characters, placed by one set of rules.
- ``corpus``: ``load()``, the corpus as the chapters and tables see it (units, paragraphs,
  quotes and their citations, dates as the sources give them).

Offers everything downstream; imports nothing from ``tables``, ``chapters`` or ``edition``.
"""
