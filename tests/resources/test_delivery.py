"""Exports are rate limited per client and capped per worker, so they cannot take the hub down."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from resources.citations import Citation
from resources.opendata import delivery
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def content(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


EXPORT_ROUTES = ["resources:export_csv", "resources:export_ris", "resources:export_bib"]


@pytest.fixture
def no_counts_yet(db):
    """Start from empty rate-limit counters, whatever earlier tests committed."""
    caches["limits"].clear()


def test_one_client_gets_429_after_its_exports_while_another_still_gets_200(
    client, settings, no_counts_yet
):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "export": "3/h"}
    ResourceFactory(countries=["NGA"])
    for route in EXPORT_ROUTES:  # every format counts against the same limit
        response = client.get(reverse(route), {"country": "NGA"})
        assert response.status_code == 200
        content(response)
    for route in EXPORT_ROUTES:
        refused = client.get(reverse(route))
        assert refused.status_code == 429
        assert 0 < int(refused["Retry-After"]) <= 3600
    assert client.head(reverse("resources:export_csv")).status_code == 200  # HEAD reads nothing
    other = client.get(reverse("resources:export_ris"), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200
    assert "Resource number" in content(other)


def test_exports_are_rate_limited_by_default(settings):
    for group in ("export", "feed", "oai"):
        count, _period = settings.HUB_RATE_LIMITS[group].split("/")
        assert int(count) > 0


def assert_busy(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(delivery.BUSY_RETRY_AFTER_SECONDS)
    assert "Too many exports are being sent right now" in response.content.decode()


def test_exports_beyond_the_cap_at_once_get_503_and_page_views_still_answer(
    client, settings, hang_up
):
    settings.HUB_EXPORTS_AT_ONCE = 2
    ResourceFactory(title="Nigeria return guidance", countries=["NGA"])
    whole = client.get(reverse("resources:export_csv"))  # held open, not read
    filtered = client.get(reverse("resources:export_ris"), {"country": "NGA"})
    assert (whole.status_code, filtered.status_code) == (200, 200)
    assert_busy(client.get(reverse("resources:export_bib")))
    assert_busy(client.get(reverse("resources:export_csv"), {"country": "NGA"}))
    assert client.get(reverse("resources:browse")).status_code == 200
    assert client.head(reverse("resources:export_bib")).status_code == 200

    hang_up(whole)
    third = client.get(reverse("resources:export_bib"), {"country": "NGA"})
    assert third.status_code == 200
    assert_busy(client.get(reverse("resources:export_bib")))
    assert "Nigeria return guidance" in content(filtered)  # read to the end: its slot is free
    assert client.get(reverse("resources:export_ris")).status_code == 200


def test_an_export_served_from_its_stored_file_holds_a_slot_too(client, settings):
    settings.HUB_EXPORTS_AT_ONCE = 1
    ResourceFactory()
    content(client.get(reverse("resources:export_ris")))  # writes the file
    stored = client.get(reverse("resources:export_ris"))
    assert stored.status_code == 200
    assert_busy(client.get(reverse("resources:export_ris")))
    content(stored)
    assert client.get(reverse("resources:export_ris")).status_code == 200


def test_a_failing_export_never_keeps_its_slot(client, settings, monkeypatch):
    settings.HUB_EXPORTS_AT_ONCE = 1
    ResourceFactory(countries=["NGA"])

    def broken(*args, **kwargs):
        raise RuntimeError("a record could not be written")

    monkeypatch.setattr(Citation, "ris", broken)
    with pytest.raises(RuntimeError):
        content(client.get(reverse("resources:export_ris"), {"country": "NGA"}))
    monkeypatch.setattr(delivery, "catalogue_file", broken)
    with pytest.raises(RuntimeError):
        client.get(reverse("resources:export_bib"))
    assert delivery.EXPORT_SLOTS.taken == 0
    monkeypatch.undo()
    assert client.get(reverse("resources:export_csv")).status_code == 200
