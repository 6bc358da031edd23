"""Publish the edition's TEI and JSON files in the built site, beside the data package.

``python -m august1956 tei`` writes one TEI P5 file and one JSON file per unit under
``data/tei/`` and ``data/json/`` (:mod:`august1956.edition.tei`). After the build this
extension copies both folders into ``_build/html/data/``, where each edition page's download
links point, and packs them, with the corpus file and the JSON Schema, into
``_build/html/data/august1956-tei-json.zip``, which the data appendix offers.
"""

from __future__ import annotations

from pathlib import Path

from august1956.edition.tei import ARCHIVE_NAME, JSON_FOLDER, TEI_FOLDER
from august1956.paths import data_dir
from august1956.sphinxext.datapackage import FOLDER, publish_files


def publish_texts(source: Path, target: Path) -> list[str]:
    """Copy the TEI and JSON folders from ``source`` (the data folder) into ``target`` and
    zip them; returns the paths copied, relative to ``target``.

    A folder that is missing means the files were never written: the build stops with what
    to run, rather than publish pages whose download links lead nowhere.
    """
    names = []
    for folder in (TEI_FOLDER, JSON_FOLDER):
        files = sorted((source / folder).glob("*")) if (source / folder).is_dir() else []
        if not files:
            raise FileNotFoundError(
                f"{source / folder} holds no files: run `python -m august1956 tei` and commit "
                "data/tei and data/json."
            )
        names += [f"{folder}/{path.name}" for path in files]
    return publish_files(source, names, target, ARCHIVE_NAME)


def publish_texts_after_build(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        publish_texts(data_dir(), Path(app.outdir) / FOLDER)


def setup(app):
    app.connect("build-finished", publish_texts_after_build)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
