"""Throw arbitrary query strings and address arguments at every address the hub routes.

Whatever the input, the answer is never a 5xx, and a GET never stores anything. The
addresses come from the URLconf itself, so a new page is fuzzed as soon as it is routed;
one without sample arguments below fails ``test_every_address_has_samples``. The JSON
API's operations (those its OpenAPI schema declares) are fuzzed against that schema by
schemathesis in tests/resources/api/test_schema.py and are left out here; the API's other pages
(schema, documentation, guide and the JSON 404) are walked like every other page.
"""

import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from hypothesis import given
from hypothesis import strategies as st

from .conftest import rolled_back
from .strategies import SPECIAL_TEXT, fuzz_settings, garbage, query_strings

pytestmark = pytest.mark.django_db

# Django's own admin is for editors only and is Django's code, not the hub's.
SKIPPED_PREFIXES = ("admin/",)

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def writes(queries) -> list[str]:
    """Return the statements that changed stored data, sessions and counters aside."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if WRITE.match(query["sql"]) and not re.search(r"django_session|hub_cache", query["sql"])
    ]


def walk(patterns, prefix: str = "", namespace: str = "", converters=None):
    """Yield ``(name, template, converters)`` for every routed address.

    The template has ``{argument}`` holes; ``converters`` names each hole's converter
    ("int", "slug", "str", or "path" for anything).
    """
    for pattern in patterns:
        piece, found = template_of(pattern)
        template, known = prefix + piece, {**(converters or {}), **found}
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from walk(pattern.url_patterns, template, inner, known)
        elif isinstance(pattern, URLPattern):
            name = (
                ":".join(part for part in (namespace, pattern.name) if part)
                if pattern.name
                else template
            )
            yield name, template, known


def template_of(pattern) -> tuple[str, dict[str, str]]:
    text = str(pattern.pattern)
    if text.startswith("^"):  # a regular expression
        holes = dict.fromkeys(re.findall(r"\(\?P<(\w+)>", text), "path")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text.strip("^$"))
        return text.replace("\\", ""), holes
    holes = {
        name: converter or "str" for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", text)
    }
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text), holes


def schema_templates() -> set[str]:
    """Return the API addresses the OpenAPI schema declares, as templates without "/"."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {path.lstrip("/") for path in schema["paths"]}


def routed_addresses() -> list[tuple[str, str, dict[str, str]]]:
    covered_by_schemathesis = schema_templates()
    return [
        (name, template, converters)
        for name, template, converters in walk(get_resolver().url_patterns)
        if not template.startswith(SKIPPED_PREFIXES) and template not in covered_by_schemathesis
    ]


def sample_arguments(samples) -> dict[str, dict[str, object]]:
    """Fill each address's holes with real values: a published item, objective 10…"""
    item, assignment = samples.published, samples.to_declare
    return {
        "resources:cite": {"slug": item.slug, "format": "ris"},
        "resources:detail": {"slug": item.slug},
        "resources:facet_values": {"parameter": "country"},
        "api/{path}/": {"path": "no-such-collection"},
        "accounts:confirm": {"token": "not-a-real-token"},
        "accounts:password_reset_confirm": {
            "uidb64": samples.reset_uid,
            "token": samples.reset_token,
        },
        "submission:item": {"pk": samples.draft.pk},
        "submission:edit": {"pk": samples.draft.pk},
        "submission:submit_item": {"pk": samples.draft.pk},
        "submission:withdraw": {"pk": samples.draft.pk},
        "files:download": {"pk": item.pk},
        "review:item": {"pk": samples.decidable.pk},
        "review:assign": {"pk": samples.decidable.pk},
        "review:decide": {"pk": samples.decidable.pk},
        "review:assignment": {"pk": assignment.pk},
        "review:declare": {"pk": assignment.pk},
        "review:review": {"pk": assignment.pk},
        "review:unassign": {"pk": assignment.pk},
        "review:roster_decide": {"pk": samples.application.pk},
        "review:roster_remove": {"pk": samples.spare_reviewer.reviewer_profile.pk},
        "review:roster_confirm_un": {"pk": samples.spare_reviewer.reviewer_profile.pk},
        "taxonomy:objective": {"code": "10"},
        "taxonomy:principle": {"slug": "human-rights"},
        "taxonomy:region": {"slug": "africa"},
        "taxonomy:country": {"iso3": "NGA"},
        "taxonomy:document_type": {"slug": "report"},
    }


