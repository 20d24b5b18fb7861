"""RIS and BibTeX exports stream the published items of any browse result, read back by parsers."""

import bibtexparser
import pytest
import rispy
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources import exports
from resources.citations import CITATION_PREFETCHES
from resources.models import Kind, Status
from taxonomy.models import Keyword
from tests.factories import OrganizationFactory, ResourceFactory
from tests.fuzz.strategies import HOSTILE_QUERIES
from tests.results import result_titles

pytestmark = pytest.mark.django_db

EXPORTS = ["/resources/export.ris", "/resources/export.bib"]


def content(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def ris_records(client, query: str = "") -> list[dict]:
    response = client.get(f"/resources/export.ris{query}")
    assert response.status_code == 200
    return rispy.loads(content(response))


def bibtex_library(client, query: str = ""):
    response = client.get(f"/resources/export.bib{query}")
    assert response.status_code == 200
    library = bibtexparser.parse_string(content(response))
    assert not library.failed_blocks
    return library


@pytest.fixture
def catalogue():
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", slug="iom"
    )
    forced = Keyword.objects.create(name="forced labour", slug="forced-labour")
    items = [
        ResourceFactory(
            title="Nigeria return guidance",
            slug="nigeria-return-guidance",
            countries=["NGA"],
            publishers=[iom],
            authors="Rebecca Surtees",
            keywords=[forced],
            languages=["en"],
            publication_year=2019,
            publication_month=5,
            publication_day=17,
        ),
        ResourceFactory(title="Thai fishing fleets", countries=["THA"], publication_year=2024),
        ResourceFactory(
            title="Video on recruitment",
            kind=Kind.VIDEO,
            document_type=None,
            countries=["NGA"],
            publication_year=2021,
            url="https://example.org/watch?v=1&t=2",
        ),
    ]
    for status in Status.values:
        if status != Status.PUBLISHED:
            ResourceFactory(title=f"Hidden {status}", status=status, countries=["NGA"])
    return items


@pytest.mark.parametrize(
    ("url", "content_type", "extension"),
    [
        (EXPORTS[0], "application/x-research-info-systems", "ris"),
        (EXPORTS[1], "application/x-bibtex", "bib"),
    ],
)
def test_exports_are_streamed_attachments(client, catalogue, url, content_type, extension):
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"].startswith(content_type)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="objective10-hub-resources-')
    assert disposition.endswith(f'.{extension}"')


def test_ris_export_has_one_record_per_published_item(client, catalogue):
    records = ris_records(client)
    assert [record["title"] for record in records] == [
        "Thai fishing fleets",
        "Video on recruitment",
        "Nigeria return guidance",
    ]
    nigeria = records[2]
    assert nigeria["type_of_reference"] == "RPRT"
    assert nigeria["authors"] == ["Surtees, Rebecca"]
    assert nigeria["year"] == "2019"
    assert nigeria["date"] == "2019/05/17"
    assert nigeria["publisher"] == "International Organization for Migration"
    assert "forced labour" in nigeria["keywords"]
    assert nigeria["urls"] == ["http://testserver/resources/nigeria-return-guidance/"]
    assert records[1]["type_of_reference"] == "VIDEO"
    assert records[1]["urls"][0] == "https://example.org/watch?v=1&t=2"


def test_bibtex_export_has_one_entry_per_published_item_with_unique_keys(client, catalogue):
    library = bibtex_library(client)
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys)) == 3
    by_key = {entry.key: entry for entry in library.entries}
    nigeria = by_key["nigeria-return-guidance"]
    assert nigeria.entry_type == "techreport"
    assert nigeria["author"] == "Surtees, Rebecca"
    assert nigeria["institution"] == "International Organization for Migration"
    assert nigeria["year"] == "2019" and nigeria["month"] == "may"
    video = by_key["video-on-recruitment"]
    assert video.entry_type == "misc"
    assert video["url"] == "https://example.org/watch?v=1&t=2"


@pytest.mark.parametrize("url", EXPORTS)
def test_no_unpublished_item_is_exported(client, catalogue, url):
    text = content(client.get(url))
    assert "Hidden" not in text
    assert "@" not in text.replace("@techreport{", "").replace("@misc{", "")


