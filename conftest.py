"""Settings for every test, the library's doctests included."""

import pytest


@pytest.fixture(autouse=True)
def built_book_mode(monkeypatch):
    """Tests see the library as the book's build does: static views, citation links as
    MyST targets. A test of a live session sets ``AUGUST1956_STATIC`` to ``0`` itself."""
    monkeypatch.setenv("AUGUST1956_STATIC", "1")
