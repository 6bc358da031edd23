"""How well does the repair undo the font shift? Damage text whose truth is known, repair it, count.

Run from the repository root:

    .venv/bin/python benchmarks/repair_benchmark.py

It writes ``reports/repair_benchmark.json`` (read by the book's corpus chapter)
and ``reports/repair_benchmark.md``. Everything is seeded: two runs give the
same figures.

Two held-out sets, neither seen by the language model that repairs it:

(a) corpus: every 10th clean line of the raw corpus (by order among the clean
    lines). A model is trained for this set without those lines; each one is
    damaged and repaired between its real neighbours.
(b) outside: text that is not in the corpus at all: the prose of the project's
    research notes (historiography.md, jupyter-book.md, markdown stripped) and
    prose paragraphs from the Python standard library's own reference text
    (``pydoc_data.topics``, shipped with every CPython, read offline). It is
    set in lines like the corpus's and repaired with the shipped model.

The damage follows the corpus (see ``august1956.text.repair``): shifted letters,
U+FFFD for spaces, digits and most punctuation, Latin-1 marks for ligatures
and quotes, justification spaces after some word spaces, real line-end
hyphens, leading spaces kept, and damage that starts or stops mid-line (even
mid-word) in some lines.
"""

from __future__ import annotations

import difflib
import json
import os
import random
import re
import subprocess
import sys
import textwrap
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from august1956.text.repair import (
    FFFD,
    KIND_CLEAN,
    RepairModel,
    default_model,
    font_shift,
    is_damaged,
    repair_lines,
    train_model,
)
from august1956.text.source import read_raw_lines

ROOT = Path(__file__).resolve().parents[1]
# Prose not in the corpus for the outside set: copies kept in the repository (see its README).
OUTSIDE = ROOT / "benchmarks" / "data" / "outside"
SEED = 1956
HOLD_OUT_EVERY = 10
LINE_WIDTH = 62  # the corpus's typeset lines run to about 60-65 characters


# --- damage ----------------------------------------------------------------


@dataclass(frozen=True)
class Damaged:
    """A line damaged on purpose: the raw form, what a perfect repair gives, and where."""

    truth: str  # the clean line
    raw: str  # as the broken font would have left it
    expected: str  # truth with digits inside the damage as U+FFFD (they cannot be known)
    span: tuple[int, int]  # damaged columns of the truth, [start, end)
    lost: dict[int, str]  # raw column of each U+FFFD -> the truth character it hides


def damage(line: str, rng: random.Random) -> Damaged:
    """Damage ``line`` like the corpus: a run that covers it or starts/stops inside it."""
    n = len(line)
    shape = rng.random()
    if shape < 0.6 or n < 8:
        start, end = 0, n
    elif shape < 0.75:
        start, end = rng.randrange(1, n - 1), n  # clean prefix, damage to the end
    elif shape < 0.9:
        start, end = 0, rng.randrange(2, n)  # damage stops inside the line
    else:
        start = rng.randrange(1, n - 2)
        end = rng.randrange(start + 1, n)
    # How justified the line was: many lines have no extra space, some a few, some many.
    justify = rng.choice([0.0, 0.0, 0.2, 0.9])
    raw = line[:start]
    expected = line[:start]
    lost: dict[int, str] = {}
    i = start
    while i < end:
        ch = line[i]
        pair = line[i : i + 2]
        if pair in ("fi", "fl") and i + 1 < end:
            raw += font_shift(pair)
            expected += pair
            i += 2
            continue
        if (ch == "-" and i == n - 1) or ch == "\t" or (ch == " " and not line[:i].strip()):
            raw += ch  # line-end hyphens, tabs and a leading indent survive as they are
        elif ch.isdigit() and _note_number(line, i):
            raw += ch  # note numbers are set in a font the damage spared
            expected += ch
            i += 1
            continue
        else:
            stored = font_shift(ch)
            if stored == FFFD:
                lost[len(raw)] = ch
            raw += stored
            if ch == " " and i < n - 1 and rng.random() < justify:
                raw += " "  # a justification space after the word space
        expected += FFFD if ch.isdigit() else ch
        i += 1
    raw += line[end:]
    expected += line[end:]
    return Damaged(line, raw, expected, (start, end), lost)


