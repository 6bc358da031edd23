"""Settings for every test, the library's doctests included."""

import pytest


@pytest.fixture(autouse=True)
def built_book_mode(monkeypatch):
    """Tests see the library as the book's build does: static views, citation links as
    MyST targets. A test of a live session sets ``AUGUST1956_STATIC`` to ``0`` itself."""
    monkeypatch.setenv("AUGUST1956_STATIC", "1")


@pytest.fixture(autouse=True, scope="session")
def model_cache(tmp_path_factory):
    """The repair's saved model goes to a folder of the test run's own (the commands the
    tests start inherit it), never to the user's cache."""
    import os

    folder = tmp_path_factory.mktemp("model-cache")
    old = os.environ.get("AUGUST1956_CACHE")
    os.environ["AUGUST1956_CACHE"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("AUGUST1956_CACHE", None)
    else:
        os.environ["AUGUST1956_CACHE"] = old
