"""Share fixtures across the suite; tests run on the database that DATABASE_URL names."""

import os

import pytest
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; live_server needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Skip PostgreSQL-only tests on SQLite, saying why in the report."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason=f"needs PostgreSQL; this run uses {connection.vendor}")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash passwords cheaply in tests; production keeps Django's slow default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a call and then its after-commit callbacks (mail), as a real commit would.

    Tests run inside a transaction that never commits, so ``transaction.on_commit``
    callbacks would otherwise never fire: ``committed(workflow.transition, ...)`` or
    ``committed(client.post, url, data)``.
    """

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