def _note_number(line: str, i: int) -> bool:
    """Whether the digit at ``i`` is a note number: glued to a word, or to a mark after one."""
    j = i
    while j > 0 and line[j - 1].isdigit():
        j -= 1
    before = line[j - 1 : j]
    return before.isalpha() or (before in ".,;:)”’" and line[j - 2 : j - 1].isalpha())


# --- the texts ---------------------------------------------------------------


def strip_markdown(md: str) -> list[str]:
    """Prose paragraphs of a markdown file: no headings, tables, code or link targets."""
    paragraphs: list[str] = []
    current: list[str] = []
    in_code = False
    for line in md.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code or line.startswith(("#", "|")) or not line.strip():
            if current:
                paragraphs.append(" ".join(current))
            current = []
            continue
        text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line)  # list markers
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
        text = text.replace("**", "").replace("`", "")
        text = re.sub(r"\*([^*\s][^*]*)\*", r"\1", text)  # emphasis
        current.append(text.strip())
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def stdlib_prose(limit: int) -> list[str]:
    """Prose paragraphs of Python's reference text (``pydoc_data.topics``), in key order."""
    from pydoc_data.topics import topics

    out: list[str] = []
    for key in sorted(topics):
        for block in topics[key].split("\n\n"):
            lines = block.split("\n")
            if any(x.startswith(" ") for x in lines) or len(block) < 120:
                continue  # code, grammar, tables
            if re.search(r"[*=_{}<>|\\]|\.\.\.|::|^\s*[-*]", block):
                continue
            out.append(" ".join(x.strip() for x in lines))
            if len(out) >= limit:
                return out
    return out


def typeset_quotes(text: str) -> str:
    """Straight quotes as a typesetter sets them (the corpus is a typeset page: “ ” ’).

    >>> typeset_quotes('He said "no" and it\'s "final."')
    'He said “no” and it’s “final.”'
    """
    text = re.sub(r'(^|[\s(\[])"', "\\1“", text)
    text = text.replace('"', "”")
    text = re.sub(r"(^|[\s(\[])'", "\\1‘", text)
    return text.replace("'", "’")


def set_lines(paragraphs: list[str]) -> list[str]:
    """Paragraphs set in corpus-like lines: each line but a paragraph's last ends in a space."""
    out: list[str] = []
    for p in paragraphs:
        p = typeset_quotes(p)
        lines = textwrap.wrap(p, LINE_WIDTH, break_long_words=False, break_on_hyphens=False)
        out.extend(x + " " for x in lines[:-1])
        if lines:
            out.append(lines[-1])
        out.append("")
    return out


# --- scoring -----------------------------------------------------------------


@dataclass
class Tally:
    lines: int = 0
    lines_exact: int = 0
    words: int = 0
    words_right: int = 0
    damaged_words: int = 0
    damaged_words_right: int = 0
    invented_digits: int = 0
    wrong_digits: int = 0
    confidence_sum: float = 0.0


def _truth_class(ch: str) -> str:
    if ch.isdigit():
        return "digit"
    if ch == " ":
        return "space"
    return ch


