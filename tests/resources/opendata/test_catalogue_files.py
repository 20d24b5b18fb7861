"""The export of the whole catalogue is written once per catalogue version and served from it."""

import gc

import pytest
from django.db import connection
from django.http import FileResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import Resource, Status
from resources.opendata import catalogue_files
from resources.opendata.catalogue_files import export_storage
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

ROUTES = ["resources:export_csv", "resources:export_ris", "resources:export_bib"]


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def stored_names() -> list[str]:
    """List the files in the exports folder, hidden temporary ones included."""
    try:
        return sorted(export_storage().listdir(catalogue_files.FOLDER)[1])
    except FileNotFoundError:
        return []


def item_queries(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if "resources_resource" in query["sql"] or "taxonomy_" in query["sql"]
    ]


@pytest.fixture
def catalogue():
    return [
        ResourceFactory(
            title="Nigeria return guidance",
            countries=["NGA"],
            publication_year=2019,
            url="https://example.org/a?b=1&c=2",
        ),
        ResourceFactory(title="Trata de personas — Côte d’Ivoire", countries=["CIV"]),
        ResourceFactory(title="Hidden draft", status=Status.DRAFT),
    ]


@pytest.mark.parametrize("route", ROUTES)
def test_the_whole_catalogue_is_served_from_its_file_without_reading_items(
    client, catalogue, route
):
    url = reverse(route)
    live = client.get(url)
    first = body(live)
    assert len(stored_names()) == 1

    with CaptureQueriesContext(connection) as queries:
        stored = client.get(url)
        again = body(stored)
    assert item_queries(queries.captured_queries) == []
    assert isinstance(stored, FileResponse)
    assert again == first
    assert int(stored["Content-Length"]) == len(first)
    for header in ("Content-Type", "Content-Disposition"):
        assert stored[header] == live[header]
    assert b"Nigeria return guidance" in again
    assert b"Hidden draft" not in again
    # The same items asked for with a filter that keeps all of them are exported live,
    # byte for byte the same.
    with CaptureQueriesContext(connection) as queries:
        filtered = body(client.get(url, {"year_from": 1900}))
    assert item_queries(queries.captured_queries)
    assert filtered == first
    assert len(stored_names()) == 1


def test_parameters_that_select_nothing_still_use_the_file(client, catalogue):
    url = reverse("resources:export_csv")
    first = body(client.get(url))
    with CaptureQueriesContext(connection) as queries:
        same = body(
            client.get(url, {"sort": "scope", "page": "3", "utm_source": "x", "country": ""})
        )
    assert item_queries(queries.captured_queries) == []
    assert same == first


def test_publishing_an_item_writes_a_new_file_that_includes_it(client, catalogue):
    url = reverse("resources:export_ris")
    before = body(client.get(url))
    body(client.get(reverse("resources:export_csv")))
    old_names = stored_names()
    assert len(old_names) == 2
    newcomer = ResourceFactory(title="Freshly reviewed guidance", status=Status.IN_REVIEW)
    assert b"Freshly reviewed guidance" not in body(client.get(url))

    Resource.objects.filter(pk=newcomer.pk).update(status=Status.PUBLISHED)
    after = body(client.get(url))
    assert b"Freshly reviewed guidance" in after
    assert after != before
    names = stored_names()
    assert len(names) == 1  # every file of the older versions is deleted
    assert names[0] not in old_names
    with CaptureQueriesContext(connection) as queries:
        assert body(client.get(url)) == after
    assert item_queries(queries.captured_queries) == []


def test_a_filtered_export_is_live_and_stores_nothing(client, catalogue):
    with CaptureQueriesContext(connection) as queries:
        exported = body(client.get(reverse("resources:export_bib"), {"country": "NGA"}))
    assert item_queries(queries.captured_queries)
    assert b"Nigeria return guidance" in exported
    assert b"Trata de personas" not in exported
    assert stored_names() == []


def test_an_export_cut_off_leaves_no_file_and_the_next_one_writes_it(client, catalogue, hang_up):
    url = reverse("resources:export_ris")
    response = client.get(url)
    chunks = iter(response.streaming_content)
    first_record = next(chunks)
    assert b"ER  -" in first_record
    assert not any(name.startswith(catalogue_files.PREFIX) for name in stored_names())
    hang_up(response)
    assert stored_names() == []
    whole = body(client.get(url))
    assert whole.startswith(first_record)
    assert len(stored_names()) == 1


def test_a_catalogue_changed_while_the_file_is_written_keeps_no_file(client, catalogue):
    url = reverse("resources:export_ris")
    response = client.get(url)
    chunks = iter(response.streaming_content)
    next(chunks)
    ResourceFactory(title="Published meanwhile")
    list(chunks)
    assert stored_names() == []
    assert b"Published meanwhile" in body(client.get(url))
    assert len(stored_names()) == 1


def test_while_one_request_writes_the_file_the_others_stream_live(client, catalogue):
    url = reverse("resources:export_csv")
    writing = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        meanwhile = body(client.get(url))
    assert item_queries(queries.captured_queries)
    assert not any(name.startswith(catalogue_files.PREFIX) for name in stored_names())
    assert body(writing) == meanwhile
    assert len(stored_names()) == 1


def test_nothing_is_kept_while_the_catalogue_version_is_unknown(client, catalogue, monkeypatch):
    monkeypatch.setattr(catalogue_files, "catalogue_token", lambda: None)
    url = reverse("resources:export_csv")
    assert body(client.get(url)) == body(client.get(url))
    assert stored_names() == []


def test_each_address_and_language_gets_its_own_file(client, catalogue):
    url = reverse("resources:export_ris")
    here = body(client.get(url))
    there = body(client.get(url, HTTP_HOST="localhost"))
    assert b"http://testserver/resources/" in here
    assert b"http://localhost/resources/" in there
    assert b"testserver" not in there
    french = body(client.get(f"/fr{url}"))  # the export of the French browse page
    assert b"http://testserver/fr/resources/" in french
    assert len(stored_names()) == 3
    assert body(client.get(url, HTTP_ACCEPT_LANGUAGE="fr")) == here
    assert body(client.get(f"/fr{url}")) == french


def test_a_writer_dropped_unclosed_removes_its_draft_without_a_query(client, catalogue):
    response = client.get(reverse("resources:export_ris"))
    next(iter(response.streaming_content))
    assert [name for name in stored_names() if name.startswith(catalogue_files.TEMPORARY_PREFIX)]
    with CaptureQueriesContext(connection) as queries:
        del response
        gc.collect()  # may run in the middle of another query, where none may be sent
    assert queries.captured_queries == []
    assert stored_names() == []
