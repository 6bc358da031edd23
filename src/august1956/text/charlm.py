"""A character language model: interpolated Kneser-Ney n-grams, in plain Python.

The repair stage asks one question many thousand times: how likely is this
character after these few characters? A character n-gram model trained on the
corpus's own clean lines answers it well enough to tell "the" from "WKH" and a
comma from a full stop, and it trains in well under a second.

Smoothing is modified Kneser-Ney (Chen and Goodman 1998): each order discounts
its counts by D1, D2 or D3+ (estimated from the counts of counts) and hands the
mass to the next shorter context, whose counts are *continuation* counts (in
how many different contexts a string was seen), down to a uniform floor over
the vocabulary. Unseen characters therefore get a small, never zero,
probability.

>>> lm = CharLM.train(["the cat sat on the mat", "the hat"], order=3)
>>> lm.logprob("th", "e") > lm.logprob("th", "x")
True
>>> round(lm.perplexity("the mat"), 2) < round(lm.perplexity("xqz zqx"), 2)
True
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# Line starts and ends are part of what the model learns ("-" before a line
# break, a capital after one), so the line break is a symbol, and contexts at
# the very start of a text are padded with it.
BOUNDARY = "\n"

# How many sightings of a context in the corpus halve the general model's weight there.
AUX_TRUST = 3.0

# Room for characters the training text never showed: the uniform floor is
# 1 / (seen symbols + this), so an unseen symbol stays possible but costly.
UNSEEN_ROOM = 64


def _discounts(counts: Iterable[int]) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts D1, D2, D3+ from the counts of counts.

    >>> _discounts([1, 1, 1, 1, 2, 2, 3, 4])
    (0.5, 1.25, 1.0)
    """
    n = Counter(min(c, 4) for c in counts)
    n1, n2, n3, n4 = (n.get(k, 0) for k in (1, 2, 3, 4))
    if not (n1 and n2 and n3 and n4):
        # Too little data for the estimate (tiny training texts): the classic 0.75.
        return (0.75, 0.75, 0.75)
    y = n1 / (n1 + 2 * n2)
    d1 = 1 - 2 * y * n2 / n1
    d2 = 2 - 3 * y * n3 / n2
    d3 = 3 - 4 * y * n4 / n3
    # Clamp to the range where the estimates are meaningful.
    return (min(max(d1, 0.05), 1.0), min(max(d2, 0.05), 2.0), min(max(d3, 0.05), 3.0))


def _table(ngrams: dict[str, int]) -> tuple[dict[str, float], dict[str, float]]:
    """Turn counts of n-grams (all of one length) into discounted contexts: the discounted
    mass of each n-gram, and for each context the back-off weight it hands on.

    >>> mass, handed = _table({"ab": 3, "ac": 1})
    >>> round(mass["ab"], 3), round(mass["ac"], 3), round(handed["a"], 3)
    (0.562, 0.062, 0.375)
    """
    d1, d2, d3 = _discounts(ngrams.values())
    totals: Counter[str] = Counter()
    for gram, count in ngrams.items():
        totals[gram[:-1]] += count
    mass: dict[str, float] = {}
    handed: dict[str, float] = dict.fromkeys(totals, 0.0)
    for gram, count in ngrams.items():
        context = gram[:-1]
        total = totals[context]
        d = d1 if count == 1 else d2 if count == 2 else d3
        d = min(d, count)
        mass[gram] = (count - d) / total
        handed[context] += d / total
    return mass, handed


# How many probabilities a model remembers before it starts again: the memo makes the
# repair fast on a corpus, where contexts repeat, and must not grow without end on a large
# input, where they do not. At 100,000 (about 20 MB a model) the whole corpus's repair
# takes about 15% more CPU time than with room for all its 250,000 contexts, and past the
# first thousand damaged lines memory grows little (reports/command_benchmark.md).
MEMO_LIMIT = 100_000


def _remember(memo: dict, key: tuple[str, str], value: float) -> None:
    """Keep ``value`` in ``memo``, emptying it first when it is full: memory stays bounded
    whatever the input, and a forgotten value is only computed again."""
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = value


# A saved table is its keys joined by a separator that no key holds, and its values as
# one array of machine numbers: loading makes the dictionary in a few C loops.