def score(cases: list[tuple[Damaged, object]], fffd: dict, calibration: list) -> Tally:
    """Compare each repair with its truth; fill the per-class table of U+FFFD readings."""
    t = Tally()
    for d, rep in cases:
        t.lines += 1
        t.confidence_sum += rep.confidence
        exact = rep.text == d.expected
        t.lines_exact += exact
        calibration.append((rep.confidence, exact))
        # Words: whitespace tokens of the expected text, matched in order.
        exp_tokens = list(re.finditer(r"\S+", d.expected))
        out_tokens = rep.text.split()
        sm = difflib.SequenceMatcher(None, [m.group() for m in exp_tokens], out_tokens, False)
        right = set()
        for block in sm.get_matching_blocks():
            right.update(range(block.a, block.a + block.size))
        # Which expected tokens the damage touched (expected and truth align char for char).
        for k, m in enumerate(exp_tokens):
            t.words += 1
            t.words_right += k in right
            if m.start() < d.span[1] and m.end() > d.span[0]:
                t.damaged_words += 1
                t.damaged_words_right += k in right
        # Digits: an output digit must be a clean digit of the raw line, and right.
        for ch, kind, col in zip(rep.text, rep.kinds, rep.origins, strict=True):
            if ch.isdigit() and (kind != KIND_CLEAN or d.raw[col] != ch):
                t.invented_digits += 1
        out_digits = [c for c in rep.text if c.isdigit()]
        exp_digits = [c for c in d.expected if c.isdigit()]
        t.wrong_digits += sum(1 for a, b in zip(out_digits, exp_digits, strict=False) if a != b)
        t.wrong_digits += abs(len(out_digits) - len(exp_digits))
        # Each U+FFFD: what it stood for, and what the repair wrote for it.
        written: dict[int, str] = defaultdict(str)
        for ch, col in zip(rep.text, rep.origins, strict=True):
            written[col] += ch
        for col, truth in d.lost.items():
            want = FFFD if truth.isdigit() else truth
            got = written.get(col, "")
            ok = got == want or (got == "" and truth == " ")  # a space merged into another
            cls = _truth_class(truth)
            fffd[cls][0] += 1
            fffd[cls][1] += ok
            if not ok:
                fffd[cls][2][got or "(nothing)"] += 1
    return t


# --- the two sets -------------------------------------------------------------


def repair_in_context(lines: list[str], i: int, raw: str, model: RepairModel):
    """Repair ``raw`` (line ``i`` damaged) between its clean neighbours, as repair_lines would."""
    window = [raw]
    at = 0
    if i > 0 and not is_damaged(lines[i - 1]):
        window.insert(0, lines[i - 1])
        at = 1
    if i + 1 < len(lines) and not is_damaged(lines[i + 1]):
        window.append(lines[i + 1])
    return repair_lines(window, model=model)[at]


def damage_and_repair(
    lines: list[str], indexes: list[int], model: RepairModel, rng: random.Random
) -> list[tuple[Damaged, object]]:
    """Damage each listed line of at least 3 characters and repair it between its neighbours."""
    cases = []
    for i in indexes:
        if len(lines[i].strip()) >= 3:
            d = damage(lines[i], rng)
            cases.append((d, repair_in_context(lines, i, d.raw, model)))
    return cases


def held_out(raw_lines: list[str], offset: int = HOLD_OUT_EVERY - 1) -> list[int]:
    """Every ``HOLD_OUT_EVERY``-th clean line of the corpus (0-based), from ``offset``."""
    clean = [i for i, x in enumerate(raw_lines) if not is_damaged(x)]
    return [i for k, i in enumerate(clean) if k % HOLD_OUT_EVERY == offset]


def corpus_set(rng: random.Random) -> tuple[list[tuple[Damaged, object]], dict]:
    """(a): every 10th clean corpus line, repaired by a model that never saw it."""
    raw_lines = read_raw_lines()
    held = held_out(raw_lines)
    t0 = time.perf_counter()
    model = train_model(raw_lines, exclude=held)
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    cases = damage_and_repair(raw_lines, held, model, rng)
    info = {
        "held_out_lines": len(held),
        "evaluated_lines": len(cases),
        "train_seconds": round(train_s, 2),
        "repair_seconds": round(time.perf_counter() - t0, 2),
    }
    return cases, info


