"""The chapters run where readers open them, from one setting of where the book lives.

- **The setting** (``src/august1956/home.toml``): the repository, the release that chapters
  install and launch buttons open, the published book. ``_config.yml``, every chapter's first
  cell and the README must agree with it.
- **Live controls**: every chapter runs in a kernel as a live session (no static fallback);
  each control's output area must show something and change when the control does, and
  citation links in outputs must lead to the published book.
- **Colab**: a fork of the repository (set up the way the README tells a fork to) serves a
  release; in a new environment with only a kernel, each chapter, copied alone into an
  empty folder, installs the library from the setting and runs to the end. A setting that
  names no repository stops the first cell with one message.
- **Binder**: repo2docker's own steps in a new environment (its base packages first, then
  ``binder/requirements.txt`` from the repository root) leave nothing behind in the
  checkout and run every chapter, with JupyterLab's MyST renderer installed.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from august1956 import home

ROOT = Path(__file__).resolve().parents[1]
# What a wheel is built from: the packaging files, the library and what setup.py packs.
WHEEL_SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "data"]
WHEEL_FILES = ["reports/repair_benchmark.json", "book/references.bib"]
# Imported by the notebooks and brought by the kernel itself (ipykernel, in the live extra).
KERNEL_PROVIDED = {"ipython"}
# repo2docker's base environment for Python 3.11, installed before the repository's own
# requirements (repo2docker/buildpacks/conda/environment.py-3.11.yml, as of October 2025;
# there a conda environment, here the same packages from PyPI).
REPO2DOCKER_BASE = [
    "ipywidgets==8.*",
    "jupyter-offlinenotebook==0.3.*",
    "jupyter-resource-usage==1.*",
    "jupyter_server==2.*",
    "jupyterhub==5.*",
    "jupyterlab==4.*",
    "notebook==7.*",
]


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


def run(command: list[str], **kwargs) -> str:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}{result.stderr}"
    return result.stdout


def git(repo: Path, *args: str) -> str:
    who = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    return run(["git", *who, *args], cwd=repo)


def snapshot_checkout(target: Path) -> Path:
    """The working tree (tracked and new files, not ignored ones) as a new committed repository."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot of the working tree")
    return target


def new_venv(where: Path, *packages: str, cwd: Path | None = None) -> Path:
    """A new virtual environment with ``packages`` installed; its python."""
    run([sys.executable, "-m", "venv", str(where)])
    python = where / "bin" / "python"
    if packages:
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        run([*pip, *packages], timeout=1200, cwd=cwd)
    return python


def register_kernel(python: Path, prefix: Path, monkeypatch) -> str:
    """Make the environment's kernel the one nbclient finds by name, leading nowhere else."""
    run([str(python), "-m", "ipykernel", "install", "--prefix", str(prefix), "--name", "fresh"])
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    for name in ("PYTHONPATH", "AUGUST1956_DATA", "AUGUST1956_STATIC"):
        monkeypatch.delenv(name, raising=False)
    return "fresh"


def execute(nb, folder: Path, kernel: str = "python3", timeout: int = 600) -> NotebookClient:
    client = NotebookClient(
        nb, kernel_name=kernel, timeout=timeout, resources={"metadata": {"path": str(folder)}}
    )
    client.execute()  # raises CellExecutionError at the first failing cell
    return client


def errors_in(nb) -> list[str]:
    return [
        f"{o.ename}: {o.evalue}"
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.output_type == "error"
    ]


# --- the setting of where the book lives --------------------------------------------------------


def test_every_place_follows_the_setting():
    found = home.problems(ROOT)
    assert not found, "\n".join(found) + "\nrun `make home`"


