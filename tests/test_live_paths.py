"""The chapters run where readers open them: Binder and Colab.

Binder (repo2docker) installs the root ``requirements.txt`` on the Python of
``runtime.txt``: the requirements must pin every package a notebook imports and
install the library itself. Colab opens one notebook from the repository with
no checkout beside it; the notebook's first cell pip-installs the library, so
the installed package must carry the corpus and the tables (setup.py copies
``data/`` into the wheel as ``august1956/_data``). The last test proves it: a
wheel built from the checkout goes into a fresh virtual environment, and
``book/01_corpus.ipynb``, copied alone into an empty folder, runs there to the
end in that environment's kernel (about a minute with pip's cache).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "01_corpus.ipynb"
# What a wheel is built from: the packaging files, the library and what setup.py packs.
WHEEL_SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "data"]
WHEEL_FILES = ["reports/repair_benchmark.json", "book/references.bib"]
# Besides the library's own dependencies, a notebook's kernel needs these (Colab and
# Binder have them): the kernel, widgets, and nbformat, without which plotly cannot
# display a figure in a notebook (the error shows in the output; the cell still "passes").
KERNEL_PACKAGES = ["ipykernel", "ipywidgets", "nbformat"]
# Imported by the notebooks and brought by the kernel itself (ipykernel, pinned).
KERNEL_PROVIDED = {"ipython"}


def notebook_code(path: Path) -> str:
    """The notebook's code cells as one Python source, IPython magics and shell lines as ``pass``.

    >>> import nbformat, tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "import pandas as pd\\n%pip install x\\n!ls")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     nbformat.write(nb, Path(tmp, "n.ipynb"))
    ...     notebook_code(Path(tmp, "n.ipynb")).splitlines()
    ['import pandas as pd', 'pass', 'pass']
    """
    lines = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                stripped = line.lstrip()
                if stripped.startswith(("%", "!")):
                    # keeps an indented block (`if ...: %pip install`) valid Python
                    line = line[: len(line) - len(stripped)] + "pass"
                lines.append(line)
    return "\n".join(lines)


def imported_modules(source: str) -> set[str]:
    """Top-level names of the modules a Python source imports (not relative imports).

    >>> sorted(imported_modules("import plotly.express as px\\nfrom august1956 import load\\n"
    ...                         "from . import x\\nimport os, json"))
    ['august1956', 'json', 'os', 'plotly']
    """
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def requirement_lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def pinned(path: Path) -> dict[str, str]:
    """``{canonical name: version}`` of the ``name==version`` lines."""
    found = {}
    for line in requirement_lines(path):
        if not line.startswith("-"):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return found


def distributions_of(module: str) -> list[str]:
    """The installed distributions that provide a top-level module, canonical names."""
    return sorted({canonicalize_name(d) for d in metadata.packages_distributions().get(module, [])})


def chapter_notebooks() -> list[Path]:
    return sorted((ROOT / "book").glob("*.ipynb"))


# --- Binder --------------------------------------------------------------------------------


def test_binder_gets_python_3_11_and_the_library():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert "-e ." in requirement_lines(ROOT / "requirements.txt")


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_requirements_pin_every_package_a_notebook_imports(notebook):
    modules = imported_modules(notebook_code(notebook)) - set(sys.stdlib_module_names)
    modules.discard("august1956")  # installed by the `-e .` line
    pins = pinned(ROOT / "requirements.txt")
    unpinned = {}
    for module in sorted(modules):
        providers = distributions_of(module)
        if not providers:
            unpinned[module] = "not installed here at all"
        elif not any(
            name in KERNEL_PROVIDED or pins.get(name, "").startswith("==") for name in providers
        ):
            unpinned[module] = f"from {providers}, not pinned with == in requirements.txt"
    assert not unpinned, f"{notebook.name}: {unpinned}"


def test_the_first_cell_installs_the_library_only_when_missing():
    for notebook in chapter_notebooks():
        cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
        assert cells, notebook.name
        first = cells[0].source
        assert 'find_spec("august1956") is None' in first, notebook.name
        assert re.search(r"%pip install .*august1956 @ git\+https://github.com/", first), (
            notebook.name
        )


# --- Colab: the package alone ------------------------------------------------------------------


def copy_wheel_sources(target: Path) -> None:
    """The files a wheel is built from, copied out of the checkout (no build/ left behind)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "_data")
    for name in WHEEL_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    for name in WHEEL_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)


def run(command: list[str], **kwargs) -> str:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-2000:]}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("wheel-src")
    copy_wheel_sources(source)
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)])
    (built,) = dist.glob("august1956-*.whl")
    return built


def test_the_wheel_carries_the_corpus_and_the_tables(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = run(["git", "ls-files", "data"], cwd=ROOT).split()
    missing = [p for p in tracked if "august1956/_" + p not in names]
    assert not missing, f"data files not in the wheel: {missing}"
    assert "august1956/reports/repair_benchmark.json" in names
    assert "august1956/references.bib" in names


@pytest.fixture(scope="module")
def fresh_kernel(wheel, tmp_path_factory) -> tuple[str, Path, Path]:
    """A new venv with only the wheel, its pinned dependencies and a kernel; its kernelspec."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        + ["-c", str(ROOT / "constraints.txt"), str(wheel), *KERNEL_PACKAGES],
        timeout=900,
    )
    jupyter = tmp_path_factory.mktemp("jupyter")
    run([str(python), "-m", "ipykernel", "install", "--prefix", str(jupyter), "--name", "fresh"])
    return "fresh", jupyter / "share" / "jupyter", venv


@pytest.mark.slow
def test_a_chapter_runs_from_an_empty_folder_with_only_the_package(
    fresh_kernel, tmp_path, monkeypatch
):
    kernel_name, jupyter_path, venv = fresh_kernel
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_path))
    # Nothing may lead the kernel back to the checkout.
    for name in ("PYTHONPATH", "AUGUST1956_DATA", "AUGUST1956_STATIC"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "colab"
    folder.mkdir()
    shutil.copy2(CHAPTER, folder)
    nb = nbformat.read(folder / CHAPTER.name, as_version=4)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import august1956, august1956.paths, sys\n"
            "print(august1956.__file__)\nprint(august1956.paths.data_dir())\nprint(sys.prefix)"
        )
    )
    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=300,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    package_file, data_dir, prefix = text.splitlines()[:3]
    assert Path(prefix).resolve() == venv.resolve()
    assert Path(package_file).is_relative_to(venv), package_file
    assert Path(data_dir).resolve() == Path(package_file).parent.resolve() / "_data", data_dir
    assert str(ROOT) not in text, "the kernel found the checkout"
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    # The chapter drew its charts and tables from the packaged data.
    kinds = {k for c in nb.cells for o in c.get("outputs", []) for k in o.get("data", {})}
    assert "application/vnd.plotly.v1+json" in kinds or "text/html" in kinds