def _separator(vocabulary: Iterable[str]) -> str:
    """A character outside ``vocabulary`` (the first free one of Unicode's private use area).

    >>> _separator("ab\ue000") == "\ue001"
    True
    """
    taken = set(vocabulary)
    return next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in taken)


def _pack(table: dict[str, float] | dict[str, int], typecode: str, sep: str) -> tuple[str, bytes]:
    return sep.join(table), array(typecode, table.values()).tobytes()


def _unpack(packed: tuple[str, bytes], typecode: str, sep: str) -> dict:
    """The dictionary :func:`_pack` packed.

    >>> packed = _pack({"": 0.5, "ab": 0.25}, "d", "|")
    >>> _unpack(packed, "d", "|"), _unpack(_pack({}, "q", "|"), "q", "|")
    ({'': 0.5, 'ab': 0.25}, {})
    """
    keys, data = packed
    values = array(typecode)
    values.frombytes(data)
    return dict(zip(keys.split(sep), values, strict=True)) if values else {}


@dataclass
class CharLM:
    """An order-``n`` character model; ``logprob`` is the natural log of P(symbol | context).

    Build one with :meth:`train`. Only the last ``order - 1`` characters of a
    context matter; shorter contexts are padded with line breaks.
    """

    order: int
    vocabulary: frozenset[str]
    # tables[k], for contexts of length k: (the discounted mass of each context + next
    # symbol, the back-off weight of each context: the mass handed to the shorter one).
    # Flat dictionaries of plain strings and floats, quick to save and load (see `state`).
    tables: list[tuple[dict[str, float], dict[str, float]]]
    # How often each full context (order - 1 characters) was seen in training.
    seen: dict[str, int] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    @classmethod
    def train(cls, texts: Iterable[str], order: int = 7) -> CharLM:
        """Count every n-gram up to ``order`` in ``texts`` (each text padded at its start).

        >>> lm = CharLM.train(["abab"], order=2)
        >>> lm.logprob("a", "b") > lm.logprob("a", "a")
        True
        """
        if order < 1:
            raise ValueError(f"order must be at least 1, got {order}")
        pad = BOUNDARY * (order - 1)
        padded = [pad + t for t in texts]
        if not any(t.strip() for t in padded):
            raise ValueError("cannot train a character model on empty text: give it some lines")
        highest: Counter[str] = Counter()
        for text in padded:
            highest.update(text[i : i + order] for i in range(len(text) - order + 1))
        vocabulary = frozenset(ch for t in padded for ch in t)
        # Lower orders count continuations: the number of distinct symbols seen
        # just before a string, not how often it occurred (Kneser-Ney's insight:
        # "Francisco" is frequent but follows almost only "San").
        levels: list[dict[str, int]] = [dict(highest)]
        for _ in range(order - 1):
            longer = levels[-1]
            continuation: Counter[str] = Counter(gram[1:] for gram in longer)
            levels.append(dict(continuation))
        levels.reverse()  # levels[k] now holds n-grams of length k + 1
        tables = [_table(level) for level in levels]
        seen: Counter[str] = Counter()
        for gram, count in highest.items():
            seen[gram[:-1]] += count
        return cls(order=order, vocabulary=vocabulary, tables=tables, seen=dict(seen))

    def state(self) -> tuple:
        """The trained model as a few strings and byte strings, which :mod:`marshal` saves
        and loads quickly; :meth:`from_state` makes the model again, the same to the bit.

        >>> lm = CharLM.train(["the cat sat"], order=3)
        >>> again = CharLM.from_state(lm.state())
        >>> again.logprob("ca", "t") == lm.logprob("ca", "t")
        True
        """
        sep = _separator(self.vocabulary)
        tables = [(_pack(mass, "d", sep), _pack(handed, "d", sep)) for mass, handed in self.tables]
        vocabulary = "".join(sorted(self.vocabulary))
        return (self.order, vocabulary, sep, tables, _pack(self.seen, "q", sep))

    @classmethod
    def from_state(cls, state: tuple) -> CharLM:
        order, vocabulary, sep, tables, seen = state
        return cls(
            order,
            frozenset(vocabulary),
            [(_unpack(mass, "d", sep), _unpack(handed, "d", sep)) for mass, handed in tables],
            _unpack(seen, "q", sep),
        )

    def logprob(self, context: str, symbol: str) -> float:
        """Natural log of the probability of ``symbol`` right after ``context``."""
        key = (context[len(context) - self.order + 1 :] if self.order > 1 else "", symbol)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        context = key[0]
        if len(context) < self.order - 1:
            context = BOUNDARY * (self.order - 1 - len(context)) + context
        p = 1.0 / (len(self.vocabulary) + UNSEEN_ROOM)
        for k, (mass, handed) in enumerate(self.tables):
            tail = context[len(context) - k :] if k else ""
            weight = handed.get(tail)
            if weight is not None:
                p = mass.get(tail + symbol, 0.0) + weight * p
        value = math.log(p)
        _remember(self._memo, key, value)
        return value

    def score(self, context: str, text: str) -> float:
        """Sum of log probabilities of ``text`` read after ``context``.

        >>> lm = CharLM.train(["one two three"], order=3)
        >>> lm.score("", "one") > lm.score("", "eno")
        True
        """
        total = 0.0
        for ch in text:
            total += self.logprob(context, ch)
            context = (context + ch)[-(self.order - 1) :] if self.order > 1 else ""
        return total

    def perplexity(self, text: str) -> float:
        """Per-character perplexity of ``text`` read from a line start (lower is better)."""
        if not text:
            raise ValueError("perplexity of an empty text is undefined: give some characters")
        return math.exp(-self.score("", text) / len(text))


