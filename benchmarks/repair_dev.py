"""A development set for tuning the repair, kept apart from the benchmark's sets.

Settings of the repair (penalties, bonuses, model weights) are chosen on this
set, never on ``repair_benchmark.py``'s, so that the benchmark stays a fair
measure of text the repair was not tuned on. Run from the repository root:

    .venv/bin/python benchmarks/repair_dev.py

Two parts, damaged as the benchmark damages (same code, another seed):

(a) corpus: every 10th clean line of the corpus at another offset than the
    benchmark's (the 5th of each ten instead of the 10th), held out of the model.
(b) not in the corpus: the book's own prose (markdown cells of chapters 2-10 and
    the seminar guide; our writing about the documents, not the documents) and
    paragraphs 61-200 of CPython's reference text (the benchmark uses 1-60).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repair_benchmark import (  # noqa: E402
    _word_accuracy,
    damage_and_repair,
    held_out,
    set_lines,
    stdlib_prose,
    strip_markdown,
)

from august1956.text.repair import train_model  # noqa: E402
from august1956.text.source import read_raw_lines  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = 1848
OFFSET = 4  # the benchmark holds out offset 9


def book_prose() -> list[str]:
    """Prose paragraphs of the book's chapters 2-10 and seminar guide (markdown cells)."""
    texts: list[str] = []
    for path in sorted((ROOT / "book").glob("[01][0-9]_*.ipynb"))[1:]:
        nb = json.loads(path.read_text(encoding="utf-8"))
        texts += ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    texts.append((ROOT / "book" / "seminar_guide.md").read_text(encoding="utf-8"))
    paragraphs: list[str] = []
    for text in texts:
        text = re.sub(r"^(:::|```).*$", "", text, flags=re.M)  # directive fences
        text = re.sub(r"\{[a-z:-]+\}`([^`<]*)(?:<[^>]*>)?`", r"\1", text)  # MyST roles
        paragraphs += [p for p in strip_markdown(text) if len(p) > 80 and ":" not in p[:1]]
    return paragraphs


def dev_sets(model_for, rng: random.Random) -> dict[str, list]:
    """Damage and repair each dev set; ``model_for(lines, exclude)`` builds the model."""
    raw_lines = read_raw_lines()
    held = held_out(raw_lines, OFFSET)
    out = {"corpus": damage_and_repair(raw_lines, held, model_for(raw_lines, held), rng)}
    model = model_for(raw_lines, [])
    for name, paras in (("book", book_prose()), ("pydoc", stdlib_prose(200)[60:])):
        lines = set_lines(paras)
        out[name] = damage_and_repair(lines, list(range(len(lines))), model, rng)
    return out


def evaluate(model_for=lambda lines, ex: train_model(lines, exclude=ex)) -> dict[str, float]:
    sets = dev_sets(model_for, random.Random(SEED))
    result = {name: _word_accuracy(cases) for name, cases in sets.items()}
    outside = sets["book"] + sets["pydoc"]
    result["outside"] = _word_accuracy(outside)
    result["lines"] = {name: len(cases) for name, cases in sets.items()}
    return result


if __name__ == "__main__":
    print(json.dumps(evaluate(), indent=1))
