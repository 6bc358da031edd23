"""In-text citations that tell archival records apart: author and full date.

The book cites some twenty records of the Wilson Center Digital Archive, all by
the same "author" and all of 1956, so the author-year style of
sphinxcontrib-bibtex printed every one of them as "[Wilson Center Digital
Archive, 1956]". This style prints an entry's day and month before the year
when the entry has them (BibTeX's ``month = {21 September}``, the usual way to
give a day), so that a record reads "[Wilson Center Digital Archive, 21
September 1956]" and a book still reads "[Lankov, 2005]".

Name it in ``_config.yml`` as ``bibtex_reference_style: author_date`` and load
this module as a Sphinx extension: importing it registers the style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pybtex.richtext import Text
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import (
    join,
    join2,
    node,
    post_text,
    pre_text,
    reference,
)

STYLE_NAME = "author_date"
DAY_MONTH = re.compile(r"^\d{1,2} [A-Z][a-z]+$")


def entry_date(fields) -> str:
    """The date an in-text citation shows: day and month when the entry gives a day.

    >>> entry_date({"year": "1956", "month": "21 September"})
    '21 September 1956'
    >>> entry_date({"year": "2005", "month": "September"}), entry_date({"year": "2005"})
    ('2005', '2005')
    >>> entry_date({})
    'n.d.'
    """
    year = str(fields.get("year", "")).strip()
    month = str(fields.get("month", "")).strip()
    if year and DAY_MONTH.match(month):
        return f"{month} {year}"
    return year or "n.d."


@node
def dated(children, data):
    """The entry's date as :func:`entry_date` gives it."""
    assert not children
    return Text(entry_date(data["entry"].fields))


@dataclass
class _Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[
                join(sep=self.author_year_sep)[
                    self.person.author_or_editor_or_title(full="s" in role_name), dated
                ]
            ],
            post_text,
        ]


@dataclass
class _Textual(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name):
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                    pre_text, reference[dated], post_text
                ],
                self.bracket.right,
            ],
        ]


@dataclass
class AuthorDateReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year style with the day and month where known."""

    def __post_init__(self):
        super().__post_init__()
        # Replace the two author-year parts, keep the rest (author, label, year, empty).
        self.styles[0] = _Parenthetical(
            bracket=self.bracket_parenthetical,
            person=self.person,
            author_year_sep=self.author_year_sep,
            pre_text_sep=self.pre_text_sep,
            post_text_sep=self.post_text_sep,
        )
        self.styles[1] = _Textual(
            bracket=self.bracket_textual,
            person=self.person,
            text_reference_sep=self.text_reference_sep,
            pre_text_sep=self.pre_text_sep,
            post_text_sep=self.post_text_sep,
        )
        # The group dispatches roles to the styles it was given: give it the new two.
        self.role_style.update(
            (role, style) for style in self.styles[:2] for role in style.role_names()
        )


def _register() -> None:
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, AuthorDateReferenceStyle)


_register()


def setup(app):
    _register()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