def test_a_place_that_disagrees_is_named_and_rewritten(tmp_path):
    for name in ["_config.yml", "README.md", "book/01_corpus.ipynb", "book/09_numbers.ipynb"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    fork = home.Home("https://github.com/someone/a-fork", "v9.9", "https://someone.github.io/f/")
    found = home.problems(tmp_path, fork)
    for place in ["repository.url", "repository.branch", "html.baseurl"]:
        assert any(place in line for line in found), place
    for place in ["01_corpus.ipynb", "09_numbers.ipynb", "README.md names the repository"]:
        assert any(place in line for line in found), place
    home.write(tmp_path, fork)
    assert home.problems(tmp_path, fork) == []
    cell = home.first_cell(fork)
    assert "august1956[live] @ git+https://github.com/someone/a-fork@v9.9" in cell


def test_the_setting_names_a_release_and_the_book(tmp_path):
    setting = home.read_home()
    assert setting.ref not in home.MOVING_REFS
    assert setting.book_url.startswith("https://")
    bad = tmp_path / "home.toml"
    bad.write_text('repository = "github.com/o/r"\nref = "v1"\nbook_url = "https://o.io/"\n')
    with pytest.raises(home.HomeError, match="not a repository URL"):
        home.read_home(bad)


# --- what each path installs -------------------------------------------------------------------


def live_extra() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["live"]
    return {canonicalize_name(Requirement(line).name) for line in lines}


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_what_a_chapter_imports_is_pinned_and_in_the_live_extra(notebook):
    modules = imported_modules(notebook_code(notebook)) - set(sys.stdlib_module_names)
    modules.discard("august1956")  # the `-e .` line; in Colab, the install cell
    pins = pinned(ROOT / "requirements.txt")
    extra = live_extra()
    missing = {}
    for module in sorted(modules):
        providers = distributions_of(module)
        if not providers:
            missing[module] = "not installed here at all"
        elif not any(n in KERNEL_PROVIDED or pins.get(n, "").startswith("==") for n in providers):
            missing[module] = f"from {providers}, not pinned with == in requirements.txt"
        elif not any(n in KERNEL_PROVIDED or n in extra for n in providers):
            missing[module] = f"from {providers}, not in august1956[live] (pyproject.toml)"
    assert not missing, f"{notebook.name}: {missing}"


def test_binder_reads_its_own_folder_and_installs_the_library_editable():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "runtime.txt").exists(), "repo2docker ignores it beside binder/"
    assert requirement_lines(ROOT / "binder" / "requirements.txt") == ["-r ../requirements-lab.txt"]
    lab = requirement_lines(ROOT / "requirements-lab.txt")
    assert lab[0] == "-r requirements.txt" and "jupyterlab-myst" in pinned(
        ROOT / "requirements-lab.txt"
    )
    assert requirement_lines(ROOT / "requirements.txt")[-1] == "-e ."


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
    assert "august1956/home.toml" in names


# --- live controls ----------------------------------------------------------------------------

# Run in the chapter's kernel after its cells: the controls it made, then one change each.
FIND_CONTROLS = """\
import ipywidgets as _widgets
from ipywidgets.widgets.widget import _instances as _all_widgets

_controls = [w for w in list(_all_widgets.values())
             if isinstance(w, (_widgets.Dropdown, _widgets.Text, _widgets.Checkbox))]
print(len(_controls))"""
# A Dropdown moves to another option, a text box gets a name found in every table, a
# checkbox flips.
CHANGE_CONTROL = """\
_control = _controls[{i}]
if isinstance(_control, _widgets.Checkbox):
    _control.value = not _control.value
elif isinstance(_control, _widgets.Text):
    _control.value = "Kim"
else:
    _values = list(_control._options_values)
    _control.value = _values[-1] if _control.value != _values[-1] else _values[0]
print(_control.description)"""
# A Markdown link of an output that is not an address a browser can open.
RELATIVE_LINK = re.compile(r"\]\((?!https?://|#)([^)\s]+)\)")


def has_explorer(notebook: Path) -> bool:
    return bool(re.search(r"live\.explorer|document_reader\(", notebook_code(notebook)))


def output_areas(client: NotebookClient) -> dict[str, str]:
    """What each Output widget holds, as nbclient captured it (it stands in for a browser)."""
    return {
        model: json.dumps(state.get("outputs", []), sort_keys=True)
        for model, state in client.widget_state.items()
        if state.get("_model_name") == "OutputModel"
    }


def stdout_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_live_controls_show_output_and_respond(notebook, monkeypatch):
    monkeypatch.setenv("AUGUST1956_STATIC", "0")  # a live session, not the book's build
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        store_widget_state=True,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    with client.setup_kernel():
        for index, cell in enumerate(list(nb.cells)):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        assert not errors_in(nb), errors_in(nb)
        nb.cells.append(nbformat.v4.new_code_cell(FIND_CONTROLS))
        client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
        count = int(stdout_of(nb.cells[-1]))
        if has_explorer(notebook):
            assert count, f"{notebook.name}: the explorer made no control in a live session"
        areas = output_areas(client)
        empty = [m for m, held in areas.items() if held == "[]"]
        assert not empty, f"{notebook.name}: {len(empty)} of {len(areas)} output areas are empty"
        dead = []
        for i in range(count):
            before = output_areas(client)
            nb.cells.append(nbformat.v4.new_code_cell(CHANGE_CONTROL.format(i=i)))
            client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
            assert not errors_in(nb), errors_in(nb)
            if output_areas(client) == before:
                dead.append(stdout_of(nb.cells[-1]).strip())
        assert not dead, f"{notebook.name}: changing {dead} changed no output area"
    links = [
        link
        for cell in nb.cells
        for output in cell.get("outputs", [])
        for link in RELATIVE_LINK.findall(output.get("data", {}).get("text/markdown", ""))
    ]
    assert not links, f"{notebook.name}: links that lead nowhere in a live session: {links[:5]}"


