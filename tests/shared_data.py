"""Build a module's test data once, as Django's ``TestCase.setUpTestData`` does for a class.

A module-scoped fixture builds the data inside ``kept_for_the_module``: a transaction
rolled back when the module ends. Each test's own transaction nests inside it, so whatever
a test changes in the database is undone before the next test, and a function-scoped
fixture hands each test ``copy.deepcopy`` of the built objects, so that neither can a test
change the Python objects the next one receives::

    @pytest.fixture(scope="module")
    def built_catalogue(django_db_setup, django_db_blocker):
        with kept_for_the_module(django_db_blocker):
            yield build_catalogue()

    @pytest.fixture
    def catalogue(built_catalogue, db):
        return copy.deepcopy(built_catalogue)

The data stays in place from the first test that asks for it to the end of the module,
so use this only in a module whose every database test asks for the data or is
indifferent to it (make the module fixture ``autouse`` then, so that every test sees the
same database whatever order the tests run in).
"""

from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings

# What the suite's autouse ``fast_password_hashing`` fixture sets for each test; module
# fixtures are built before it applies.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def kept_for_the_module(django_db_blocker):
    """Open the database for a module fixture's data; undo it all when the block ends."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
    ):
        try:
            yield
        finally:
            transaction.set_rollback(True)
