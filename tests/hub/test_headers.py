"""Every response tells the browser to isolate the hub: CSP, no sniffing, framing or features."""

import pytest
from django.conf import settings

from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in parts}


@pytest.fixture
def item():
    return ResourceFactory(title="Guidelines on victim identification", slug="guidelines")


@pytest.fixture(
    params=["page", "item", "api", "feed", "not found", "api not found", "form refused"]
)
def response(request, client, item):
    """One response of each kind the hub sends."""
    answers = {
        "page": lambda: client.get("/"),
        "item": lambda: client.get(f"/resources/{item.slug}/"),
        "api": lambda: client.get("/api/resources/"),
        "feed": lambda: client.get("/resources/feed.rss"),
        "not found": lambda: client.get("/no-such-page/"),
        "api not found": lambda: client.get("/api/no-such-endpoint/"),
        "form refused": lambda: client.post(
            "/contact/", {"message": "x" * 10}, CONTENT_LENGTH="bogus"
        ),
    }
    return answers[request.param]()


def test_every_response_carries_the_content_security_policy(response):
    assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP


def test_every_response_carries_the_isolation_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_no_policy_allows_inline_or_evaluated_code():
    for policy in (
        settings.CONTENT_SECURITY_POLICY,
        getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {},
    ):
        for sources in policy.get("DIRECTIVES", {}).values():
            text = " ".join(sources if isinstance(sources, list | tuple | set) else [sources])
            assert "unsafe-inline" not in text
            assert "unsafe-eval" not in text
            assert "unsafe-hashes" not in text


def test_pages_may_be_read_only_by_the_hub_itself(client, item):
    for path in ("/", f"/resources/{item.slug}/", "/no-such-page/", "/accounts/login/"):
        assert client.get(path)["Cross-Origin-Resource-Policy"] == "same-origin", path


@pytest.mark.parametrize(
    "path",
    [
        "/api/resources/",
        "/api/objectives/",
        "/resources/feed.rss",
        "/resources/feed.atom",
        "/resources/export.csv",
        "/oai?verb=Identify",
    ],
)
def test_open_data_may_be_read_by_any_site(client, item, path):
    response = client.get(path, HTTP_ORIGIN="https://research.example.net")
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_api_documentation_has_no_inline_script_or_style(client):
    html = client.get("/api/docs/").content.decode()
    assert "<style" not in html
    assert " style=" not in html
    scripts = html.split("<script")[1:]
    for script in scripts:
        tag, _, rest = script.partition(">")
        body = rest.split("</script>", 1)[0].strip()
        # Either a script file, or a JSON data block that the browser never runs.
        assert "src=" in tag or 'type="application/json"' in tag, tag
        assert "src=" not in tag or body == ""


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/profile/",
        "/resources/guidelines/",
        "/api/resources/",
        "/resources/feed.rss",
        "/no-such-page/",
        "/accounts/login/",
        "/my/",
    ],
)
def test_no_cache_keeps_a_page_served_to_a_signed_in_person(client, item, path):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(path)
    directives_given = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives_given == {"private", "no-store"}, (path, response["Cache-Control"])


def test_anonymous_pages_are_left_to_their_own_caching(client, item):
    response = client.get("/resources/feed.rss")
    assert "no-store" not in response.get("Cache-Control", "")
