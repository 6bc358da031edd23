"""Where the book lives: one setting, and the places that must follow it.

``home.toml`` (beside this module, so that a package installed in Colab carries it)
names the repository, the release that chapters install and the launch buttons open,
and the URL of the published book. Four places repeat those values, because each is
read where the setting file is not at hand:

- ``_config.yml``: the repository, the launch buttons' ref and the site's base URL;
- the first code cell of every chapter, which installs the library when a chapter is
  opened alone (Colab) and must name the repository and release literally;
- ``README.md``, which tells a reader where the repository and the book are, and
  ``CITATION.cff``, which tells a citation where they are;
- citation links in live sessions, which lead to the published page of a paragraph
  (these read the setting directly, see :func:`paragraph_target`).

Whether a page is being built for the web or run live is decided here too
(:func:`is_static`): ``make book`` sets ``AUGUST1956_STATIC=1`` for the build, and the
notebooks' kernel inherits it. In Binder, Colab or a local Jupyter it is unset.

``python -m august1956 home`` lists every place that disagrees with the setting;
``python -m august1956 home --write`` (``make home``) rewrites them.

>>> h = Home("https://github.com/o/r", "v1.0", "https://o.github.io/r/")
>>> h.requirement
'august1956[live] @ git+https://github.com/o/r@v1.0'
>>> h.page_url("doc07-p3")
'https://o.github.io/r/book/documents/doc07.html#doc07-p3'

In the built book a paragraph's citation links to its target on the edition page; in a
live session, where that target would be a file path of the notebook server, it links to
the paragraph's published page:

>>> import os
>>> from unittest import mock
>>> with mock.patch.dict(os.environ, {"AUGUST1956_STATIC": "1"}):
...     print(paragraph_target("doc07-p3"))
doc07-p3
>>> with mock.patch.dict(os.environ, {"AUGUST1956_STATIC": "0"}):
...     print(paragraph_target("doc07-p3"))  # doctest: +ELLIPSIS
https://.../book/documents/doc07.html#doc07-p3
"""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

SETTING = Path(__file__).with_name("home.toml")
# Branch names that move: a chapter installing one would get whatever it holds today.
MOVING_REFS = {"main", "master", "HEAD", "gh-pages", "develop"}


class HomeError(ValueError):
    """The setting file is missing a value or holds one that cannot work."""


@dataclass(frozen=True)
class Home:
    repository: str
    ref: str
    book_url: str

    @property
    def requirement(self) -> str:
        """What a chapter opened alone installs: the library with its live extra, at ``ref``."""
        return f"august1956[live] @ git+{self.repository}@{self.ref}"

    def page_url(self, anchor: str) -> str:
        """The published page of a paragraph anchor such as ``doc07-p3``, with the anchor."""
        unit = anchor.rsplit("-p", 1)[0]
        return f"{self.book_url}book/documents/{unit}.html#{anchor}"


def is_static() -> bool:
    """True while the book is being built for the web (no kernel behind the page)."""
    return os.environ.get("AUGUST1956_STATIC", "") not in ("", "0")


def paragraph_target(anchor: str) -> str:
    """Where a citation of the paragraph ``anchor`` (``doc07-p3``) links.

    In the built book, the paragraph's MyST target, which Sphinx resolves to its place on
    the edition page. In a live session, the paragraph on the published book
    (``book_url`` of ``home.toml``): a bare target there would lead to the notebook
    server's file API, which has no such page.
    """
    return anchor if is_static() else read_home().page_url(anchor)


def read_home(path: Path = SETTING) -> Home:
    """The setting, checked: each value present and usable.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     bad = Path(tmp, "home.toml")
    ...     _ = bad.write_text('repository = "https://github.com/o/r"\\nref = "main"\\n'
    ...                        'book_url = "https://o.github.io/r/"\\n')
    ...     try:
    ...         read_home(bad)
    ...     except HomeError as error:
    ...         print(str(error).replace(str(bad), "home.toml"))
    home.toml: ref = "main" is a branch that moves; name a release tag or a commit
    """
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise HomeError(f"{path}: cannot read the setting ({exc})") from exc
    for key in ("repository", "ref", "book_url"):
        if not isinstance(values.get(key), str) or not values[key].strip():
            raise HomeError(f"{path}: `{key}` is missing or empty; give it a value in quotes")
    home = Home(values["repository"].rstrip("/"), values["ref"], values["book_url"])
    if not re.match(r"(https|file)://\S+$", home.repository):
        raise HomeError(
            f"{path}: repository = {home.repository!r} is not a repository URL; "
            "write it as https://github.com/OWNER/NAME"
        )
    if home.ref in MOVING_REFS:
        raise HomeError(
            f'{path}: ref = "{home.ref}" is a branch that moves; name a release tag or a commit'
        )
    if not re.match(r"https?://\S+/$", home.book_url):
        raise HomeError(
            f"{path}: book_url = {home.book_url!r} must be the published book's address, "
            "ending in /"
        )
    return home


