"""Public reads go to the read replica; writes, signed-in people and form posts use the primary."""

import copy

import pytest
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub.routers import PrimaryReplicaRouter, ReplicaReadsMiddleware
from resources.models import Resource
from tests.factories import ResourceFactory, UserFactory

router = PrimaryReplicaRouter()


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """Declare a "replica" alias on the test database, as DATABASE_REPLICA_URL would.

    Module-scoped so that it exists before a test case starts: Django lets a test case
    use only the aliases it knows then (the integration tests ask for all of them).
    """
    if "replica" in connections:  # DATABASE_REPLICA_URL is set: the mirror of the test database
        yield connections["replica"]
        return
    connections.settings["replica"] = copy.deepcopy(connections["default"].settings_dict)
    with django_db_blocker.unblock():
        connections["replica"].ensure_connection()
    yield connections["replica"]
    connections["replica"].close()
    del connections.settings["replica"]
    delattr(connections._connections, "replica")


@pytest.fixture
def without_replica():
    """Hide the replica alias, if a module fixture declared it, for one test."""
    declared = connections.settings.pop("replica", None)
    yield
    if declared is not None:
        connections.settings["replica"] = declared


def read_alias_in_request(request, *, write_first: bool = False) -> str:
    """Tell which alias a read of the catalogue uses while ``request`` is being served."""
    chosen = {}

    def view(request):
        if write_first:
            router.db_for_write(Resource)
        chosen["alias"] = router.db_for_read(Resource)
        return None

    ReplicaReadsMiddleware(view)(request)
    return chosen["alias"]


def anonymous(request):
    request.session = {}
    return request


def signed_in(request):
    request.session = {"_auth_user_id": "1"}
    return request


# The router's choices -------------------------------------------------------------------


def test_without_a_replica_the_router_decides_nothing(without_replica):
    request = anonymous(RequestFactory().get("/resources/"))
    assert read_alias_in_request(request) is None
    assert router.db_for_write(Resource) is None
    assert router.allow_migrate("default", "resources") is None


def test_an_anonymous_get_reads_the_replica(replica_alias):
    assert read_alias_in_request(anonymous(RequestFactory().get("/resources/"))) == "replica"
    assert read_alias_in_request(anonymous(RequestFactory().head("/resources/"))) == "replica"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_any_other_method_reads_the_primary(replica_alias, method):
    request = anonymous(getattr(RequestFactory(), method)("/contact/"))
    assert read_alias_in_request(request) == "default"


def test_a_signed_in_person_reads_the_primary_even_on_get(replica_alias):
    assert read_alias_in_request(signed_in(RequestFactory().get("/review/"))) == "default"


def test_after_a_write_the_rest_of_the_request_reads_the_primary(replica_alias):
    request = anonymous(RequestFactory().get("/resources/"))
    assert read_alias_in_request(request, write_first=True) == "default"


def test_outside_a_request_everything_reads_the_primary(replica_alias):
    assert router.db_for_read(Resource) == "default"
    assert router.db_for_write(Resource) == "default"


def test_sessions_and_counters_are_always_read_from_the_primary(replica_alias):
    chosen = {}

    def view(request):
        chosen["session"] = router.db_for_read(Session)
        chosen["resource"] = router.db_for_read(Resource)

    ReplicaReadsMiddleware(view)(anonymous(RequestFactory().get("/")))
    assert chosen == {"session": "default", "resource": "replica"}


def test_the_replica_is_never_migrated(replica_alias):
    assert router.allow_migrate("replica", "resources") is False
    assert router.allow_migrate("default", "resources") is None


# Real requests on two database connections -----------------------------------------------


@pytest.fixture
def catalogue(replica_alias, transactional_db):
    """Commit a published item, so that both connections see it."""
    ResourceFactory(title="Trafficking in persons along migration routes")


def queries_on(alias):
    return CaptureQueriesContext(connections[alias])


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_an_anonymous_browse_reads_only_the_replica(client, catalogue):
    with queries_on("default") as primary, queries_on("replica") as replica:
        response = client.get(reverse("resources:browse"))
    assert response.status_code == 200
    assert "Trafficking in persons along migration routes" in response.content.decode()
    assert any("resources_resource" in query["sql"] for query in replica.captured_queries)
    assert primary.captured_queries == []


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_post_reads_and_writes_the_primary(client, catalogue):
    UserFactory(username="ana")
    with queries_on("default") as primary, queries_on("replica") as replica:
        response = client.post(
            reverse("accounts:login"), {"username": "ana", "password": "wrong password"}
        )
    assert response.status_code in {200, 400}
    assert any("accounts_user" in query["sql"] for query in primary.captured_queries)
    assert replica.captured_queries == []


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_signed_in_editor_reads_the_queue_from_the_primary(client, catalogue):
    client.force_login(UserFactory(username="edith", groups=["editor"]))
    with queries_on("default") as primary, queries_on("replica") as replica:
        response = client.get(reverse("review:queue"))
    assert response.status_code == 200
    assert primary.captured_queries
    assert replica.captured_queries == []


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_reads_inside_a_transaction_use_the_primary(replica_alias):
    chosen = {}

    def view(request):
        chosen["before"] = router.db_for_read(Resource)
        with transaction.atomic():
            chosen["inside"] = router.db_for_read(Resource)

    ReplicaReadsMiddleware(view)(anonymous(RequestFactory().get("/resources/")))
    assert chosen == {"before": "replica", "inside": "default"}
