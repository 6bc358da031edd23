"""Extensions that build the book's HTML: offline plotly charts and widget notes.

- :mod:`.plotly_mime` and :mod:`.widget_note` are myst-nb mime renderer
  plugins, registered as entry points in ``pyproject.toml``.
- :mod:`.offline` is the Sphinx extension named in ``_config.yml``: it serves
  one local copy of plotly.js to the pages that hold a chart, removes files
  the pages never load, and fails the build if a page loads anything from
  another site.
- :mod:`.exercises` numbers the exercises from 1 on each page, and
  :mod:`.citations` is the in-text citation style that gives an archival
  record's day and month, so that two records of 1956 are told apart.
"""
