"""Shared pytest settings for the tests folder."""


def pytest_configure(config):
    # `make test` runs the slow tests too; `pytest -m "not slow"` leaves them out.
    config.addinivalue_line(
        "markers", "slow: takes over a minute (builds a wheel or a venv, drives a browser)"
    )
