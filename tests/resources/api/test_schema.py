"""Check that the OpenAPI schema is valid, the API keeps to it, and its pages work offline."""

import datetime
import json
import re

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import translation
from django.utils.translation import trans_real
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from hub.wsgi import application
from resources.models import Kind
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_schema_is_valid_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    for path in (
        "/api/resources/",
        "/api/resources/{slug}/",
        "/api/objectives/",
        "/api/principles/",
        "/api/regions/",
        "/api/countries/",
        "/api/document-types/",
        "/api/kinds/",
        "/api/languages/",
        "/api/organizations/",
    ):
        assert f"  {path}:" in text, path
    for private in ("submitted_by", "submitter", "search_text", "search_vector", "email"):
        assert private not in text


def test_schema_is_served_as_json(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def external_addresses(html: str) -> list[str]:
    """Return the addresses a page links to or loads that are not on this site."""
    addresses = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    addresses += re.findall(r"""url\(\s*["']?([^"')]+)""", html)
    return [
        address
        for address in addresses
        if not address.startswith(("/", "#", "?", "http://testserver/")) or address.startswith("//")
    ]


def test_the_interactive_documentation_loads_nothing_from_other_sites(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert external_addresses(html) == []
    assets = re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert any(asset.endswith("swagger-ui.css") for asset in assets)
    assert '"validatorUrl": null' in html
    assert '<html lang="en">' in html


def test_the_guide_explains_the_api_without_javascript(client):
    response = client.get("/api/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html
    assert external_addresses(html) == []
    for text in (
        "/api/schema/",
        "/api/docs/",
        "page_size",
        "429",
        "Retry-After",
        "120 requests a minute",
    ):
        assert text in html


@pytest.mark.parametrize(
    ("rate", "sentence"),
    [
        ("1/second", "1 request a second"),
        ("5/hour", "5 requests an hour"),
        ("900/day", "900 requests a day"),
    ],
)
def test_the_guide_says_each_rate_as_a_whole_sentence(client, settings, rate, sentence):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": rate}}
    assert sentence in client.get("/api/guide/").content.decode()


def served_schema() -> dict:
    """Build the schema as /api/schema/ serves it, without a request or a database."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


def test_every_text_of_the_schema_goes_through_a_translation(monkeypatch):
    # Bracket whatever the catalogues answer; a text without brackets was never marked.
    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        real = getattr(trans_real, name)
        monkeypatch.setattr(translation._trans, name, lambda *args, real=real: f"⟦{real(*args)}⟧")
    untranslated = []

    def look(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"title", "summary", "description"} and isinstance(value, str) and value:
                    if "⟦" not in value:
                        untranslated.append(f"{where}/{key}: {value}")
                look(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                look(value, where)

    look(served_schema(), "")
    assert untranslated == []


schema = schemathesis.openapi.from_dict(served_schema())
schema.app = application


@pytest.fixture
def keep_test_connection():
    """Keep the test's database connection open across requests, as Django's test client does.

    The WSGI handler closes connections it finds inside a transaction after each request;
    the test's transaction would go with it.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(generous_rate, keep_test_connection):
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", is_un_entity=True
    )
    ResourceFactory(
        title="Nigeria trafficking report",
        slug="nigeria-trafficking-report",
        countries=["NGA"],
        regions=["africa"],
        principles=["human-rights"],
        languages=["en"],
        publishers=[iom],
        actions=["a"],
        authors="A. Author",
        url="https://example.org/report",
    )
    ResourceFactory(
        title="A video",
        kind=Kind.VIDEO,
        slug="a-video",
        document_type=None,
        duration=datetime.timedelta(seconds=90),
        objectives=[],
    )


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_keeps_to_its_schema(case, api_data):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