def test_exports_apply_the_browse_parameters_and_order(client, catalogue):
    assert [r["title"] for r in ris_records(client, "?country=NGA&sort=title")] == [
        "Nigeria return guidance",
        "Video on recruitment",
    ]
    assert [r["title"] for r in ris_records(client, "?country=NGA&kind=video")] == [
        "Video on recruitment"
    ]
    assert [r["title"] for r in ris_records(client, "?q=fishing")] == ["Thai fishing fleets"]
    assert [e.key for e in bibtex_library(client, "?year_from=2020&sort=oldest").entries] == [
        "video-on-recruitment",
        "thai-fishing-fleets",
    ]
    assert [e.key for e in bibtex_library(client, "?publisher=iom&page=7").entries] == [
        "nigeria-return-guidance"
    ]


def test_exports_follow_the_browse_page_order(client, catalogue):
    page = client.get("/resources/?country=NGA&sort=newest")
    shown = result_titles(page.context["browse"].page.object_list)
    assert [r["title"] for r in ris_records(client, "?country=NGA&sort=newest")] == shown


def test_special_characters_are_escaped_in_bibtex_and_kept_in_ris(client):
    ResourceFactory(
        title="Costs & benefits: 100% {braced} $5 #1 a_b",
        summary="@misc{injected,\n title = {x}}\n% not a comment",
        authors="Ann O'Brien\nUN Women",
    )
    [entry] = bibtex_library(client).entries
    assert entry["title"] == (
        r"{Costs \& benefits: 100\% \textbraceleft{}braced"
        r"\textbraceright{} \$5 \#1 a\_b}"
    )
    assert entry["abstract"].startswith(r"@misc\textbraceleft{}injected,")
    assert r"\% not a comment" in entry["abstract"]
    [record] = ris_records(client)
    assert record["title"] == "Costs & benefits: 100% {braced} $5 #1 a_b"
    assert record["abstract"] == "@misc{injected, title = {x}} % not a comment"


def test_an_empty_result_is_an_empty_file(client, catalogue):
    assert ris_records(client, "?country=FRA") == []
    assert bibtex_library(client, "?country=FRA").entries == []


@pytest.mark.parametrize("url", EXPORTS)
@pytest.mark.parametrize(
    "query",
    [
        "country=XXX",
        "objective=99",
        "year_from=abc",
        "sort=%3Cb%3E",
        "kind=poem",
        "publisher=nobody",
    ],
)
def test_invalid_parameters_are_a_clear_400(client, catalogue, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "could not be used" in response.content.decode()


@pytest.mark.parametrize("url", EXPORTS)
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_input_never_fails(client, catalogue, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        content(response)


@pytest.mark.parametrize("url", EXPORTS)
def test_exports_only_answer_get(client, url):
    assert client.post(url).status_code == 405


def export_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        content(response)
    return len(context.captured_queries)


@pytest.mark.parametrize("url", EXPORTS)
def test_export_queries_grow_only_with_the_number_of_chunks(client, monkeypatch, settings, url):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "export": None}  # counts apart
    monkeypatch.setattr(exports, "CHUNK_SIZE", 50)
    publishers = [OrganizationFactory() for _ in range(5)]
    keywords = [Keyword.objects.create(name=f"theme {n}", slug=f"theme-{n}") for n in range(5)]

    def add(count: int) -> None:
        for number in range(count):
            ResourceFactory(
                publishers=[publishers[number % 5]],
                keywords=[keywords[number % 5]],
                languages=["en", "fr"],
                objectives=["10", str(1 + number % 23)],
                countries=["NGA"],
            )

    add(5)
    small = export_queries(client, f"{url}?country=NGA")
    add(55)
    large = export_queries(client, f"{url}?country=NGA")
    extra_chunks = 1
    assert large - small <= extra_chunks * (1 + len(CITATION_PREFETCHES)), (small, large)
    add(40)
    same_chunks = export_queries(client, f"{url}?country=NGA")
    assert same_chunks == large, (large, same_chunks)
    assert small <= 2 + len(CITATION_PREFETCHES), small


@pytest.mark.parametrize("url", EXPORTS)
def test_head_answers_the_headers_without_building_the_file(client, catalogue, url):
    response = client.head(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert content(response) == ""
