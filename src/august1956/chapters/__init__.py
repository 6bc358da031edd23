"""The chapters stage: what each chapter computes and draws, and the words they share.

Reads the corpus (``text``) and the curated tables (``tables``); offers the notebooks in
``book/`` their tables, charts and sentences: the notebooks tell, these modules compute.
Shared by every chapter:

- ``vocabulary``: one definition each of a person's display name, whose voice a document
  carries, what counts as a faction label, and how a count is written.
- ``charts``: the book's chart conventions (colours per voice and per side, the study's
  marks of 1956, layout).
- ``live``: the widgets of a live session and their fallbacks in the published book.

One module per chapter (or group of chapters):

- ``reader``: chapter 1, the corpus and its repair (a document read with a word highlighted).
- ``whoswho``: chapter 2, who's who.
- ``chronology``: chapter 3, the chronology.
- ``meetings``: chapter 4, the meetings.
- ``debate``: chapters 5, 6, 7 and 10, the historians' claims put to the documents.
- ``language``: chapter 8, the language of faction.
- ``numbers``: chapter 9, the numbers in the documents.

Imports from ``text`` and ``tables``, never from ``edition``.
"""
