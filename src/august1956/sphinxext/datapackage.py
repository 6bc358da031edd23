"""Publish the data package where its descriptor's paths work: ``data/`` of the built site.

Sphinx puts each file offered with ``{download}`` in a folder of its own named by a hash,
so ``datapackage.json`` downloaded from a page names ``people.csv`` beside it, where there
is none. After the build this extension copies the descriptor and the tables it lists into
``_build/html/data/``, side by side, and packs the same files into
``_build/html/data/august1956-data.zip``: a reader (or ``frictionless``) can open the
descriptor from the site or from the unpacked zip and find every table.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from august1956.paths import data_dir

FOLDER = "data"
ZIP_NAME = "august1956-data.zip"


def publish(source: Path, target: Path) -> list[str]:
    """Copy the descriptor and its tables from ``source`` to ``target``, and zip them.

    Returns the names copied (descriptor first). Each file is written under a temporary
    name and renamed, so a reader never finds half a table.
    """
    descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    names = ["datapackage.json", *(r["path"] for r in descriptor["resources"])]
    return publish_files(source, names, target, ZIP_NAME)


def publish_files(source: Path, names: list[str], target: Path, zip_name: str) -> list[str]:
    """Copy the files ``names`` (paths relative to ``source``) into ``target`` and pack them
    into ``target / zip_name``; each file and the zip are written under a temporary name and
    renamed, so a reader never finds half a file. Returns ``names``."""
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        partial = (target / name).with_name(f".{Path(name).name}.tmp")
        shutil.copyfile(source / name, partial)
        partial.replace(target / name)
    partial = target / f".{zip_name}.tmp"
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(source / name, arcname=name)
    partial.replace(target / zip_name)
    return names


def on_build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        publish(data_dir(), Path(app.outdir) / FOLDER)


def setup(app):
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
