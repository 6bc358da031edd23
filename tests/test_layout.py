"""The package's layout is the pipeline: stages in folders, imports that flow one way,
and a README that names every module where it belongs."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "august1956"

# A stage may import from its own stage and the ones before it, never from one after it.
# Rank 0 holds the settings every stage may read; the last rank holds what runs the whole
# (the package's API, the commands, the book's build extensions).
RANKS = {
    "paths": 0,
    "home": 0,
    "text": 1,
    "tables": 2,
    "chapters": 3,
    "edition": 4,
    "__init__": 5,
    "__main__": 5,
    "build": 5,
    "printing": 5,
    "sphinxext": 5,
}
STAGES = ("text", "tables", "chapters", "edition")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def top_part(dotted: str) -> str | None:
    """``august1956.text.corpus`` -> ``text``; None for an import outside the package."""
    parts = dotted.split(".")
    if parts[0] != "august1956":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def imported(path: Path, package_dir: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every ``august1956`` module that ``path`` imports, at any depth, with its line."""
    package = ".".join(path.relative_to(package_dir.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            if not node.level:
                name = node.module or ""
            else:
                name = f"{base}.{node.module}" if node.module else base
            # ``from august1956.chapters import charts``: the names may be modules.
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def rank_of(path: Path, package_dir: Path = PACKAGE) -> int:
    return RANKS[path.relative_to(package_dir).parts[0].removesuffix(".py")]


def target_rank(dotted: str) -> int | None:
    part = top_part(dotted)
    if part is None:
        return None
    # ``from august1956 import load``: a name of the package's API, ranked as __init__.
    return RANKS.get(part, RANKS["__init__"])


def layering_problems(package_dir: Path = PACKAGE) -> list[str]:
    problems = []
    for path in sorted(package_dir.rglob("*.py")):
        own = rank_of(path, package_dir)
        for line, name in imported(path, package_dir):
            rank = target_rank(name)
            if rank is not None and rank > own:
                where = path.relative_to(package_dir)
                problems.append(f"{where}, line {line}: imports {name}, a later stage")
    return problems


def test_every_module_belongs_to_a_stage_or_beside_them():
    unknown = [
        str(p.relative_to(PACKAGE))
        for p in modules()
        if p.relative_to(PACKAGE).parts[0].removesuffix(".py") not in RANKS
    ]
    assert not unknown, f"modules in no stage: {unknown}; add them to a stage folder"


def test_each_stage_says_what_it_reads_and_offers():
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and "Reads" in doc and ("Offers" in doc or "offers" in doc), stage


def test_imports_flow_one_way():
    assert layering_problems() == []


@pytest.mark.parametrize(
    "module, line",
    [
        ("text/corpus.py", "    from august1956.chapters import charts"),
        ("tables/people.py", "    from ..edition.pages import cite_section"),
        ("chapters/debate.py", "    import august1956.edition.pages"),
    ],
)
def test_a_backward_import_is_caught(tmp_path, module, line):
    """The check itself: a copy of the package with one import against the flow fails it,
    whether the import is absolute, relative or inside a function."""
    copy = tmp_path / "august1956"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    with (copy / module).open("a", encoding="utf-8") as out:
        out.write(f"\n\ndef _backward():\n{line}\n")
    problems = layering_problems(copy)
    assert len(problems) == 1 and problems[0].startswith(module), problems


def readme_flow() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## How the data flows")
    return text[start : text.index("\n## ", start + 1)]


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if p.name != "__init__.py" and p.parts[-2] in STAGES]
    + [PACKAGE / "text" / "english_prose.txt"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_the_readme_names_every_stage_module(path):
    flow = readme_flow()
    relative = path.relative_to(PACKAGE)
    # The table names a module by its path in the package, or, after the first module of
    # its folder in the same cell, by its file name.
    assert f"`{relative.as_posix()}`" in flow or f"`{relative.name}`" in flow, (
        f"README.md's data-flow table does not name {relative}"
    )


def test_the_readme_names_no_module_that_is_gone():
    flow = readme_flow()
    named = re.findall(r"`((?:text|tables|chapters|edition)/[\w.]+)`", flow)
    missing = [n for n in named if not (PACKAGE / n).exists()]
    assert not missing, f"README.md names modules that do not exist: {missing}"


# Names that several modules define on purpose, each with the reason. Anything else that two
# modules define is one idea with two homes: keep one and import it.
SHARED_NAMES = {
    "setup": "the entry point Sphinx calls in each extension",
    "cli": "the entry point of each command of python -m august1956",
    "main": "the entry point of a command",
    "logger": "each extension's own Sphinx logger",
    "page_context": "the Sphinx event handler of the colophon (the edition's is build_context)",
    "timeline_chart": "each chapter's own timeline: the events (chapter 3), the meetings (4)",
    "disagreements": "each chapter's own: dates and facts of events (3), figures (9)",
}


def top_level_names(package_dir: Path = PACKAGE) -> dict[str, list[str]]:
    """Each public name a module defines at its top level, with the modules defining it."""
    found: dict[str, list[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            else:
                continue
            for name in names:
                if not name.startswith("_"):
                    found.setdefault(name, []).append(str(path.relative_to(package_dir)))
    return found


def defined_twice(package_dir: Path = PACKAGE) -> dict[str, list[str]]:
    return {
        name: where
        for name, where in top_level_names(package_dir).items()
        if len(where) > 1 and name not in SHARED_NAMES
    }


def test_each_shared_name_has_one_home():
    assert defined_twice() == {}, "defined in more than one module: " + str(defined_twice())


def test_a_second_home_is_caught(tmp_path):
    """The check itself: a second quote_markdown in a chapter module fails it."""
    copy = tmp_path / "august1956"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    with (copy / "chapters" / "language.py").open("a", encoding="utf-8") as out:
        out.write("\n\ndef quote_markdown(corpus, quote, unit=None):\n    return quote\n")
    assert set(defined_twice(copy)) == {"quote_markdown"}
