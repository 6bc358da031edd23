"""Undo the font shift that damaged about a tenth of the corpus, inventing nothing.

Some lines of the raw file went through a broken font map. Inside such a
*damaged run* every character was stored 29 code points too low (``WKH`` is
"the", ``.LP`` is "Kim"); characters that fell below 0x20 (the space, every
digit, most punctuation) were lost as U+FFFD; ligatures and curly quotes came
out as Latin-1 marks (``¿`` fi, ``À`` fl, ``³`` “, ``´`` ”, ``¶`` ’, ``«`` …).
The typesetter's justification spaces survive as real spaces, and so do
line-end hyphens. Damage starts and stops anywhere, even inside a word.

The repair reads each damaged line character by character in one of two
states, *clean* (copied as it is) or *shifted* (moved back up 29 points), and
reads each U+FFFD as a space, a punctuation mark or a lost digit. Every way of
reading the line is scored by a character language model trained on the
corpus's own clean lines (:mod:`august1956.text.charlm`), with a penalty for each
switch of state, and a beam search keeps the best. Lost digits cannot be
known, so they stay U+FFFD: the repair never writes a digit the raw line does
not show. A line is read only if it holds a damaged run (:func:`shows_damage`): a
line with no damage mark, or with marks but no shifted text beside them, comes back
unchanged, byte for byte, and so does the repair's own output.

>>> fixed = repair_line("WLYH\ufffdSRVLWLRQV\ufffdLQ\ufffdQRUWKHUQ\ufffd.RUHD\ufffdDIWHU\ufffd")
>>> fixed.text
'tive positions in northern Korea after '
>>> repair_line("WKH\ufffd $XJXVW\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd 3OHQXP\ufffd").text
'the August \ufffd\ufffd\ufffd\ufffd Plenum '
>>> repair_line("regard to economic issues.7 ").kinds == "c" * 28
True
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import marshal
import math
import os
import re
import sys
import tempfile
import textwrap
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from august1956.text.charlm import BOUNDARY, CharLM, ShapeMixLM

SHIFT = 29
FFFD = "\ufffd"

# The Latin-1 marks the broken font left for ligatures and typographic quotes.
MARKS = {"¿": "fi", "À": "fl", "³": "“", "´": "”", "¶": "’", "«": "…"}
DAMAGE_MARKS = frozenset(MARKS) | {FFFD}

# Stored code points that a shifted character can have: 0x21 '!' .. 0x5D ']'
# come back as '>' .. 'z'. (0x20 would be '='; a stored space is read as a
# justification space instead, see `_readings`.)
SHIFTED_RANGE = range(0x21, 0x5E)

# What a U+FFFD may stand for besides a lost digit: every character below '='
# that English prose uses. They are all offered; the language model chooses.
PUNCTUATION = (" ", ".", ",", "-", ":", ";", "(", ")", "/", "!", '"', "'", "#", "%", "&", "*", "+")

# The language model sees every digit as this one symbol, so that a lost digit
# (which is some digit, nobody knows which) and a clean one look alike to it.
DIGIT = "0"

KIND_CLEAN, KIND_RESTORED, KIND_INFERRED, KIND_LOST = "c", "r", "i", "l"


# --- the damage model -------------------------------------------------------


def is_damaged(raw: str) -> bool:
    """True when ``raw`` shows a damage mark (U+FFFD or one of the Latin-1 marks).

    >>> is_damaged("WKH\ufffd¿UVW")
    True
    >>> is_damaged("the DPRK and the KWP CC 1956")
    False
    """
    return any(ch in DAMAGE_MARKS for ch in raw)


def unshift(stored: str) -> str | None:
    """The character a shifted ``stored`` character stood for, or None if it cannot be one.

    >>> unshift("W"), unshift("\\\\"), unshift(">"), unshift("@"), unshift('"')
    ('t', 'y', '[', ']', '?')
    >>> unshift("a") is None
    True
    """
    if ord(stored) in SHIFTED_RANGE:
        return chr(ord(stored) + SHIFT)
    return None


LATIN_MARKS = frozenset(MARKS)


def _run_beside(raw: str, i: int, step: int) -> str:
    """The characters next to position ``i`` going ``step`` (-1 left, +1 right) that could
    be shifted text: no space, no mark, no lower-case letter."""
    run = []
    j = i + step
    while 0 <= j < len(raw):
        c = raw[j]
        if c.isspace() or c in DAMAGE_MARKS or c.islower():
            break
        run.append(c)
        j += step
    return "".join(run)


def shows_damage(raw: str) -> bool:
    """Whether ``raw`` holds a damaged run: a mark does not make one by itself.

    Shifted text holds no lower-case letter (they were stored as capitals), and each of
    its characters comes back as a letter. A line is damaged when such a run stands next
    to a lost character (U+FFFD), two characters or more, or one that comes back
    lower-case (``D`` is "a"); or next to a Latin-1 mark, two characters or more with
    one that comes back lower-case (``-DQ¶DQ`` is "Yan’an"). A mark without such a
    neighbour is left as it is: a Spanish "¿Qué", a pilcrow "¶12", or the repair's own
    output, whose lost digits stay U+FFFD ("work \ufffd,\ufffd\ufffd\ufffd days"),
    which is what makes the repair idempotent.

    >>> shows_damage("WKH\ufffd¿UVW"), shows_damage("72\ufffd7+("), shows_damage("ofWKH\ufffd")
    (True, True, True)
    >>> shows_damage("see ¶12 and ¿Qué?"), shows_damage("work \ufffd,\ufffd\ufffd\ufffd days")
    (False, False)
    >>> shows_damage("Document No. 7, ¶N, in this edition")
    False
    >>> shows_damage("the DPRK and the KWP CC 1956")
    False
    """
    for i, mark in enumerate(raw):
        if mark not in DAMAGE_MARKS:
            continue
        for run in (_run_beside(raw, i, -1)[::-1], _run_beside(raw, i, 1)):
            back = [unshift(c) for c in run]
            if not run or None in back or not all(u.isalpha() for u in back):
                continue
            # A capital that comes back lower-case: the sign of a shifted word ("[" is
            # "x" too, but a bracket beside a pilcrow is Markdown, "[¶8]").
            lower = any(c.isupper() and u.islower() for c, u in zip(run, back, strict=True))
            # Beside a Latin-1 mark, two of the run's characters must be letters as stored:
            # "-DQ¶DQ" is damage, a pilcrow before one capital and a comma ("¶N,") is not.
            letters = sum(c.isalpha() for c in run)
            if mark != FFFD and letters < 2:
                continue
            if (len(run) >= 2 or mark == FFFD) and (lower or (mark == FFFD and len(run) >= 2)):
                return True
    return False


def font_shift(text: str) -> str:
    """Damage clean text the way the broken font did (the inverse of a perfect repair).

    Used to test the repair on text whose truth is known. Characters the font
    map cannot carry (space, digits, most punctuation, letters outside ASCII)
    become U+FFFD.

    >>> font_shift("the August 1956 Plenum")
    'WKH\ufffd$XJXVW\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd3OHQXP'
    >>> font_shift("the “first” official’s")
    'WKH\ufffd³¿UVW´\ufffdRI¿FLDO¶V'
    """
    back = {v: k for k, v in MARKS.items()}
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in back:
            out.append(back[pair])
            i += 2
            continue
        ch = text[i]
        if ch in back:
            out.append(back[ch])
        elif ord(ch) - SHIFT in SHIFTED_RANGE:
            out.append(chr(ord(ch) - SHIFT))
        else:
            out.append(FFFD)
        i += 1
    return "".join(out)


def lm_symbols(text: str) -> str:
    """``text`` as the language model sees it: every digit, and every U+FFFD, is one digit symbol.

    The only U+FFFD a repaired line keeps are lost digits.

    >>> lm_symbols("on \ufffd\ufffd January 1957")
    'on 00 January 0000'
    """
    return "".join(DIGIT if ch.isdigit() or ch == FFFD else ch for ch in text)


# --- the model --------------------------------------------------------------


@dataclass
class RepairModel:
    """The language model and the decoder's settings.

    ``switch_penalty`` is the cost (in nats) of one change between clean and
    shifted reading; ``beam_width`` and ``beam_margin`` bound the search.
    """

    lm: CharLM | ShapeMixLM
    switch_penalty: float = 6.0
    beam_width: int = 16
    beam_margin: float = 12.0
    paren_bonus: float = 3.5
    glued_paren_penalty: float = 4.0
    prefix_hyphen_bonus: float = 6.0
    comma_capital_penalty: float = 2.0
    footnote_penalty: float = 3.0
    space_run_penalty: float = 3.0
    line_end_hyphen_penalty: float = 4.0


def training_texts(lines: Sequence[str], exclude: Iterable[int] = ()) -> list[str]:
    """The clean lines as running texts for the language model.

    Consecutive undamaged lines form one text (line breaks kept); a damaged
    line, or one listed in ``exclude`` (0-based indexes held out for a
    benchmark), ends a text, so the model never learns across a gap.

    >>> training_texts(["the KWP CC ", "in 1956", "WKH\ufffd", "Kim Il Sung"])
    ['the KWP CC \\nin 0000\\n', 'Kim Il Sung\\n']
    """
    skip = set(exclude)
    texts: list[str] = []
    run: list[str] = []
    for i, line in enumerate(lines):
        if i in skip or is_damaged(line):
            if run:
                texts.append(lm_symbols("\n".join(run)) + "\n")
            run = []
        else:
            run.append(line)
    if run:
        texts.append(lm_symbols("\n".join(run)) + "\n")
    return texts


# A word inside a damaged run: shifted letters and marks between two U+FFFD.
_WORD_SHAPES = re.compile(r"[A-Z]?[a-z’]+|[A-Z]+")
FRAGMENT_JOIN = "\x00"  # never read or written by the repair: n-grams across it are never asked


def damaged_words(lines: Sequence[str], exclude: Iterable[int] = ()) -> list[str]:
    """The words that damaged lines spell unambiguously, unshifted.

    The clean lines alone are a biased sample (the damage struck the lines
    with ligatures, so clean text never shows "fi" or "fl"). The letters of a
    damaged word are certain once it is known to be shifted, and a stretch
    between two U+FFFD that unshifts to a word shape can be taken as shifted.
    What stood between the words is not known, so the words are joined by a
    symbol the repair never asks about.

    >>> damaged_words(["RI¿FLDO� KLVWRULRJUDSK\\��", "KWP 1956"])
    ['\\x00official\\x00historiography\\x00']
    """
    skip = set(exclude)
    texts: list[str] = []
    for i, line in enumerate(lines):
        if i in skip or FFFD not in line:
            continue
        words: list[str] = []
        for piece in line.split(FFFD):
            piece = piece.strip()
            if not piece or any(not (ch in MARKS or ord(ch) in SHIFTED_RANGE) for ch in piece):
                continue
            word = "".join(MARKS.get(ch) or chr(ord(ch) + SHIFT) for ch in piece)
            if _WORD_SHAPES.fullmatch(word.replace("fi", "x").replace("fl", "x")):
                words.append(word)
        if words:
            texts.append(FRAGMENT_JOIN + FRAGMENT_JOIN.join(words) + FRAGMENT_JOIN)
    return texts


# Lines of general English are set about as wide as the corpus's.
ENGLISH_LINE_WIDTH = 62
# Share of the general-English model in the character model (measured: see
# reports/repair_benchmark.md; more dilutes the corpus's own dates and names).
ENGLISH_WEIGHT = 0.2
# Order of the general-English model. Order 5 was measured too: quicker (the
# whole corpus in about 7 s of CPU instead of 10, training included), (b) the
# same, but (a) 97.9% against 98.1% and "of Cde, D. T." on line 2408.
ENGLISH_ORDER = 7


def typographic_quotes(text: str) -> str:
    """Straight quotes as the corpus's page sets them: “ ” for double, ’ for an apostrophe.

    >>> typographic_quotes('the "main" module\\'s name')
    'the “main” module’s name'
    """
    text = re.sub(r'"(?=\w)', "“", text)
    text = text.replace('"', "”")
    text = re.sub(r"(?<![\w.,])'(?=\w)", "‘", text)
    return text.replace("'", "’")


def english_texts(paragraphs: Iterable[str], width: int = ENGLISH_LINE_WIDTH) -> list[str]:
    """Paragraphs of general English set in lines like the corpus's (each line but the
    last ends in a space), as the language model sees them.

    >>> english_texts(["Return the 2 lines of the text, with the final newline kept."], 30)
    ['Return the 0 lines of the \\ntext, with the final newline \\nkept.\\n']
    """
    out: list[str] = []
    for para in paragraphs:
        lines = textwrap.wrap(typographic_quotes(para), width, break_on_hyphens=False)
        if lines:
            out.append(lm_symbols(" \n".join(lines) + "\n"))
    return out


# General English prose (CPython's docstrings), one paragraph per line; where it comes
# from, its hash and its licence are in the JSON file beside it.
ENGLISH_PROSE = Path(__file__).with_name("english_prose.txt")


def english_prose() -> list[str]:
    """The paragraphs of general English prose, in the order they were collected.

    >>> len(english_prose())
    1795
    """
    return ENGLISH_PROSE.read_text(encoding="utf-8").splitlines()


@lru_cache(maxsize=2)
def english_model(order: int = 7) -> CharLM:
    """A character model of general English prose (:func:`english_prose`), trained once
    per process."""
    return CharLM.train(english_texts(english_prose()), order=order)


def train_model(
    lines: Sequence[str],
    *,
    exclude: Iterable[int] = (),
    order: int = 7,
    weight: float = 0.7,
    english_weight: float = ENGLISH_WEIGHT,
) -> RepairModel:
    """A repair model whose language model learns from the clean lines of ``lines``
    and the unambiguous words of its damaged lines (``exclude``: 0-based lines held out),
    mixed with a model of general English (``english_weight`` 0 leaves it out)."""
    exclude = set(exclude)
    texts = training_texts(lines, exclude) + damaged_words(lines, exclude)
    aux = english_model(ENGLISH_ORDER) if english_weight else None
    lm = ShapeMixLM.train(texts, order=order, weight=weight, aux=aux, aux_weight=english_weight)
    return RepairModel(lm=lm)


# --- the trained model, saved -------------------------------------------------
#
# Training the shipped model takes seconds; loading its saved tables, a fraction of one.
# The tables are kept in a file named by a key: the hash of everything training reads
# (the raw corpus, the English prose, the code of this module and of the character
# model, the Python version, whose `marshal` format the file uses). A change to any of
# them gives a new key, so a file never serves a model that training would not make
# again; an unreadable file is trained anew and replaced. The file is written under a
# temporary name and renamed, so a reader never sees half of one.

MODEL_FORMAT = "august1956-repair-model-2"


def model_cache_dir() -> Path:
    """Where saved models live: ``$AUGUST1956_CACHE``, else the user's cache folder."""
    env = os.environ.get("AUGUST1956_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "august1956"


def model_key(raw_bytes: bytes) -> str:
    """The key of the model trained on ``raw_bytes`` by this code, on this Python."""
    from august1956.text import charlm

    digest = hashlib.sha256(MODEL_FORMAT.encode())
    digest.update(repr(sys.version_info[:2]).encode())
    for part in (
        raw_bytes,
        ENGLISH_PROSE.read_bytes(),
        Path(__file__).read_bytes(),
        Path(charlm.__file__).read_bytes(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]


def _load_saved(path: Path, key: str) -> ShapeMixLM | None:
    """The model saved at ``path`` under ``key``, or None if it is missing or unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # loading makes a million small objects; collecting meanwhile is waste
    try:
        saved = marshal.loads(data)
        if not (isinstance(saved, dict) and saved.get("key") == key):
            return None
        return ShapeMixLM.from_state(saved["model"])
    except (EOFError, ValueError, TypeError, KeyError):  # cut short, or not ours
        return None
    finally:
        if enabled:
            gc.enable()


def _save(path: Path, key: str, lm: ShapeMixLM) -> None:
    """Save ``lm`` at ``path`` whole or not at all; a folder that cannot be written only
    means the next run trains again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                marshal.dump({"key": key, "model": lm.state()}, out)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        # Models saved for an earlier corpus or code are never read again.
        for old in path.parent.glob("repair-model-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):  # an unwritable folder; a model that cannot be saved
        pass


@lru_cache(maxsize=1)
def default_model() -> RepairModel:
    """The shipped model, trained on every clean line of the raw corpus: loaded from its
    saved file when there is one for this corpus and code, else trained and saved."""
    from august1956.text.source import read_raw_bytes, read_raw_lines

    key = model_key(read_raw_bytes())
    path = model_cache_dir() / f"repair-model-{key}.marshal"
    lm = _load_saved(path, key)
    if lm is None:
        lm = train_model(read_raw_lines()).lm
        _save(path, key, lm)
    return RepairModel(lm=lm)


# --- the result -------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """How one U+FFFD was read, and what else it could have been (local probabilities)."""

    column: int  # 0-based column in the raw line
    reading: str  # the character written (U+FFFD for a lost digit), "" if merged into a space
    alternatives: tuple[tuple[str, float], ...]  # (reading, probability), best first


@dataclass(frozen=True)
class RepairedLine:
    """One raw line and its repair.

    ``kinds`` has one code per character of ``text``: ``c`` clean (copied),
    ``r`` restored (a shifted letter or mark undone), ``i`` inferred (a U+FFFD
    read as space or punctuation from context), ``l`` lost (a U+FFFD kept, a
    digit or unknowable). ``confidence`` is the model's probability that the
    whole line is read right (1.0 for untouched lines).
    """

    raw: str
    text: str
    kinds: str
    confidence: float
    damaged: bool
    # Raw column of each character of text; not part of equality.
    origins: tuple[int, ...] = field(default=(), compare=False, repr=False)
    # Raw columns of justification spaces that were dropped.
    dropped: tuple[int, ...] = field(default=(), compare=False, repr=False)
    # Context the line was read in, and the model, for `explain`.
    _context: tuple[str, str] = field(default=("", ""), compare=False, repr=False)
    _model: RepairModel | None = field(default=None, compare=False, repr=False)

    def choices(self) -> list[Choice]:
        """For each U+FFFD of the raw line: the reading chosen and its local alternatives."""
        if not self.damaged:
            return []
        return _choices(self)

    def explain(self) -> str:
        """What the repair changed, where (1-based raw columns) and how sure it is.

        >>> raw = ".LP\ufffd,O\ufffd6XQJ¶V\ufffd\ufffdWKH\ufffd6RYLHW\ufffdHPEDVV\\\\\ufffdRI¿FLDOV"
        >>> print(repair_line(raw).explain())  # doctest: +NORMALIZE_WHITESPACE
        damaged line, confidence 0.75
          raw:  '.LP\ufffd,O\ufffd6XQJ¶V\ufffd\ufffdWKH\ufffd6RYLHW\ufffdHPEDVV\\\\\ufffdRI¿FLDOV'
          text: 'Kim Il Sung’s, the Soviet embassy officials'
          restored 35 shifted characters (2 ligature or quote marks)
            (columns 1-3, 5-6, 8-13, 16-18, 20-25, 27-33, 35-42)
          inferred 6 U+FFFD as spaces (columns 4, 7, 15, 19, 26, 34)
          column 14: U+FFFD read as ',' (',' 0.87; ':' 0.12; space 0.01)
        """
        return _explain(self)


# --- decoding ---------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """One way to read one raw character."""

    shifted: bool  # the state it is read in
    text: str  # what it writes
    kinds: str
    symbols: str  # what the language model sees
    word_space: bool = False  # a U+FFFD read as a space
    justifiable: bool = False  # a real space that may be a justification space


def _readings(raw: str, i: int) -> list[_Reading]:
    """Every reading of ``raw[i]``, clean and shifted."""
    ch = raw[i]
    prev = raw[i - 1] if i else ""
    out: list[_Reading] = []
    if ch == FFFD:
        out.extend(_Reading(True, p, KIND_INFERRED, p, word_space=p == " ") for p in PUNCTUATION)
        out.append(_Reading(True, FFFD, KIND_LOST, DIGIT))
        return out
    if ch in MARKS:
        text = MARKS[ch]
        return [_Reading(True, text, KIND_RESTORED * len(text), text)]
    symbol = DIGIT if ch.isdigit() else ch
    out.append(_Reading(False, ch, KIND_CLEAN, symbol))
    back = unshift(ch)
    if back is not None:
        out.append(_Reading(True, back, KIND_RESTORED, back))
    if ch == "-" and not raw[i + 1 :].strip():
        # A line-end hyphen survives the damage as a real '-'.
        out.append(_Reading(True, "-", KIND_CLEAN, "-"))
    if ch == "\t":
        out.append(_Reading(True, ch, KIND_CLEAN, ch))
    elif ch == " " and (not prev or prev == FFFD or prev in " \t"):
        # Inside a damaged run real spaces come only after a U+FFFD (justification)
        # or at a line start; after a shifted letter a space means clean text.
        out.append(_Reading(True, ch, KIND_CLEAN, ch, justifiable=True))
    return out


def _logaddexp(a: float, b: float) -> float:
    if a < b:
        a, b = b, a
    return a + math.log1p(math.exp(b - a))


# What the last raw character did, as far as the next one cares.
_WORD_SPACE = "w"  # a U+FFFD read as a space: a real space next is a justification space
_PUNCT = "p"  # a U+FFFD read as anything else: no real space may follow in the damage
_REAL_SPACE = "s"  # real whitespace written out: a U+FFFD space next merges with it


def _after(ch: str, reading: _Reading, event: str) -> str:
    if ch == FFFD:
        return _WORD_SPACE if reading.word_space else _PUNCT
    if ch in " \t" and event != "dropped":
        return _REAL_SPACE
    return ""


@dataclass
class _Hyp:
    best: float  # log score of the best path to here
    total: float  # log of the summed score of all paths merged here
    path: tuple | None  # (previous path, raw column, text, kinds, event)


def _open_paren(text: str) -> int:
    """1 if ``text`` leaves a parenthesis open, else 0.

    >>> _open_paren("the Soviet Embassy (AVPRF"), _open_paren("(AVPRF) and")
    (1, 0)
    """
    return int(text.rfind("(") > text.rfind(")"))


def _paren_cost(symbols: str, depth: int, model: RepairModel) -> tuple[float, int]:
    """Extra cost of writing ``symbols`` at parenthesis ``depth``, and the depth after.

    An n-gram model sees six characters back and cannot know whether a
    parenthesis is open; a ')' is far likelier when one is, and rare when not.
    """
    cost = 0.0
    for sym in symbols:
        if sym == "(":
            depth = 1
        elif sym == ")":
            cost += model.paren_bonus if depth else -model.paren_bonus
            depth = 0
    return cost, depth


_GLUE = frozenset(".,;:)”’")
_NO_DOUBLE = frozenset(".,;:")


def _glued(ctx: str) -> bool:
    """Whether the text so far ends in a word, or a mark right after a word (a note's place).

    >>> _glued("grain."), _glued("grain "), _glued("in 1956.")
    (True, False, False)
    """
    before = ctx[-1:]
    return before.isalpha() or (before in _GLUE and ctx[-2:-1].isalpha())


# Prefixes that English sets with a hyphen and never as a word of their own
# ("anti-Japanese", "pro-American", "intra-party", "self-criticism").
BOUND_PREFIXES = ("anti", "non", "pro", "pre", "intra", "semi", "quasi", "neo", "self")


def _bound_prefix(ctx: str) -> bool:
    """Whether the text so far ends in a whole word that is a bound prefix.

    >>> [_bound_prefix(c) for c in ("the anti", "“pro", "Anti", "panti")]
    [True, True, True, False]
    """
    for prefix in BOUND_PREFIXES:
        n = len(prefix)
        before = ctx[-n - 1 : -n] if len(ctx) > n else ""
        if ctx[-n:].lower() == prefix and not before.isalnum():
            return True
    return False


def _plain_word_before(path: tuple | None, reach: int = 40) -> bool:
    """Whether the text written on ``path`` ends in ", " after a word that is not
    capitalised (a common word or a number, not a name); the line's own text only.

    >>> path = None
    >>> for i, t in enumerate(["the", " ", "time", ",", " "]):
    ...     path = (path, i, t, "", "")
    >>> _plain_word_before(path)
    True
    >>> _plain_word_before(((None, 0, "Kim", "", ""), 1, ", ", "", ""))
    False
    """
    tail = ""
    while path is not None and len(tail) < reach:
        path, _, text, _, _ = path
        tail = text + tail
    words = tail[:-2].split()
    if not tail.endswith(", ") or not words or (path is not None and len(words) < 2):
        return False  # no comma, or the word before it is cut off
    return not words[-1].lstrip("“‘([")[:1].isupper()


def _sentence_gap(ctx: str) -> bool:
    """Whether the text so far ends in a sentence stop and one space, where a typewriter
    set a second space (the corpus's line 1966: "correct the problems.  When").

    >>> _sentence_gap("the problems. "), _sentence_gap("the problems "), _sentence_gap("No. 0 ")
    (True, False, False)
    """
    return ctx[-2:] in (". ", "? ", "! ") and ctx[-3:-2].isalpha()


def _footnote_cost(ctx: str, reading: _Reading, state: bool | None, model: RepairModel) -> float:
    """Cost (or refund) of a digit reading, given how the page set footnote numbers.

    Note numbers are set in a font the damage did not touch, glued to the word
    or mark before them (line 263: ``JUDLQ\ufffd6`` is "grain.6", note 6). So
    a *lost* digit glued to a word is unlikely, and a *clean* digit glued to a
    damaged word is a note number: that change of font is no switch of state.
    """
    if reading.shifted:
        return -model.footnote_penalty if _glued(ctx) else 0.0
    if state is True and _glued(ctx):
        return model.switch_penalty  # refund
    return 0.0


def _decode(
    raw: str,
    model: RepairModel,
    before: str,
    after: str,
    depth: int = 0,
) -> tuple[list, float]:
    """Best reading of ``raw``: a list of (column, text, kinds, event) and its posterior."""
    lm = model.lm
    keep = lm.order - 1
    start = (BOUNDARY * keep + before)[-keep:] if keep else ""
    # key: (shifted?, model context, what the last raw character did: see _after)
    beam: dict[tuple, _Hyp] = {(None, start, "", depth): _Hyp(0.0, 0.0, None)}
    tail = len(raw.rstrip(" \t"))
    for i in range(len(raw)):
        readings = _readings(raw, i)
        tail_space = raw[i] in " \t"
        nxt: dict[tuple, _Hyp] = {}
        for (state, ctx, last, depth), hyp in beam.items():
            for r in readings:
                cost = 0.0
                if state is not None and state != r.shifted and not (tail_space and i >= tail):
                    # (whitespace that ends the line may be the clean font's: no switch)
                    cost = -model.switch_penalty
                if r.symbols == DIGIT and model.footnote_penalty:
                    cost += _footnote_cost(ctx, r, state, model)
                elif (
                    r.shifted
                    and state is False
                    and ctx[-1:] == DIGIT
                    and model.footnote_penalty
                    and _glued(ctx.rstrip(DIGIT))
                ):
                    # leaving a note number for the damaged text that goes on: no switch
                    cost += model.switch_penalty
                new_ctx, event = ctx, ""
                text, kinds = r.text, r.kinds
                if r.text == "-" and r.kinds == KIND_INFERRED and i == tail - 1:
                    # A hyphen that breaks a word survives as a real '-'; a lost one at
                    # the line end can only be a compound's own ("self-" + "criticism").
                    cost -= model.line_end_hyphen_penalty
                if r.text[:1].isupper() and ctx[-2:] == ", " and _plain_word_before(hyp.path):
                    # "time, Former" is rarer than "time. Former"; after a name a
                    # comma and a capital are a list ("Han Sangdu, Yi Ilkyeong").
                    cost -= model.comma_capital_penalty
                if r.kinds == KIND_INFERRED and r.text == "-" and _bound_prefix(ctx):
                    # "anti", "non", "pro" ... do not stand alone in English prose.
                    cost += model.prefix_hyphen_bonus
                if r.kinds == KIND_INFERRED and r.text == "(" and ctx[-1:].isalnum():
                    # Prose opens a parenthesis after a space, not glued to a word
                    # ("A(I. Hegai" is no typesetting); only code writes "f(x)".
                    cost -= model.glued_paren_penalty
                if r.kinds == KIND_INFERRED and r.text in _NO_DOUBLE and ctx[-1:] == r.text:
                    # ".." or ",," is no typesetting (an ellipsis has its own mark, «)
                    continue
                if r.justifiable and last == _PUNCT and i < tail:
                    # In the damage a real space follows only a word space, so a
                    # U+FFFD read as punctuation cannot be followed by one.
                    continue
                if r.word_space and last == _WORD_SPACE and not _sentence_gap(ctx):
                    # Two lost spaces in a row: layout, not prose, and rarer than the
                    # model (which has seen tabbed headers) would say. Not so after a
                    # full stop, where typewritten text sets two.
                    cost -= model.space_run_penalty
                if r.justifiable and last == _WORD_SPACE and i < tail:
                    # The justification space after a word space: dropped, at no cost.
                    text, kinds, event = "", "", "dropped"
                elif r.word_space and last == _REAL_SPACE:
                    # A word space right after real whitespace: one space is enough,
                    # but it is scored as the double space it would have been.
                    cost += lm.logprob(ctx, " ")
                    text, kinds, event = "", "", "merged"
                else:
                    for sym in r.symbols:
                        cost += lm.logprob(new_ctx, sym)
                        new_ctx = (new_ctx + sym)[-keep:] if keep else ""
                new_depth = depth
                if text and model.paren_bonus and ("(" in text or ")" in text):
                    extra, new_depth = _paren_cost(r.symbols, depth, model)
                    cost += extra
                key = (r.shifted, new_ctx, _after(raw[i], r, event), new_depth)
                best = hyp.best + cost
                total = hyp.total + cost
                old = nxt.get(key)
                if old is None:
                    nxt[key] = _Hyp(best, total, (hyp.path, i, text, kinds, event))
                else:
                    old.total = _logaddexp(old.total, total)
                    if best > old.best:
                        old.best = best
                        old.path = (hyp.path, i, text, kinds, event)
        beam = _prune(nxt, model)
    finals: list[tuple[float, float, _Hyp]] = []
    for (_, ctx, _, _), hyp in beam.items():
        tail = lm.score(ctx, after)
        finals.append((hyp.best + tail, hyp.total + tail, hyp))
    best_score, _, best_hyp = max(finals, key=lambda f: f[0])
    norm = finals[0][1]
    for f in finals[1:]:
        norm = _logaddexp(norm, f[1])
    steps = []
    node = best_hyp.path
    while node is not None:
        node, i, text, kinds, event = node
        steps.append((i, text, kinds, event))
    steps.reverse()
    return steps, min(1.0, math.exp(best_score - norm))


def _prune(beam: dict[tuple, _Hyp], model: RepairModel) -> dict[tuple, _Hyp]:
    """Keep at most ``beam_width`` hypotheses, none worse than the best by ``beam_margin``."""
    if len(beam) <= 1:
        return beam
    top = max(h.best for h in beam.values())
    floor = top - model.beam_margin
    kept = [(k, h) for k, h in beam.items() if h.best >= floor]
    if len(kept) > model.beam_width:
        kept.sort(key=lambda kh: kh[1].best, reverse=True)
        kept = kept[: model.beam_width]
    return dict(kept)


# --- the public functions ---------------------------------------------------


def _unchanged(raw: str) -> RepairedLine:
    """``raw`` read as the line it is: clean, but for any lost character it shows.

    >>> _unchanged("work \ufffd days").kinds
    'ccccclccccc'
    """
    kinds = "".join(KIND_LOST if ch == FFFD else KIND_CLEAN for ch in raw)
    return RepairedLine(raw, raw, kinds, 1.0, False, tuple(range(len(raw))))


def _left_context(before: str, keep: int) -> str:
    """The model context at the start of a line that follows the text ``before``."""
    if not before:
        return BOUNDARY * keep
    return (BOUNDARY * keep + lm_symbols(before[-keep:]) + BOUNDARY)[-keep:] if keep else ""


def repair_line(
    raw: str, *, before: str = "", after: str | None = None, model: RepairModel | None = None
) -> RepairedLine:
    """Repair one raw line; ``before``/``after`` are the neighbouring lines' text, if known
    (``after=None``: the next line is not known; ``""``: it is blank).

    A line without a damaged run comes back unchanged, whatever it holds: a word
    that only looks shifted is not guessed at, since text that was never damaged
    can look the same ("see the 'API' docs"):

    >>> repair_line("the ministry of foreign DIIDLUV said").text
    'the ministry of foreign DIIDLUV said'
    >>> repair_line("see the 'API' docs; set 'LC_ALL' and 'HOME'; .eh_frame").text
    "see the 'API' docs; set 'LC_ALL' and 'HOME'; .eh_frame"
    >>> repair_line("the KWP CC and the DPRK MFA").text
    'the KWP CC and the DPRK MFA'

    >>> repair_line("Federation (AVPRF).2 the DPRK, KWP CC, RGANI").text
    'Federation (AVPRF).2 the DPRK, KWP CC, RGANI'

    Damage that starts inside a line (line 254 of the corpus); the clean
    prefix and its footnote digit are kept:

    >>> repair_line("Federation (AVPRF).2\ufffd+H\ufffdVWURQJO\\\\\ufffd").text
    'Federation (AVPRF).2 He strongly '

    A lost digit stays lost; a ligature comes back:

    >>> repair_line("DIWHU\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdWKH\ufffd¿UVW\ufffd").text
    'after \ufffd\ufffd\ufffd\ufffd, the first '
    """
    if not shows_damage(raw):
        return _unchanged(raw)
    model = model or default_model()
    keep = model.lm.order - 1
    left = _left_context(before, keep)
    # The next line's start (and, if it is short, the break after it: a blank
    # line after this one says a paragraph ends here).
    right = BOUNDARY if after is None else BOUNDARY + lm_symbols((after + BOUNDARY)[:keep])
    steps, confidence = _decode(raw, model, left, right, _open_paren(before[-300:]))
    text, kinds, origins, dropped = [], [], [], []
    for i, t, k, event in steps:
        text.append(t)
        kinds.append(k)
        origins.extend([i] * len(t))
        if event == "dropped":
            dropped.append(i)
    return RepairedLine(
        raw=raw,
        text="".join(text),
        kinds="".join(kinds),
        confidence=round(confidence, 6),
        damaged=True,
        origins=tuple(origins),
        dropped=tuple(dropped),
        _context=(left, right),
        _model=model,
    )


def _tail(window: Iterable[str], keep: int) -> str:
    """The last ``keep`` or more characters of the lines in ``window`` (oldest first),
    joined by line breaks: whole lines, back to the first that reaches past ``keep``."""
    parts: list[str] = []
    size = 0
    for text in reversed(list(window)):
        if size > keep:
            break
        parts.append(text)
        size += len(text) + 1
    return "\n".join(reversed(parts))


# How much of the text before a line the repair reads it with.
BEFORE = 200


class _Window:
    """The texts of the last lines, enough to give :data:`BEFORE` characters of context."""

    def __init__(self) -> None:
        self.lines: deque[str] = deque()
        self.size = 0

    def push(self, text: str) -> None:
        self.lines.append(text)
        self.size += len(text) + 1
        # Keep the newest lines while the others alone still reach past BEFORE.
        while self.lines and self.size - len(self.lines[0]) - 1 > BEFORE:
            self.size -= len(self.lines.popleft()) + 1

    def tail(self) -> str:
        return _tail(self.lines, BEFORE)


def iter_repair(
    lines: Iterable[str], *, model: RepairModel | None = None
) -> Iterator[RepairedLine]:
    """Repair lines one after another, each read with its neighbours as context, yielding
    each repaired line as soon as it is known (two lines after it has been read) and
    keeping only a few lines in memory, however long the input.

    A damaged line is first read knowing how the next line starts if that line is clean
    (its text), and with the first readings of the lines before it; when the next line
    is damaged too, the line is read again knowing the next line's first reading and
    the final readings before it (a second pass, done two lines behind the first).

    >>> [r.text for r in iter_repair(["in the town of Hyesanjin", "WKH\ufffdWRZQ\ufffd", "while"])]
    ['in the town of Hyesanjin', 'the town ', 'while']
    """
    first = _Window()  # texts as the first pass left them
    final = _Window()  # texts as they will be written
    # Lines read by the first pass and not yet written: (raw, damaged, first reading,
    # the final texts' context before it is taken when it is written).
    pending: deque[tuple[str, bool, RepairedLine]] = deque()
    waiting: tuple[str, bool] | None = None  # the last raw line, its next not yet seen

    def first_pass(raw: str, damaged: bool, after: str | None) -> RepairedLine:
        nonlocal model
        if not damaged:
            result = _unchanged(raw)
        else:
            if model is None:
                model = default_model()  # trained or loaded only when a line needs it
            result = repair_line(raw, before=first.tail(), after=after, model=model)
        first.push(result.text)
        return result

    def write(next_line: tuple[str, bool, RepairedLine] | None) -> RepairedLine:
        raw, damaged, result = pending.popleft()
        if damaged and next_line is not None and next_line[1]:
            result = repair_line(
                raw, before=final.tail(), after=next_line[2].text or "", model=model
            )
        final.push(result.text)
        return result

    for raw in lines:
        if not isinstance(raw, str):
            raise TypeError("repair_lines takes lines of text (str); decode bytes as UTF-8 first")
        damaged = shows_damage(raw)
        if waiting is not None:
            before_raw, before_damaged = waiting
            after = raw if not damaged else None
            pending.append(
                (before_raw, before_damaged, first_pass(before_raw, before_damaged, after))
            )
            if len(pending) == 2:
                yield write(pending[1])
        waiting = (raw, damaged)
    if waiting is not None:
        pending.append((waiting[0], waiting[1], first_pass(waiting[0], waiting[1], None)))
    while pending:
        yield write(pending[1] if len(pending) > 1 else None)


def repair_lines(lines: Iterable[str], *, model: RepairModel | None = None) -> list[RepairedLine]:
    """Repair many lines, each read with its neighbours as context (one shared model):
    :func:`iter_repair`, as a list.

    >>> [r.text for r in repair_lines(["in the town of Hyesanjin", "WKH\ufffdWRZQ\ufffd", "while"])]
    ['in the town of Hyesanjin', 'the town ', 'while']
    """
    return list(iter_repair(lines, model=model))


_CORPUS: list[RepairedLine] | None = None


def repair_corpus() -> list[RepairedLine]:
    """The repair of every line of the raw corpus (2631 items), computed once per process."""
    global _CORPUS
    if _CORPUS is None:
        from august1956.text.source import read_raw_lines

        _CORPUS = repair_lines(read_raw_lines())
    return list(_CORPUS)


# --- explanations -----------------------------------------------------------


def _choices(line: RepairedLine) -> list[Choice]:
    """Local alternatives for each U+FFFD, the rest of the repair held fixed."""
    model = line._model or default_model()
    lm = model.lm
    keep = lm.order - 1
    left0, right0 = line._context
    left0 = left0 or BOUNDARY * keep
    symbols = lm_symbols(line.text)
    # Where each raw column's output starts in the text.
    starts: dict[int, int] = {}
    for pos, col in enumerate(line.origins):
        starts.setdefault(col, pos)
    out: list[Choice] = []
    for col, ch in enumerate(line.raw):
        if ch != FFFD:
            continue
        pos = starts.get(col)
        if pos is None:  # merged into a neighbouring space
            out.append(Choice(col, "", ()))
            continue
        chosen = line.text[pos]
        left = (left0 + symbols[:pos])[-keep:]
        rest = symbols[pos + 1 : pos + 1 + keep]
        tail_len = keep - len(rest)
        rest = (rest + right0[:tail_len]) if tail_len > 0 else rest
        justified = col + 1 in line.dropped
        scores: list[tuple[str, float]] = []
        last = col == len(line.raw.rstrip(" \t")) - 1
        for reading, sym in [(p, p) for p in PUNCTUATION] + [(FFFD, DIGIT)]:
            # a lost line-end hyphen is weighed as the decoder weighs it
            s = -model.line_end_hyphen_penalty if last and reading == "-" else 0.0
            # A non-space reading would have kept the justification space after it.
            follow = (" " + rest) if justified and reading != " " else rest
            s += lm.logprob(left, sym) + lm.score((left + sym)[-keep:], follow)
            scores.append((reading, s))
        top = max(s for _, s in scores)
        z = sum(math.exp(s - top) for _, s in scores)
        ranked = sorted(((r, math.exp(s - top) / z) for r, s in scores), key=lambda x: -x[1])
        out.append(Choice(col, chosen, tuple((r, round(p, 4)) for r, p in ranked[:3])))
    return out


def _spans(columns: Iterable[int]) -> str:
    """Sorted 0-based columns as 1-based ranges.

    >>> _spans([0, 1, 2, 5, 7, 8])
    '1-3, 6, 8-9'
    """
    cols = sorted(set(columns))
    parts: list[str] = []
    i = 0
    while i < len(cols):
        j = i
        while j + 1 < len(cols) and cols[j + 1] == cols[j] + 1:
            j += 1
        parts.append(f"{cols[i] + 1}" if i == j else f"{cols[i] + 1}-{cols[j] + 1}")
        i = j + 1
    return ", ".join(parts)


def _name(reading: str) -> str:
    return {" ": "space", FFFD: "lost digit", "": "merged"}.get(reading, repr(reading))


def _explain(line: RepairedLine) -> str:
    if not line.damaged:
        return "clean line, unchanged (no damage marks)"
    rows = [
        f"damaged line, confidence {line.confidence:.2f}",
        f"  raw:  {line.raw!r}",
        f"  text: {line.text!r}",
    ]
    by_kind: dict[str, set[int]] = {}
    for col, k in zip(line.origins, line.kinds, strict=True):
        by_kind.setdefault(k, set()).add(col)
    restored = by_kind.get(KIND_RESTORED, set())
    if restored:
        marks = sorted(c for c in restored if line.raw[c] in MARKS)
        n = len(restored)
        what = f"restored {n} shifted character{'s' if n != 1 else ''}"
        if marks:
            what += f" ({len(marks)} ligature or quote mark{'s' if len(marks) != 1 else ''})"
        rows.append(f"  {what} (columns {_spans(restored)})")
    choices = line.choices()
    spaces = [c for c in choices if c.reading == " "]
    if spaces:
        where = _spans(c.column for c in spaces)
        rows.append(f"  inferred {len(spaces)} U+FFFD as spaces (columns {where})")
    for c in choices:
        unsure = c.alternatives and c.alternatives[0][1] < 0.9
        if c.reading in (" ", FFFD) and not unsure:
            continue
        if c.reading == "":
            rows.append(f"  column {c.column + 1}: U+FFFD merged into the space beside it")
            continue
        alts = "; ".join(f"{_name(r)} {p:.2f}" for r, p in c.alternatives)
        rows.append(f"  column {c.column + 1}: U+FFFD read as {_name(c.reading)} ({alts})")
    lost = [c.column for c in choices if c.reading == FFFD]
    if lost:
        rows.append(
            f"  kept {len(lost)} U+FFFD as lost digit{'s' if len(lost) != 1 else ''} "
            f"(columns {_spans(lost)}): a lost digit cannot be recovered"
        )
    if line.dropped:
        n, where = len(line.dropped), _spans(line.dropped)
        rows.append(f"  dropped {n} justification space{'s' if n != 1 else ''} (columns {where})")
    spaces_in_raw = {c for c, ch in enumerate(line.raw) if ch in " \t"}
    clean = by_kind.get(KIND_CLEAN, set()) - spaces_in_raw
    if clean:
        rows.append(f"  kept clean (not shifted): columns {_spans(clean)}")
    return "\n".join(rows)


# --- command line -----------------------------------------------------------


def cli(argv: list[str]) -> int:
    """``python -m august1956 repair [--explain]``: repair stdin to stdout, line for line."""
    parser = argparse.ArgumentParser(
        prog="python -m august1956 repair",
        description="Read font-shifted text on standard input and write its repair on "
        "standard output, line for line (as many lines out as in).",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="instead of the text, report each damaged line: its number, its repair, "
        "what changed and how sure the repair is",
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        return int(exc.code or 0)
    ends: deque[str] = deque()  # each line's Windows "\r", kept out of the repair's way
    out = sys.stdout.buffer
    written = 0
    try:
        for n, line in enumerate(iter_repair(_stdin_lines(sys.stdin.buffer, ends)), start=1):
            end = ends.popleft()
            if args.explain:
                if line.damaged:
                    block = f"line {n}: {line.text}\n{line.explain()}\n"
                    out.write((("\n" if written else "") + block).encode("utf-8"))
                    written += 1
            else:
                out.write(("\n" if n > 1 else "").encode() + (line.text + end).encode("utf-8"))
            out.flush()  # each line as soon as it is known
    except _NotUTF8 as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.explain and not written:
        out.write(b"no damaged lines\n")
    out.flush()
    return 0


class _NotUTF8(ValueError):
    """A line of standard input that is not UTF-8."""


def _stdin_lines(stream, ends: deque[str]) -> Iterator[str]:
    """The lines of a byte stream as text, without their line ends, read one at a time:
    "a\nb" and "a\nb\n" give ["a", "b"] and ["a", "b", ""], as ``str.split`` would, so
    that writing the lines back joined by "\n" gives the input's ends again. A line's
    Windows "\r" goes to ``ends``."""
    last = b"\n"
    for n, chunk in enumerate(stream, start=1):
        last = chunk
        body = chunk[:-1] if chunk.endswith(b"\n") else chunk
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _NotUTF8(
                f"error: line {n} of standard input is not UTF-8 (byte {exc.start + 1} of the "
                f"line is {body[exc.start : exc.start + 1]!r}); the lines before it were "
                "written. Convert the input first, e.g. "
                "`iconv -f latin1 -t utf-8 FILE | python -m august1956 repair`."
            ) from None
        ends.append("\r" if text.endswith("\r") else "")
        yield text[:-1] if text.endswith("\r") else text
    if last.endswith(b"\n"):  # after a final line end (or no input at all): an empty line
        ends.append("")
        yield ""