def outside_set(rng: random.Random, model: RepairModel) -> tuple[list, dict]:
    """(b): prose not in the corpus, set in lines, each damaged between clean neighbours."""
    paragraphs: dict[str, list[str]] = {}
    for name in ("historiography.md", "jupyter-book.md"):
        path = OUTSIDE / name
        if not path.is_file():
            sys.exit(f"error: {path} is missing; restore it from the repository.")
        paragraphs[name] = strip_markdown(path.read_text(encoding="utf-8"))
    paragraphs["pydoc_data.topics"] = stdlib_prose(limit=60)
    cases = []
    sources = {}
    by_source: dict[str, list] = defaultdict(list)
    t0 = time.perf_counter()
    for name, paras in paragraphs.items():
        lines = set_lines(paras)
        by_source[name] = damage_and_repair(lines, list(range(len(lines))), model, rng)
        sources[name] = len(by_source[name])
        cases += by_source[name]
    info = {
        "lines_by_source": sources,
        "repair_seconds": round(time.perf_counter() - t0, 2),
        "word_accuracy_by_source": {
            name: _word_accuracy(items) for name, items in by_source.items()
        },
    }
    return cases, info


def _word_accuracy(cases: list) -> float:
    tally = score(cases, defaultdict(lambda: [0, 0, Counter()]), [])
    return round(tally.words_right / tally.words, 4)


# --- report ---------------------------------------------------------------------


def summarize(cases: list, info: dict) -> dict:
    fffd: dict = defaultdict(lambda: [0, 0, Counter()])
    calibration: list = []
    t = score(cases, fffd, calibration)
    unmarked = sum(1 for d, _ in cases if not is_damaged(d.raw))
    bins = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01)]
    calib = []
    for lo, hi in bins:
        sel = [ok for c, ok in calibration if lo <= c < hi]
        if sel:
            calib.append(
                {
                    "confidence": f"{lo:.2f}-{min(hi, 1.0):.2f}",
                    "lines": len(sel),
                    "exact": round(sum(sel) / len(sel), 3),
                }
            )
    classes = {
        k: {
            "count": v[0],
            "right": v[1],
            "accuracy": round(v[1] / v[0], 4) if v[0] else None,
            "wrong_as": dict(v[2].most_common(4)),
        }
        for k, v in sorted(fffd.items(), key=lambda kv: -kv[1][0])
    }
    total_fffd = sum(v[0] for v in fffd.values())
    return {
        **info,
        "lines": t.lines,
        "unmarked_lines": unmarked,
        "word_accuracy": round(t.words_right / t.words, 4),
        "words": t.words,
        "damaged_word_accuracy": round(t.damaged_words_right / t.damaged_words, 4),
        "damaged_words": t.damaged_words,
        "line_exact": round(t.lines_exact / t.lines, 4),
        "mean_confidence": round(t.confidence_sum / t.lines, 4),
        "invented_digits": t.invented_digits,
        "wrong_digits": t.wrong_digits,
        "fffd_accuracy": round(sum(v[1] for v in fffd.values()) / total_fffd, 4),
        "fffd_count": total_fffd,
        "fffd_by_class": classes,
        "calibration": calib,
        "examples_wrong": [
            {"raw": d.raw, "expected": d.expected, "repaired": r.text}
            for d, r in cases
            if r.text != d.expected
        ][:8],
    }


