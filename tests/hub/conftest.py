"""Fixtures the hub's resilience and health tests share."""

import copy
import socket

import pytest
from django.db import connections


def a_free_port() -> int:
    """Return a local port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_replica(django_db_setup, django_db_blocker):
    """Declare a PostgreSQL replica on a port where nothing listens.

    The tests that use it run outside pytest-django's test cases (which refuse aliases
    declared late) and reach the test database through ``django_db_blocker``; they only
    read.
    """
    pytest.importorskip("psycopg")
    configured = connections.settings.get("replica")
    connections.settings["replica"] = {
        **copy.deepcopy(connections["default"].settings_dict),
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "hub",
        "USER": "hub",
        "HOST": "127.0.0.1",
        "PORT": str(a_free_port()),
        "OPTIONS": {"connect_timeout": 2},
    }
    with django_db_blocker.unblock():
        yield
    connections["replica"].close()
    delattr(connections._connections, "replica")
    if configured is None:
        del connections.settings["replica"]
    else:
        connections.settings["replica"] = configured
