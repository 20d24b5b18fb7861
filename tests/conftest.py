"""Share fixtures across the suite; tests run on the database that DATABASE_URL names."""

import os
import uuid
from importlib import import_module
from unittest import mock

import pytest
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from tests.factories import ReviewerFactory, UserFactory
from tests.shared_data import FAST_PASSWORD_HASHERS

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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Let PostgreSQL acknowledge the tests' commits before it has flushed them to disk.

    Only a crash of the server could tell the difference (the last commits would be
    lost, never half-applied), and a test database does not outlive its run. It makes
    the transactional tests, which commit every statement, and the migrations that build
    each test database faster.
    """
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            options = database.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


def flushes_the_database(item) -> bool:
    """Tell whether pytest-django runs ``item`` as a transactional test, which ends in a flush.

    The same rule pytest-django applies: a ``django_db`` marker asking for transactions
    (or sequence resets), or a transactional fixture among those the test uses.
    """
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        (marker.args and marker.args[0])
        or marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
    ):
        return True
    transactional = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return not transactional.isdisjoint(getattr(item, "fixturenames", ()))


def restore_migrated_data() -> None:
    """Put back the rows the data migrations create, if a flush removed them.

    The taxonomy and the starting synonyms (with the editors' permissions on them) come
    from the data migrations' own functions, which are idempotent. The
    catalogue version row is normally put back by its own triggers; if not, it gets a
    fresh random token, as they would give it. The editor group gets its admin permissions
    back from its data migration. Contenttypes and permissions come back by
    themselves (the flush sends post_migrate).
    """
    from django.apps import apps

    from resources.models import CatalogueVersion
    from taxonomy.models import Objective

    if not Objective.objects.filter(code="10").exists():
        import_module("taxonomy.migrations.0002_load_taxonomy").load(apps, None)
    if not CatalogueVersion.objects.filter(pk=1).exists():
        CatalogueVersion.objects.create(pk=1, token=uuid.uuid4().hex)
    import_module("accounts.migrations.0004_editor_admin_permissions").grant(apps)
    synonyms = import_module("resources.migrations.0012_synonyms")
    synonyms.add_starting_groups(apps, connection.schema_editor())
    synonyms.grant_editors(apps, connection.schema_editor())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, give the next test the database migrations left.

    Run serially, pytest-django orders every transactional test after the others, so no
    test ever met a flushed database; with tests spread over several processes
    (pytest-xdist), a process may run a transactional test and then ordinary ones. This
    runs after every fixture of the test is torn down, so after the flush; after the last
    test (no ``nextitem``) the session's database fixtures are torn down too, so it does
    nothing then.
    """
    try:
        return (yield)
    finally:
        if nextitem is not None and flushes_the_database(item):
            with item.config.stash[blocking_manager_key].unblock():
                restore_migrated_data()


@pytest.fixture(autouse=True)
def english_until_asked():
    """Start each test in English: a request in another language leaves it active after."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash passwords cheaply in tests; production keeps Django's slow default hasher."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture
def partner():
    """A partner: any signed-up account with a confirmed email may submit."""
    return UserFactory(username="partner")


@pytest.fixture
def editor():
    """An editor, by membership of the editor group."""
    return UserFactory(username="editor", groups=["editor"])


@pytest.fixture
def reviewers():
    """A full review panel from the roster: one confirmed UN reviewer and two others."""
    return [ReviewerFactory(un=True), ReviewerFactory(), ReviewerFactory()]


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


@pytest.fixture(autouse=True)
def exports_aside(settings, tmp_path_factory, monkeypatch):
    """Keep each test's stored catalogue exports in its own folder, and its own export slots.

    A test client never closes a streamed response it did not read to the end, so a
    test's unread export would otherwise hold a slot until the garbage collector ran.
    """
    from hub.capacity import Slots
    from resources.opendata import delivery

    folder = tmp_path_factory.getbasetemp() / "exports" / uuid.uuid4().hex
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    monkeypatch.setattr(delivery, "EXPORT_SLOTS", Slots(setting="HUB_EXPORTS_AT_ONCE"))


@pytest.fixture
def hang_up():
    """Close a streamed response unread, as the server does when its client goes away.

    Closing a response ends its request, which would close the database connection the
    test's transaction runs on, so the connection is kept meanwhile.
    """

    def close(response) -> None:
        with mock.patch.object(BaseDatabaseWrapper, "close_if_unusable_or_obsolete"):
            response.close()

    return close
