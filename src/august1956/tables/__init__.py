"""The tables stage: what the project curated on top of the corpus, and its checks.

Reads the curated CSV files in ``data/`` (people, meetings, events, figures, claims,
evidence, the archive crosswalk, and the catalog's curation) and ``book/references.bib``;
checks each row against the corpus of the ``text`` stage.

- ``curated``: reading a table strictly, the checks every row must pass (evidence quotes
  that stand in their unit, dates in the study's window), the data package.
- ``people``: the people register: any spelling of a name to its person, and who a text names.
- ``references``: the works and archival records outside the corpus, as the bibliography
  lists them.
- ``archive``: the crosswalk to the Wilson Center Digital Archive: each document's records
  there (or none found) and where a record and the corpus differ, with their checks.

Imports only from ``text``; offers the tables to ``chapters`` and ``edition``.
"""