# -- the first cell of a chapter -------------------------------------------------------------

FIRST_CELL = """\
# Opened alone (in Colab, or a Jupyter without this book's checkout): install the
# companion's library, which carries the corpus and the tables, at the book's release.
import importlib
import importlib.util

if importlib.util.find_spec("august1956") is None:
    %pip install --quiet "{requirement}"
    importlib.invalidate_caches()
    if importlib.util.find_spec("august1956") is None:
        import warnings

        warnings.filterwarnings("ignore", "To exit")  # IPython's hint, not ours to show
        raise SystemExit(
            "The companion's library could not be installed from "
            "{repository} "
            "(release {ref}); pip's message is above. Check the internet connection and "
            "that this release exists, then run this cell again; or run the chapters from "
            "a checkout of the repository (see its README)."
        )"""


def first_cell(home: Home) -> str:
    """The source of every chapter's first code cell under this setting."""
    return FIRST_CELL.format(requirement=home.requirement, repository=home.repository, ref=home.ref)


# -- the places that repeat the setting ------------------------------------------------------


def _block(text: str, section: str) -> re.Match | None:
    """A top-level YAML mapping and its indented lines, from ``section:`` on."""
    return re.search(rf"(?m)^{section}:\n(?:(?:  .*)?\n)*", text)


def _key(block: str, key: str) -> str | None:
    found = re.search(rf"(?m)^  {key}: *(.*)$", block)
    return found.group(1).strip().strip("\"'") if found else None


def _set_key(block: str, key: str, value: str) -> str:
    if re.search(rf"(?m)^  {key}:", block):
        return re.sub(rf"(?m)^  {key}:.*$", f"  {key}: {value}", block)
    head, _, rest = block.partition("\n")
    return f"{head}\n  {key}: {value}\n{rest}"


CONFIG_KEYS = (("repository", "url"), ("repository", "branch"), ("html", "baseurl"))


def _config_values(home: Home) -> dict[tuple[str, str], str]:
    return dict(zip(CONFIG_KEYS, (home.repository, home.ref, home.book_url), strict=True))


def config_problems(root: Path, home: Home) -> list[str]:
    text = (root / "_config.yml").read_text(encoding="utf-8")
    problems = []
    for (section, key), want in _config_values(home).items():
        block = _block(text, section)
        have = _key(block.group(0), key) if block else None
        if have != want:
            problems.append(f"_config.yml: {section}.{key} is {have!r}, the setting says {want!r}")
    return problems


def write_config(root: Path, home: Home) -> bool:
    path = root / "_config.yml"
    text = old = path.read_text(encoding="utf-8")
    for (section, key), want in _config_values(home).items():
        block = _block(text, section)
        if block is None:
            raise HomeError(f"{path}: no `{section}:` section to write {key} into")
        text = text[: block.start()] + _set_key(block.group(0), key, want) + text[block.end() :]
    if text != old:
        path.write_text(text, encoding="utf-8")
    return text != old


def chapters(root: Path) -> list[Path]:
    return sorted((root / "book").glob("*.ipynb"))


def _first_code_cell(nb: dict, path: Path) -> dict:
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            if 'find_spec("august1956")' not in "".join(cell["source"]):
                raise HomeError(
                    f"{path}: the first code cell is not the install cell; put the chapter's "
                    "install cell first (run `make home` on a copy of another chapter's)"
                )
            return cell
    raise HomeError(f"{path}: no code cell; a chapter starts with the install cell")


def notebook_problems(root: Path, home: Home) -> list[str]:
    want = first_cell(home)
    problems = []
    for path in chapters(root):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if "".join(_first_code_cell(nb, path)["source"]) != want:
            problems.append(f"{path.relative_to(root)}: the first cell installs another source")
    return problems


