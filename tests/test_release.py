"""One version of the book and its data, with its date, its citation file and its licences.

The version lives in ``pyproject.toml``; ``CHANGELOG.md``'s first heading gives the
release with its date (the footer of every page prints both); ``CITATION.cff`` repeats
them for GitHub's "Cite this repository"; the release tag that chapters install
(``home.toml``) is ``v`` and the number.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from august1956.home import read_home
from august1956.sphinxext.colophon import release

ROOT = Path(__file__).resolve().parents[1]


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def test_the_changelog_opens_with_the_package_version():
    version, _ = release(ROOT)
    assert version == project_version(), "add the release to CHANGELOG.md"


def test_the_citation_file_validates_and_names_this_release():
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.citation-file-format",
            str(ROOT / "CITATION.cff"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    version, day = release(ROOT)
    assert str(cff["version"]) == version
    assert str(cff["date-released"]) == day.isoformat()
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}


def test_chapters_install_the_release_of_this_version():
    ref = read_home().ref
    if re.fullmatch(r"v\d+\.\d+\.\d+", ref):
        assert ref == f"v{project_version()}", "set ref in home.toml to the new release's tag"


def test_the_licences_are_in_the_repository():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for words in ("MIT", "CC BY 4.0", "rights holders"):
        assert words in readme, words
