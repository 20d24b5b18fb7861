"""Check the anonymous rate limit's clear 429, and that other sites may read, only read."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rate(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }


def test_too_many_requests_get_a_json_429_with_retry_after(client, low_rate):
    for _ in range(3):
        assert client.get("/api/kinds/").status_code == 200
    response = client.get("/api/resources/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"]


def test_each_client_address_has_its_own_allowance(client, low_rate):
    for _ in range(3):
        client.get("/api/kinds/", REMOTE_ADDR="192.0.2.1")
    assert client.get("/api/kinds/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/kinds/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, low_rate, settings):
    settings.HUB_TRUSTED_PROXIES = []
    for number in range(3):
        client.get("/api/kinds/", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    response = client.get("/api/kinds/", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429


def test_addresses_of_one_ipv6_64_share_an_allowance(client, low_rate):
    for host in range(1, 4):
        client.get("/api/kinds/", REMOTE_ADDR=f"2001:db8:7:7::{host}")
    assert client.get("/api/kinds/", REMOTE_ADDR="2001:db8:7:7:ffff::1").status_code == 429
    assert client.get("/api/kinds/", REMOTE_ADDR="2001:db8:7:8::1").status_code == 200


def test_the_default_rate_is_the_configured_one(client):
    from rest_framework.settings import api_settings

    assert api_settings.DEFAULT_THROTTLE_RATES["anon"]
    assert client.get("/api/kinds/").status_code == 200


def test_any_site_may_read_the_api(client):
    response = client.get("/api/resources/", HTTP_ORIGIN="https://portal.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_other_sites_may_not_send_anything_but_reads(client):
    response = client.options(
        "/api/resources/",
        HTTP_ORIGIN="https://portal.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    allowed = {
        method.strip()
        for method in response.get("Access-Control-Allow-Methods", "").split(",")
        if method.strip()
    }
    assert "POST" not in allowed
    assert allowed <= {"GET", "HEAD", "OPTIONS"}
    preflight_get = client.options(
        "/api/resources/",
        HTTP_ORIGIN="https://portal.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight_get["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight_get["Access-Control-Allow-Methods"]
    assert (
        client.post(
            "/api/resources/",
            HTTP_ORIGIN="https://portal.example.org",
        ).status_code
        == 405
    )


def test_pages_outside_the_open_data_are_not_shared(client):
    response = client.get("/resources/", HTTP_ORIGIN="https://portal.example.org")
    assert "Access-Control-Allow-Origin" not in response