def visitor(name: str, samples):
    """Sign in as whoever the page is for, so the fuzzer gets past the sign-in page."""
    if name in ("review:assignment", "review:declare", "review:review"):
        return samples.reviewer
    if name.startswith("review:") and name != "review:roster_apply":
        return samples.editor
    if name.startswith("submission:"):
        return samples.partner
    if name in (
        "review:roster_apply",
        "accounts:profile",
        "accounts:password_change",
        "accounts:logout",
    ):
        return samples.partner
    return None


ADDRESSES = routed_addresses()
# Pages that take their parameters from a form post as well as from the query string.
READ_BY_POST_TOO = {"opendata:oai"}


def test_the_walk_finds_the_public_contract():
    templates = {template for _name, template, _converters in ADDRESSES}
    for template in (
        "",
        "resources/",
        "resources/{slug}/",
        "resources/feed.rss",
        "resources/export.csv",
        "objectives/{code}/",
        "countries/{iso3}/",
        "oai",
        "sitemap.xml",
        "robots.txt",
        "submit/",
        "review/",
        "contact/",
        "accounts/login/",
        "api/docs/",
        "api/{path}/",
    ):
        assert template in templates, template
    for template in ("api/", "api/resources/", "api/resources/{slug}/"):
        assert template not in templates  # fuzzed by schemathesis


def test_every_address_has_samples(samples):
    arguments = sample_arguments(samples)
    for name, template, converters in ADDRESSES:
        assert set(converters) <= set(arguments.get(name, {})), (
            f"add sample arguments for {name} ({template}) to sample_arguments()"
        )


@pytest.mark.parametrize(
    ("name", "template"),
    [address[:2] for address in ADDRESSES],
    ids=[address[0] for address in ADDRESSES],
)
@fuzz_settings(max_examples=25)
@given(query=query_strings)
def test_any_query_string_gets_an_answer_not_an_error(client, samples, name, template, query):
    path = "/" + template.format(**sample_arguments(samples).get(name, {}))
    person = visitor(name, samples)
    with rolled_back():
        client.cookies.clear()
        if person is not None:
            client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{path}?{query}")
            if response.streaming:  # read to the end, as a client does: a body can fail too
                b"".join(response.streaming_content)
        assert response.status_code < 500, f"GET {path}?{query}"
        assert writes(queries) == [], f"GET {path}?{query} stored data"
        if name in READ_BY_POST_TOO:
            response = client.post(path, query, content_type="application/x-www-form-urlencoded")
            assert response.status_code < 500, f"POST {path} {query}"


def argument_values(converter: str) -> st.SearchStrategy:
    """Generate what a client could put in a hole the converter lets through."""
    if converter == "int":
        return st.one_of(st.integers(0, 50), st.integers(0, 10**40)).map(str)
    if converter == "slug":
        return st.from_regex(r"\A[-a-zA-Z0-9_]{1,120}\Z")
    return st.one_of(garbage, st.sampled_from(SPECIAL_TEXT)).map(quoted).filter(bool)


def quoted(value: str | bytes) -> str:
    if isinstance(value, bytes):
        return quote(value, safe="")
    return quote(value, safe="", errors="surrogatepass")


WITH_ARGUMENTS = [address for address in ADDRESSES if address[2]]


@pytest.mark.parametrize(
    ("name", "template", "converters"),
    WITH_ARGUMENTS,
    ids=[address[0] for address in WITH_ARGUMENTS],
)
@fuzz_settings(max_examples=15)
@given(data=st.data())
def test_any_address_argument_gets_an_answer_not_an_error(
    client, samples, name, template, converters, data
):
    arguments = {
        hole: data.draw(argument_values(converter), label=hole)
        for hole, converter in converters.items()
    }
    path = "/" + template.format(**arguments)
    person = visitor(name, samples)
    with rolled_back():
        client.cookies.clear()
        if person is not None:
            client.force_login(person)
        assert client.get(path).status_code < 500, f"GET {path}"
        # Forms look their item up too; an empty post reaches that look-up.
        assert client.post(path).status_code < 500, f"POST {path}"
