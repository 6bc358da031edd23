"""Every page's colophon: its version and licences in the footer, its citation in the head.

- **Version.** The package's version (``pyproject.toml``) with the date of the first heading
  of ``CHANGELOG.md``, which must name the same version: a release that forgot its
  changelog entry is a build warning (and ``make book`` treats warnings as errors).
- **Footer.** The version, the licences (the project's code under MIT, its own prose and
  data under CC BY 4.0, the quoted translations under their holders' terms) and a link to
  the page on citing and reuse.
- **Head.** Highwire Press ``citation_*`` tags and Dublin Core ``DC.*`` tags, which
  reference managers such as Zotero read: the page's title, the book's title, the
  authors, the date of the version and the page's published address
  (``book_url`` of ``home.toml``).
"""

from __future__ import annotations

import html
import re
from datetime import date
from importlib import metadata
from pathlib import Path

from sphinx.util import logging

from august1956.home import read_home
from august1956.text.corpus import date_label

logger = logging.getLogger(__name__)

CHANGELOG_HEADING = re.compile(r"(?m)^## (\d+\.\d+\.\d+) \((\d{4}-\d\d-\d\d)\)$")
CITING_PAGE = "book/citing"
LICENCES = (
    "Code: MIT licence. Prose and data of this project: "
    '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>. '
    "The documents' translations, published by the Cold War International History "
    "Project, keep their rights holders' terms."
)


def release(root: Path) -> tuple[str, date]:
    """The version of the book and the date of its release, from the changelog.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "CHANGELOG.md").write_text("# Changes\\n\\n## 1.2.0 (2026-12-05)\\n")
    ...     release(Path(tmp))
    ('1.2.0', datetime.date(2026, 12, 5))
    """
    found = CHANGELOG_HEADING.search((root / "CHANGELOG.md").read_text(encoding="utf-8"))
    if not found:
        raise ValueError(f"{root / 'CHANGELOG.md'}: no heading '## X.Y.Z (YYYY-MM-DD)'")
    return found.group(1), date.fromisoformat(found.group(2))


def meta_tags(title: str, book_title: str, author: str, day: date, url: str) -> str:
    """The head's citation metadata for one page.

    >>> tags = meta_tags("Chapter", "Book", "A", date(2026, 12, 5), "https://x.io/c.html")
    >>> 'name="citation_publication_date" content="2026/12/05"' in tags
    True
    """
    pairs = [
        ("citation_title", title),
        ("citation_author", author),
        ("citation_publication_date", f"{day:%Y/%m/%d}"),
        ("citation_public_url", url),
        ("citation_language", "en"),
        ("DC.title", title),
        ("DC.creator", author),
        ("DC.date", day.isoformat()),
        ("DC.identifier", url),
        ("DC.language", "en"),
        ("DC.rights", "Prose and data: CC BY 4.0; quoted translations: their holders' terms"),
    ]
    if title != book_title:
        pairs[1:1] = [("citation_inbook_title", book_title)]
        pairs.append(("DC.relation.ispartof", book_title))
    return "".join(
        f'<meta name="{name}" content="{html.escape(value, quote=True)}" />\n'
        for name, value in pairs
    )


def check_version(app) -> None:
    """Warn when the changelog and the package disagree."""
    version, _ = app.august1956_release
    installed = metadata.version("august1956")
    if version != installed:
        logger.warning(
            f"CHANGELOG.md's first release is {version}, the package's version is {installed}: "
            "add the release to CHANGELOG.md (or reinstall the package after a version change)"
        )


def add_footer(app, config) -> None:
    """Read the release and the book's address once, for the footer and every page."""
    app.august1956_release = version, day = release(Path(app.confdir))
    app.august1956_book_url = read_home().book_url
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        "book_version": version,
        "book_year": str(day.year),
        "book_url": app.august1956_book_url,
    }
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (
        f"<p>Version {version} ({date_label(day.isoformat(), month='%B')}). {LICENCES} "
        f'See <a href="{{citing}}">citing and reuse</a>.</p>'
    )
    config.html_theme_options = options


def page_context(app, pagename, templatename, context, doctree) -> None:
    _, day = app.august1956_release
    book_title = app.config.html_title or app.config.project
    title = re.sub(r"<[^>]+>", "", html.unescape(context.get("title") or "")) or book_title
    url = app.august1956_book_url + pagename + ".html"
    context["metatags"] = context.get("metatags", "") + meta_tags(
        title, book_title, app.config.author, day, url
    )
    # The footer's link to the citing page, relative to this page.
    footer = context.get("theme_extra_footer") or ""
    if "{citing}" in footer:
        context["theme_extra_footer"] = footer.replace(
            "{citing}", app.builder.get_relative_uri(pagename, CITING_PAGE)
        )


def setup(app):
    app.connect("config-inited", add_footer)
    app.connect("builder-inited", check_version)
    app.connect("html-page-context", page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
