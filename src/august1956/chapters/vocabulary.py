"""The chapters' shared vocabulary: whose words a text carries, and what counts as a faction label.

Two chapters ask the same questions of the corpus (the Person chapter counts
labels by voice, the chapter on the language of faction counts terms by
speaker), and the edition and the weighing chapter name voices too. Each
answer is defined once, here, so that the chapters cannot disagree:

- :data:`HISTORIAN_VOICES`: the three units that are not documents, and whose
  texts they are;
- a person's name as the reader sees it is the people register's
  (:func:`august1956.tables.people.person_name`);
- :func:`counted`: a count with its noun in the right number ("1 paragraph");
- :func:`document_voice`: whose words a document carries and who wrote them down;
- :data:`FACTION_WORD`, :data:`GROUP_LABEL` and :data:`FACTION_LABEL`: the
  patterns for "faction" and its forms, for a "group" named as a political
  label, and for either.

>>> import re
>>> [m.group(0) for m in re.finditer(FACTION_LABEL, "the Yan'an group, a faction of flatterers",
...  flags=re.IGNORECASE)]
["Yan'an group", 'faction']
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from august1956.tables.people import person_names
from august1956.text.units import HISTORIAN_TEXTS

# The units of the corpus that are not documents: Person's introduction, Shimotomai's
# article and its notes. Their words are the historians' own, of 2007/08.
HISTORIAN_VOICES = {unit: text.voice for unit, text in HISTORIAN_TEXTS.items()}

# A document with no catalogued interlocutor carries its Soviet writers' own words.
SOVIET_TEXT = "Soviet officials' own text"
UNKNOWN_VOICE = "not known"
# Whoever a source leaves unnamed: a document's writer, a speaker, the others at a meeting.
UNNAMED = "someone the source does not name"

# "faction" in every form, as a whole word: "dissatisfaction" (twice in the corpus) is
# not a label.
FACTION_WORD = r"\bfaction(?:s|al|alism|alists?)?\b"
# A bare "group" is usually innocent (a group of Soviet specialists, of partisans in
# 1940); only a group with a political qualifier in front of it is a label. Quotation
# marks may stand between them ('the Yan'an "group."').
GROUP_LABEL = (
    r"""(?:\b(?:anti-party|so-called|Soviet|Yan['’]an|nepotist|consumer goods)\s?["'“”‘’]?\s?)+"""
    r"""groups?\b"""
)
FACTION_LABEL = f"{FACTION_WORD}|{GROUP_LABEL}"


def is_faction_label(text: str) -> bool:
    """Whether a piece of text holds a faction label.

    >>> is_faction_label("acute dissatisfaction"), is_faction_label("a group of specialists")
    (False, False)
    >>> is_faction_label('calling them the Yan\\'an "group."'), is_faction_label("factional")
    (True, True)
    """
    return re.search(FACTION_LABEL, text, flags=re.IGNORECASE) is not None


class Voice(NamedTuple):
    """Whose words a text carries (``speaker``) and who wrote them down (``written_by``)."""

    speaker: str
    written_by: str


def document_voice(doc: pd.Series) -> Voice:
    """Whose words a document of the catalog carries, and who wrote them down.

    - A letter carries its writer's words.
    - A record of conversation, or a report that relays someone's words (the
      summary of Li Sangjo's letter), carries the words of the people the
      catalog names as interlocutors, as the Soviet side rendered them.
    - Any other document (remarks, a memo, a directive, a report of the Soviet
      side's own) carries its Soviet writers' own words; a document whose writer
      and interlocutors are both unknown carries a voice "not known".

    >>> from august1956 import load
    >>> docs = load().documents
    >>> document_voice(docs.loc[10])  # Kurdyukov: named by the archive's listing only
    Voice(speaker='Li Sangjo', written_by='Kurdyukov')
    >>> document_voice(docs.loc[9]).speaker, document_voice(docs.loc[25]).speaker
    ('Choe Changik and Gim Seunghwa', "Soviet officials' own text")
    >>> document_voice(docs.loc[17])
    Voice(speaker='not known', written_by='someone the source does not name')
    >>> document_voice(docs.loc[19]).speaker
    "Soviet officials' own text"
    """
    interlocutors = person_names(doc.get("interlocutors", ""))
    recorder = person_names(doc.get("recorder", ""))
    author = str(doc.get("author", "")).strip()
    kind = doc.get("doc_type", "")
    written_by = recorder or author or UNNAMED
    if kind == "letter":
        return Voice(written_by, written_by)
    if doc.get("unit", doc.name if isinstance(doc.name, str) else "") in SOVIET_SIDE_RECORDS:
        return Voice(SOVIET_TEXT, written_by)
    if interlocutors and kind in ("memorandum of conversation", "report"):
        return Voice(interlocutors, written_by)
    if recorder or author:
        return Voice(SOVIET_TEXT, written_by)
    return Voice(UNKNOWN_VOICE, written_by)


# Records of conversation whose words are the Soviet side's, not the interlocutor's: in
# Doc 19 CPSU officials give Li Sangjo Moscow's reply ("Li Sangjo was told that ...").
SOVIET_SIDE_RECORDS = frozenset({"doc19"})

# Two Soviet records reproduce a letter of Li Sangjo's in full: from the paragraph given
# here on, the words are his own, in translation, not a Soviet official's summary.
EMBEDDED_LETTERS = {
    "doc18": 9,  # "Nº 286-nf 5.IX.56 / Dear Comrade N. S. KHRUSHCHEV", the letter's register mark
    "doc21": 19,  # "Translation from the Korean", after the CPSU summary of the letter
}
LETTER_WRITER = "Li Sangjo"

# Records that hold more than one conversation: the paragraphs whose speaker is one of
# the document's interlocutors, not all of them. In Doc 9 Gim Seunghwa only carries
# Choe Changik's letter (paragraph 1); the criticism of the Presidium is Choe's own.
PARAGRAPH_SPEAKERS = {
    ("doc09", 1): "Gim Seunghwa",
    ("doc09", 2): "Choe Changik",
}


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """A count and its noun, singular for one, thousands separated.

    >>> counted(1, "paragraph"), counted(2708, "word"), counted(2, "body", "bodies")
    ('1 paragraph', '2,708 words', '2 bodies')
    """
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def in_embedded_letter(unit: str, paragraph: int) -> bool:
    """Whether a paragraph belongs to a letter that a Soviet record reproduces.

    >>> in_embedded_letter("doc21", 18), in_embedded_letter("doc21", 19)
    (False, True)
    """
    start = EMBEDDED_LETTERS.get(unit)
    return start is not None and paragraph >= start


def paragraph_number(anchor: str) -> int:
    """The paragraph number of an edition anchor.

    >>> paragraph_number("doc21-p39")
    39
    """
    return int(anchor.rsplit("-p", 1)[1])


def passage_voice(unit: str, paragraph: int, documents: pd.DataFrame) -> Voice:
    """Whose words one paragraph carries: the unit's voice, except inside an embedded letter.

    >>> from august1956 import load
    >>> docs = load().documents
    >>> passage_voice("doc18", 12, docs)
    Voice(speaker='Li Sangjo', written_by='Li Sangjo')
    >>> passage_voice("doc18", 2, docs).written_by
    'N. T. Fedorenko'
    >>> passage_voice("doc09", 2, docs)
    Voice(speaker='Choe Changik', written_by='V. I. Ivanov')
    """
    if in_embedded_letter(unit, paragraph):
        return Voice(LETTER_WRITER, LETTER_WRITER)
    voice = unit_voice(unit, documents)
    if (unit, paragraph) in PARAGRAPH_SPEAKERS:
        return voice._replace(speaker=PARAGRAPH_SPEAKERS[(unit, paragraph)])
    return voice


def unit_voice(unit: str, documents: pd.DataFrame) -> Voice:
    """The voice of any unit: a historian's text, or a document by its unit id.

    >>> from august1956 import load
    >>> unit_voice("notes", load().documents).speaker
    'Shimotomai (historian)'
    """
    if unit in HISTORIAN_VOICES:
        return Voice(HISTORIAN_VOICES[unit], HISTORIAN_VOICES[unit])
    docs = documents.set_index("unit") if "unit" in documents else documents
    return document_voice(docs.loc[unit])