# --- Colab: a chapter alone, the library from the setting -----------------------------------------


def set_home(checkout: Path, repository: str, ref: str) -> None:
    """The one edit a fork makes (home.toml), then `make home`'s command."""
    setting = checkout / "src" / "august1956" / "home.toml"
    text = re.sub(r'(?m)^repository = ".*"$', f'repository = "{repository}"', setting.read_text())
    setting.write_text(re.sub(r'(?m)^ref = ".*"$', f'ref = "{ref}"', text))
    run([sys.executable, "-m", "august1956", "home", "--write"], cwd=checkout)


@pytest.mark.slow
def test_colab_path_runs_every_chapter_from_the_setting(tmp_path, monkeypatch):
    fork = snapshot_checkout(tmp_path / "fork")
    # file://localhost/...: the pip of a new venv (23.2) rejects git+file:/// as a URL.
    set_home(fork, f"file://localhost{fork}", "v0.0-test")
    assert "home.toml" in git(fork, "status", "--porcelain")
    git(fork, "commit", "-q", "-am", "publish from this fork")
    git(fork, "tag", "v0.0-test")
    # Colab's runtime has a kernel (ipykernel 6, as Colab's is: with 7, one notebook run in
    # a hundred or so sat idle for the whole cell timeout here); the library and its live
    # extra come from the first cell.
    python = new_venv(tmp_path / "venv", "ipykernel<7")
    kernel = register_kernel(python, tmp_path / "jupyter", monkeypatch)

    # A setting that names no repository stops the first cell with one message.
    wrong = home.Home(f"file://localhost{tmp_path}/none", "v0.0-test", "https://x.io/b/")
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(home.first_cell(wrong)), nbformat.v4.new_code_cell("1")]
    )
    with pytest.raises(CellExecutionError):
        execute(nb, tmp_path, kernel)
    assert errors_in(nb) == [
        f"SystemExit: The companion's library could not be installed from {wrong.repository} "
        "(release v0.0-test); pip's message is above. Check the internet connection and that "
        "this release exists, then run this cell again; or run the chapters from a checkout "
        "of the repository (see its README)."
    ]
    assert not nb.cells[1].outputs and nb.cells[1].get("execution_count") is None

    # Every chapter, each alone in an empty folder: the first installs the library.
    for notebook in sorted((fork / "book").glob("*.ipynb")):
        folder = tmp_path / "colab" / notebook.stem
        folder.mkdir(parents=True)
        shutil.copy2(notebook, folder)
        nb = nbformat.read(folder / notebook.name, as_version=4)
        nb.cells.append(
            nbformat.v4.new_code_cell(
                "import august1956, sys\nprint(august1956.__file__)\nprint(sys.prefix)"
            )
        )
        execute(nb, folder, kernel)
        assert not errors_in(nb), (notebook.name, errors_in(nb))
        package_file, prefix = stdout_of(nb.cells[-1]).splitlines()[:2]
        assert Path(prefix).resolve() == (tmp_path / "venv").resolve()
        assert Path(package_file).is_relative_to(tmp_path / "venv"), package_file
    installed = run([str(python), "-m", "pip", "show", "ipywidgets", "august1956"])
    assert "Name: ipywidgets" in installed and "Name: august1956" in installed


# --- Binder: repo2docker's steps ---------------------------------------------------------------


@pytest.mark.slow
def test_binder_path_installs_cleanly_and_runs_every_chapter(tmp_path, monkeypatch):
    repo = snapshot_checkout(tmp_path / "repo")
    python = new_venv(tmp_path / "venv", *REPO2DOCKER_BASE)
    # repo2docker runs pip from the repository root (cache kept here, to spare the network).
    run([str(python), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"], cwd=repo)
    left = git(repo, "status", "--porcelain")
    assert not left and not (repo / "build").exists(), f"left in the checkout: {left}"
    where = run([str(python), "-c", "import august1956; print(august1956.__file__)"], cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(repo / "src"), f"not editable: {where}"
    extensions = subprocess.run(
        [str(python.parent / "jupyter"), "labextension", "list"], capture_output=True, text=True
    )
    listed = extensions.stdout + extensions.stderr
    assert "jupyterlab-myst" in listed and "not compatible" not in listed, listed
    kernel = register_kernel(python, tmp_path / "jupyter", monkeypatch)
    for notebook in sorted((repo / "book").glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        execute(nb, notebook.parent, kernel)
        assert not errors_in(nb), (notebook.name, errors_in(nb))