def write_notebooks(root: Path, home: Home) -> list[Path]:
    want = first_cell(home).splitlines(keepends=True)
    changed = []
    for path in chapters(root):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cell = _first_code_cell(nb, path)
        if cell["source"] != want:
            cell["source"] = want
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            changed.append(path)
    return changed


# The README names the repository in its clone command and links the published book.
GITHUB_REPO = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+?(?=[/)\s`\"'>]|\.git|$)")
PAGES_SITE = re.compile(r"https://[\w-]+\.github\.io/[\w.-]+/")


def readme_problems(root: Path, home: Home) -> list[str]:
    text = (root / "README.md").read_text(encoding="utf-8")
    problems = []
    for url in sorted(set(GITHUB_REPO.findall(text)) - {home.repository}):
        problems.append(f"README.md names the repository {url}, the setting says {home.repository}")
    for url in sorted(set(PAGES_SITE.findall(text)) - {home.book_url}):
        problems.append(
            f"README.md names the published book {url}, the setting says {home.book_url}"
        )
    for value in (home.repository, home.book_url):
        if value not in text:
            problems.append(f"README.md does not name {value}")
    return problems


def write_readme(root: Path, home: Home) -> bool:
    path = root / "README.md"
    old = path.read_text(encoding="utf-8")
    text = GITHUB_REPO.sub(home.repository, old)
    text = PAGES_SITE.sub(home.book_url, text)
    if text != old:
        path.write_text(text, encoding="utf-8")
    return text != old


CFF_KEYS = (("url", "book_url"), ("repository-code", "repository"))


def citation_problems(root: Path, home: Home) -> list[str]:
    path = root / "CITATION.cff"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    found = []
    for key, attr in CFF_KEYS:
        have = re.search(rf'(?m)^{key}: *"?([^"\n]*)"?$', text)
        if not have or have.group(1) != getattr(home, attr):
            found.append(f"CITATION.cff: {key} is not {getattr(home, attr)}")
    return found


def write_citation(root: Path, home: Home) -> bool:
    path = root / "CITATION.cff"
    if not path.is_file():
        return False
    old = text = path.read_text(encoding="utf-8")
    for key, attr in CFF_KEYS:
        text = re.sub(rf"(?m)^{key}: .*$", f'{key}: "{getattr(home, attr)}"', text)
    if text != old:
        path.write_text(text, encoding="utf-8")
    return text != old


def problems(root: Path, home: Home | None = None) -> list[str]:
    """Every place in the checkout at ``root`` that disagrees with the setting."""
    home = home or read_home()
    return (
        config_problems(root, home)
        + notebook_problems(root, home)
        + readme_problems(root, home)
        + citation_problems(root, home)
    )


def write(root: Path, home: Home | None = None) -> list[str]:
    """Bring every place in line with the setting; the names of the files changed."""
    home = home or read_home()
    changed = []
    if write_config(root, home):
        changed.append("_config.yml")
    changed += [str(p.relative_to(root)) for p in write_notebooks(root, home)]
    if write_readme(root, home):
        changed.append("README.md")
    if write_citation(root, home):
        changed.append("CITATION.cff")
    return changed


def cli(argv: list[str]) -> int:
    """``home`` lists what disagrees with the setting (exit 1 if anything); ``--write`` fixes it."""
    root = Path.cwd()
    if not (root / "_config.yml").is_file():
        print(
            "error: run this from the root of the checkout (where _config.yml is)", file=sys.stderr
        )
        return 2
    # The setting of the checkout at hand (a fork's), not of whichever copy is installed.
    own = root / "src" / "august1956" / SETTING.name
    home = read_home(own if own.is_file() else SETTING)
    if argv == ["--write"]:
        changed = write(root, home)
        print("\n".join(f"wrote {name}" for name in changed) or "nothing to change")
        return 0
    if argv:
        print("usage: python -m august1956 home [--write]", file=sys.stderr)
        return 2
    found = problems(root, home)
    for line in found:
        print(line)
    if found:
        where = own.relative_to(root) if own.is_file() else SETTING
        print(f"{len(found)} place(s) disagree with {where}; run `make home` to rewrite them.")
    return 1 if found else 0
