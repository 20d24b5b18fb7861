"""Load balancers ask /health whether to send traffic and /health/live whether to restart."""

import pytest


def assert_uncached_json_without_cookies(response):
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_health_reports_the_database_ready(client, db):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert_uncached_json_without_cookies(response)


def test_liveness_answers_without_touching_the_database(client):
    # This test has no database access: any query would raise.
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_uncached_json_without_cookies(response)


def test_health_is_never_rate_limited(client, db):
    assert {client.get("/health").status_code for _ in range(200)} == {200}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_health_only_answers_reads(client, db, method):
    assert getattr(client, method)("/health").status_code == 405


def test_health_answers_503_while_a_database_does_not_answer(client, unreachable_replica):
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "replica": "unavailable"},
    }
    assert response["Retry-After"] == "30"
    assert_uncached_json_without_cookies(response)