def cold_corpus_seconds() -> tuple[float, float]:
    """Wall and CPU time of a whole-corpus repair in a fresh process, model training included.

    CPU time is reported too because the wall time depends on what else the
    machine is running.
    """
    code = (
        "import time; t = time.perf_counter(); c = time.process_time(); "
        "from august1956.text.repair import repair_corpus; repair_corpus(); "
        "print(time.perf_counter() - t, time.process_time() - c)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall, cpu = (float(x) for x in done.stdout.split())
    return wall, cpu


def markdown(result: dict) -> str:
    """The short human-readable report."""
    a, b = result["corpus_held_out"], result["outside_corpus"]
    w = result["whole_corpus_repair"]

    def pct(x: float) -> str:
        return f"{100 * x:.1f}%"

    rows = [
        "# Repair benchmark",
        "",
        "Generated by `benchmarks/repair_benchmark.py` (seed "
        f"{result['seed']}); the figures below are copied from `repair_benchmark.json`.",
        "",
        "Text whose truth is known is damaged the way the broken font damaged the corpus "
        "(shifted letters; U+FFFD for spaces, digits and most punctuation; Latin-1 marks for "
        "ligatures and quotes; justification spaces after some word spaces; real line-end "
        "hyphens; runs that start or stop mid-line, even mid-word; note numbers glued to a "
        "word keep their own, undamaged font) and then repaired.",
        "",
        "**Word accuracy**: the expected line is the true line with every digit inside the "
        "damage replaced by U+FFFD (a lost digit cannot be known, so it is right only when "
        "the repair shows U+FFFD there). Both are split on whitespace; a word is right when "
        "it is matched exactly, in order, by the repair (longest matching blocks, Python's "
        "`difflib`). All words of each damaged line count, also its undamaged part; "
        "*damaged words* are those the damage touched.",
        "",
        "| | (a) corpus, held out | (b) not in the corpus |",
        "|---|---|---|",
        f"| lines | {a['lines']} | {b['lines']} |",
        f"| word accuracy | {pct(a['word_accuracy'])} | {pct(b['word_accuracy'])} |",
        f"| damaged-word accuracy | {pct(a['damaged_word_accuracy'])} "
        f"| {pct(b['damaged_word_accuracy'])} |",
        f"| lines exactly right | {pct(a['line_exact'])} | {pct(b['line_exact'])} |",
        f"| U+FFFD read right | {pct(a['fffd_accuracy'])} of {a['fffd_count']} "
        f"| {pct(b['fffd_accuracy'])} of {b['fffd_count']} |",
        f"| digits invented (must be 0) | {a['invented_digits']} | {b['invented_digits']} |",
        f"| output digits that differ from the truth | {a['wrong_digits']} | {b['wrong_digits']} |",
        f"| lines left unchanged (damage without any mark) | {a['unmarked_lines']} "
        f"| {b['unmarked_lines']} |",
        "",
        "(b) by source: "
        + ", ".join(f"{k} {pct(v)}" for k, v in b["word_accuracy_by_source"].items())
        + ".",
        "",
        "## U+FFFD by what it stood for",
        "",
        "| truth | (a) count | (a) right | (b) count | (b) right |",
        "|---|---|---|---|---|",
    ]
    classes = list(dict.fromkeys([*a["fffd_by_class"], *b["fffd_by_class"]]))
    for c in classes:
        ca, cb = a["fffd_by_class"].get(c), b["fffd_by_class"].get(c)
        if (ca and ca["count"] >= 3) or (cb and cb["count"] >= 3):
            name = {"space": "space", "digit": "digit (kept as U+FFFD)"}.get(c, f"`{c}`")
            rows.append(
                f"| {name} | {ca['count'] if ca else 0} | "
                f"{pct(ca['accuracy']) if ca else '-'} | {cb['count'] if cb else 0} | "
                f"{pct(cb['accuracy']) if cb else '-'} |"
            )
    rows += [
        "",
        "## Confidence against exactness (line level)",
        "",
        "| confidence | (a) lines | (a) exactly right | (b) lines | (b) exactly right |",
        "|---|---|---|---|---|",
    ]
    cb = {c["confidence"]: c for c in b["calibration"]}
    for c in a["calibration"]:
        o = cb.get(c["confidence"], {"lines": 0, "exact": 0})
        rows.append(
            f"| {c['confidence']} | {c['lines']} | {pct(c['exact'])} | {o['lines']} "
            f"| {pct(o['exact'])} |"
        )
    rows += [
        "",
        "## Whole corpus",
        "",
        f"{w['lines']} lines ({w['damaged_lines']} damaged) repaired in "
        f"{w['seconds_cold']:.1f} s wall ({w['cpu_seconds_cold']:.1f} s CPU) in a fresh "
        "process, model training included; "
        f"{w['seconds_with_model_in_memory']:.1f} s wall with the model already trained. "
        f"2-core machine, load average {w['load_average_1min']} at the time (other work was "
        "running; the CPU time is the steadier figure).",
        "",
        "The command's speed and memory are measured by `benchmarks/command_benchmark.py` "
        "(`reports/command_benchmark.md`).",
        "",
        "## Sets",
        "",
        "(a) every 10th clean line of the corpus, held out of the model's training; each is "
        "repaired between its real neighbours. (b) the prose of the project's research notes "
        "(historiography.md, jupyter-book.md; markdown stripped, straight quotes set as "
        "typographic ones like the corpus's page) and prose paragraphs of CPython's own "
        "reference text (`pydoc_data.topics`, shipped with the standard library), set in "
        "lines of about 62 characters, each repaired between clean neighbours with the "
        "shipped model.",
        "",
        "## Model",
        "",
        f"Character model of order {result['model']['order']} trained on the corpus's clean "
        "lines, mixed with a model of general English prose (CPython's standard-library "
        "docstrings, `pydoc_data` and `pydoc` left out, shipped as "
        "`src/august1956/text/english_prose.txt`) with weight "
        f"{result['model']['english_weight']} where the corpus never saw the context, less "
        "where it did. Neither set's text is in that prose. A line without any damage "
        "mark is read too when a word of it looks shifted, and changed only if the "
        "shifted reading is far likelier.",
        "",
        "Settings are chosen on `benchmarks/repair_dev.py` (other corpus lines, the "
        "book's own prose, other paragraphs of CPython's reference text), not on these "
        "sets.",
        "",
    ]
    return "\n".join(rows)


def main() -> int:
    rng = random.Random(SEED)
    t0 = time.perf_counter()
    model = default_model()
    corpus_cases, corpus_info = corpus_set(rng)
    outside_cases, outside_info = outside_set(rng, model)
    t1 = time.perf_counter()
    from august1956.text import repair as repair_mod

    repair_mod._CORPUS = None
    c0 = time.perf_counter()
    repaired = repair_mod.repair_corpus()
    corpus_seconds = time.perf_counter() - c0
    result = {
        "seed": SEED,
        "model": {
            "order": model.lm.order,
            "switch_penalty": model.switch_penalty,
            "english_weight": getattr(model.lm, "aux_weight", 0.0),
        },
        "corpus_held_out": summarize(corpus_cases, corpus_info),
        "outside_corpus": summarize(outside_cases, outside_info),
        "whole_corpus_repair": {
            "lines": len(repaired),
            "damaged_lines": sum(r.damaged for r in repaired),
            "seconds_with_model_in_memory": round(corpus_seconds, 2),
        },
        "benchmark_seconds": round(t1 - t0, 1),
    }
    wall, cpu = cold_corpus_seconds()
    result["whole_corpus_repair"]["seconds_cold"] = round(wall, 2)
    result["whole_corpus_repair"]["cpu_seconds_cold"] = round(cpu, 2)
    result["whole_corpus_repair"]["load_average_1min"] = round(os.getloadavg()[0], 2)
    reports = ROOT / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "repair_benchmark.json").write_text(
        json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (reports / "repair_benchmark.md").write_text(markdown(result), encoding="utf-8")
    a, b = result["corpus_held_out"], result["outside_corpus"]
    print(
        f"word accuracy: corpus held out {a['word_accuracy']:.4f}, "
        f"outside {b['word_accuracy']:.4f}; invented digits "
        f"{a['invented_digits'] + b['invented_digits']}; whole corpus "
        f"{result['whole_corpus_repair']['seconds_cold']:.1f} s cold "
        f"({result['whole_corpus_repair']['cpu_seconds_cold']:.1f} s CPU)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