# --- a shape back-off: what kind of character comes next ---------------------


def shape(ch: str) -> str:
    """The shape class of a character: 'A' upper-case letter, 'a' lower-case, '0' digit,
    anything else itself.

    >>> "".join(shape(c) for c in "Kim Il Sung, 1956.")
    'Aaa Aa Aaaa, 0000.'
    """
    if ch.isupper():
        return "A"
    if ch.islower():
        return "a"
    if ch.isdigit():
        return "0"
    return ch


def _in_capitals(context: str) -> bool:
    """Whether the last two letters of ``context`` are capitals (a header, an abbreviation).

    >>> _in_capitals("TO THE "), _in_capitals("said He "), _in_capitals("the KWP ")
    (True, False, True)
    """
    letters = [c for c in context if c.isalpha()][-2:]
    return len(letters) == 2 and letters[0].isupper() and letters[1].isupper()


@dataclass
class ShapeMixLM:
    """A character model mixed with a model of character *shapes*.

    The corpus's clean lines are a biased sample: the broken font struck
    exactly the lines with ligatures, and many with "He" or "However", so the
    clean text never shows a capital H after a full stop, nor "fi". A pure
    character model then finds such text very unlikely and prefers odd
    readings whose rarer contexts back off more gently. Mixing in
    P(shape | previous shapes) x P(character | shape) keeps a capital after
    ". " likely whatever letter it is.

    >>> texts = ["The cat. A dog. The end.", "Say it. The rest."]
    >>> mix = ShapeMixLM.train(texts, order=4)
    >>> mix.logprob("dog. ", "H") > mix.chars.logprob("dog. ", "H")
    True
    """

    chars: CharLM
    shapes: CharLM
    within: dict[str, dict[str, float]]  # shape -> character -> probability
    folded: CharLM  # the same text in lower case
    weight: float = 0.7  # of the character model; the rest is shared by the other two
    # A model of general English, mixed into the character model with ``aux_weight``:
    # the corpus's clean lines rarely show "(", ";" or ":" after a word.
    aux: CharLM | None = None
    aux_weight: float = 0.0
    _memo: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    @property
    def order(self) -> int:
        return self.chars.order

    @classmethod
    def train(
        cls,
        texts: Iterable[str],
        order: int = 7,
        weight: float = 0.7,
        aux: CharLM | None = None,
        aux_weight: float = 0.2,
    ) -> ShapeMixLM:
        """Train on ``texts``; ``aux``, if given, is mixed into the character model.

        >>> general = CharLM.train(["(see below); and (see above): done"], order=4)
        >>> plain = ShapeMixLM.train(["the cat sat. the dog sat."], order=4)
        >>> mixed = ShapeMixLM.train(["the cat sat. the dog sat."], order=4, aux=general)
        >>> mixed.logprob("dog ", "(") > plain.logprob("dog ", "(")
        True
        """
        if aux is not None and not 0.0 <= aux_weight < 1.0:
            raise ValueError(f"aux_weight must be in [0, 1), got {aux_weight}")
        texts = list(texts)
        chars = CharLM.train(texts, order=order)
        shapes = CharLM.train(["".join(shape(c) for c in t) for t in texts], order=order)
        # Headers in capitals ("TO THE CENTRAL COMMITTEE") are rare in the clean
        # text, but their words are not: a lower-case model reads them, and the
        # shape model says how likely a capital is there.
        folded = CharLM.train([t.lower() for t in texts], order=order)
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for t in texts:
            for c in t:
                counts[shape(c)][c] += 1
        # Letters: half by frequency, half uniform over the 26 of the alphabet,
        # so that a letter the clean text rarely shows in that case (H) is not starved.
        alphabet = {"A": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "a": "abcdefghijklmnopqrstuvwxyz"}
        within: dict[str, dict[str, float]] = {}
        for s, counter in counts.items():
            total = sum(counter.values())
            members = set(counter) | set(alphabet.get(s, ""))
            probs = {c: counter.get(c, 0) / total for c in members}
            if s in alphabet:
                probs = {c: 0.5 * p + 0.5 / len(members) for c, p in probs.items()}
            within[s] = probs
        return cls(chars, shapes, within, folded, weight, aux, aux_weight if aux else 0.0)

    def state(self) -> dict:
        """The trained mixture as plain data (see :meth:`CharLM.state`).

        >>> mix = ShapeMixLM.train(["The cat. A dog."], order=3)
        >>> ShapeMixLM.from_state(mix.state()).logprob("A ", "d") == mix.logprob("A ", "d")
        True
        """
        return {
            "chars": self.chars.state(),
            "shapes": self.shapes.state(),
            "within": self.within,
            "folded": self.folded.state(),
            "weight": self.weight,
            "aux": self.aux.state() if self.aux is not None else None,
            "aux_weight": self.aux_weight,
        }

    @classmethod
    def from_state(cls, state: dict) -> ShapeMixLM:
        aux = CharLM.from_state(state["aux"]) if state["aux"] is not None else None
        return cls(
            CharLM.from_state(state["chars"]),
            CharLM.from_state(state["shapes"]),
            state["within"],
            CharLM.from_state(state["folded"]),
            state["weight"],
            aux,
            state["aux_weight"],
        )

    def logprob(self, context: str, symbol: str) -> float:
        key = (context[len(context) - self.chars.order + 1 :], symbol)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        context = key[0]
        p_char = math.exp(self.chars.logprob(context, symbol))
        if self.aux is not None:
            # The general model speaks less where the corpus has seen this very
            # context often ("of Cde" is always followed by "."), fully where never.
            n = self.chars.seen.get(context[-self.chars.order + 1 :], 0)
            w = self.aux_weight * AUX_TRUST / (AUX_TRUST + n)
            p_aux = math.exp(self.aux.logprob(context, symbol))
            p_char = (1 - w) * p_char + w * p_aux
        s = shape(symbol)
        context_shapes = "".join(shape(c) for c in context)
        p_s = math.exp(self.shapes.logprob(context_shapes, s))
        inside = self.within.get(s, {}).get(symbol, 0.0)
        p_shape = p_s * inside
        rest = 1 - self.weight
        value = self.weight * p_char + rest * p_shape
        if _in_capitals(context):
            # Inside a run of capitals the words are read in lower case, and
            # the shape model says how likely a capital is here.
            p_fold = math.exp(self.folded.logprob(context.lower(), symbol.lower()))
            if s in ("A", "a"):
                other = math.exp(self.shapes.logprob(context_shapes, "a" if s == "A" else "A"))
                p_fold *= p_s / (p_s + other)
            value = self.weight * p_char + rest / 2 * p_shape + rest / 2 * p_fold
        value = math.log(value)
        _remember(self._memo, key, value)
        return value

    def score(self, context: str, text: str) -> float:
        total = 0.0
        keep = self.order - 1
        for ch in text:
            total += self.logprob(context, ch)
            context = (context + ch)[-keep:]
        return total

    def perplexity(self, text: str) -> float:
        if not text:
            raise ValueError("perplexity of an empty text is undefined: give some characters")
        return math.exp(-self.score("", text) / len(text))
