"""Check /resources/export.csv with the csv module: columns, filters, safety, streaming."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Kind, Scope, Status
from resources.opendata.csv_export import FILENAME
from resources.opendata.records import PUBLIC_COLUMNS, spreadsheet_safe, spreadsheet_text
from taxonomy.models import Keyword
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

URL = "/resources/export.csv"

DOCUMENTED_COLUMNS = [
    "slug",
    "page_url",
    "kind",
    "title",
    "summary",
    "url",
    "file_url",
    "publication_year",
    "publication_month",
    "publication_day",
    "authors",
    "publishers",
    "publisher_names",
    "publisher_un_entity",
    "languages",
    "language_names",
    "language_editions",
    "document_type",
    "document_type_name",
    "objectives",
    "objective_names",
    "primary_objective",
    "principles",
    "principle_names",
    "scope",
    "regions",
    "region_names",
    "countries",
    "country_names",
    "actions",
    "keywords",
    "implemented_by",
    "practice_type",
    "takeaway",
    "sdgs",
    "period_start",
    "period_end",
    "implementers",
    "funding",
    "starts_at",
    "ends_at",
    "location",
    "is_online",
    "duration",
    "embed_url",
    "published_at",
]


def download(client, query: str = "") -> tuple:
    response = client.get(f"{URL}{query}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def parse(body: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = body.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def test_header_is_the_documented_columns_and_file_is_a_streamed_utf8_download(client):
    ResourceFactory()
    response, body = download(client)
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}"'
    assert FILENAME == "objective10-hub-resources.csv"
    assert body.startswith(b"\xef\xbb\xbf")
    header, rows = parse(body)
    assert header == DOCUMENTED_COLUMNS == [column.name for column in PUBLIC_COLUMNS]
    assert len(rows) == 1


def test_every_public_field_is_written_with_codes_and_labels(client):
    iom = OrganizationFactory(
        name="International Organization for Migration",
        slug="iom",
        acronym="IOM",
        is_un_entity=True,
    )
    osce = OrganizationFactory(
        name="Organization for Security and Co-operation in Europe", slug="osce"
    )
    keyword = Keyword.objects.create(name="forced criminality", slug="forced-criminality")
    english = ResourceFactory(
        slug="guide-en",
        title="Guide",
        kind=Kind.PRACTICE,
        scope=Scope.REGIONAL,
        url="https://example.org/guide",
        authors="Ana Pérez\nJohn Smith",
        publication_year=2023,
        publication_month=5,
        publication_day=17,
        objectives=["10", "7"],
        countries=["NGA", "GHA"],
        regions=["africa"],
        principles=["human-rights", "child-sensitive"],
        languages=["en"],
        actions=["a", "c"],
        publishers=[iom, osce],
        keywords=[keyword],
        implemented_by="IOM Nigeria",
        practice_type="Awareness raising",
        takeaway="Works.",
        sdgs="5, 8, 16",
    )
    french = ResourceFactory(slug="guide-fr", title="Guide (FR)", languages=["fr"])
    hidden = ResourceFactory(slug="guide-es", status=Status.IN_REVIEW)
    english.language_editions.set([french, hidden])

    _, body = download(client, "?kind=practice")
    _, rows = parse(body)
    assert len(rows) == 1
    row = rows[0]
    assert row["slug"] == "guide-en"
    assert row["page_url"] == "http://testserver/resources/guide-en/"
    assert row["kind"] == "practice"
    assert row["scope"] == "regional"
    assert row["url"] == "https://example.org/guide"
    assert (row["publication_year"], row["publication_month"], row["publication_day"]) == (
        "2023",
        "5",
        "17",
    )
    assert row["authors"] == "Ana Pérez; John Smith"
    assert row["objectives"] == "7; 10"
    assert row["objective_names"] == "7 - Reduce vulnerabilities; 10 - Eradicate trafficking"
    assert row["primary_objective"] == "10"
    assert row["countries"] == "GHA; NGA"
    assert row["country_names"] == "Ghana; Nigeria"
    assert row["regions"] == "africa"
    assert row["region_names"] == "Africa"
    assert set(row["principles"].split("; ")) == {"human-rights", "child-sensitive"}
    assert row["languages"] == "en"
    assert row["language_names"] == "English"
    assert row["language_editions"] == "guide-fr"
    assert row["document_type"] == "report"
    assert row["document_type_name"] == "Report"
    assert row["actions"] == "a; c"
    assert row["publishers"] == "iom; osce"
    assert row["publisher_names"] == (
        "International Organization for Migration; "
        "Organization for Security and Co-operation in Europe"
    )
    assert row["publisher_un_entity"] == "true; false"
    assert row["keywords"] == "forced criminality"
    assert row["sdgs"] == "5, 8, 16"
    assert row["is_online"] == "false"
    assert row["published_at"].startswith(str(english.published_at.year))


def test_one_row_per_published_filtered_item_and_nothing_unpublished(client):
    for number in range(3):
        ResourceFactory(title=f"Nigeria {number}", countries=["NGA"], regions=["africa"])
    ResourceFactory(title="Ghana only", countries=["GHA"])
    for status in Status.values:
        if status != Status.PUBLISHED:
            ResourceFactory(title=f"Hidden {status}", status=status, countries=["NGA"])

    _, body = download(client, "?country=NGA&region=africa")
    _, rows = parse(body)
    assert sorted(row["title"] for row in rows) == ["Nigeria 0", "Nigeria 1", "Nigeria 2"]

    _, body = download(client)
    _, rows = parse(body)
    assert len(rows) == 4
    assert not any(row["title"].startswith("Hidden") for row in rows)
    assert "status" not in rows[0]


def test_browse_sort_is_kept(client):
    ResourceFactory(title="Beta")
    ResourceFactory(title="Alpha")
    _, body = download(client, "?sort=title")
    assert [row["title"] for row in parse(body)[1]] == ["Alpha", "Beta"]


@pytest.mark.parametrize(
    "query",
    [
        "?country=XXX",
        "?objective=99",
        "?year_from=abc",
        "?kind=podcast",
        "?sort=random",
    ],
)
def test_invalid_parameters_answer_400_with_a_message(client, query):
    ResourceFactory()
    response = client.get(f"{URL}{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "The export was not made" in response.content.decode()


def test_hostile_parameters_never_crash(client):
    ResourceFactory()
    for query in ["?q=%00%01", "?q=" + "x" * 5000, "?country=%00", "?page=-1&q='--"]:
        response = client.get(f"{URL}{query}")
        assert response.status_code in (200, 400)
        if response.streaming:
            b"".join(response.streaming_content)


def test_post_is_not_allowed_and_head_reads_nothing(client, django_assert_max_num_queries):
    assert client.post(URL).status_code == 405
    ResourceFactory()
    with django_assert_max_num_queries(2):
        response = client.head(URL)
        assert b"".join(response.streaming_content) == b""
    assert response.status_code == 200


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_injection_is_neutralised(client, start):
    dangerous = f'{start}HYPERLINK("http://evil.example","x")'
    ResourceFactory(title=dangerous, summary=f"{start}1+1", authors=f"{start}cmd|' /C calc'!A0")
    _, body = download(client)
    _, rows = parse(body)
    row = rows[0]
    for column in ("title", "summary"):
        assert row[column].startswith("'"), column
        assert row[column][1] == start
    # Authors are stored one per line, stripped, so only visible characters can lead.
    assert row["authors"] == (
        "cmd|' /C calc'!A0" if start.isspace() else f"'{start}cmd|' /C calc'!A0"
    )
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_neutralising_is_undone_exactly_on_import():
    for text in ["=1+1", "-5", "'=already quoted", "''@twice", "plain", "'quoted", ""]:
        assert spreadsheet_text(spreadsheet_safe(text)) == text


def test_unicode_is_preserved(client):
    ResourceFactory(
        title="Trata de personas — Côte d’Ivoire 人口贩运 الاتجار بالبشر",
        summary='Ünïcödé, "quotes", commas; and\nnew lines',
        countries=["CIV"],
    )
    _, body = download(client)
    _, rows = parse(body)
    assert rows[0]["title"] == "Trata de personas — Côte d’Ivoire 人口贩运 الاتجار بالبشر"
    assert rows[0]["summary"] == 'Ünïcödé, "quotes", commas; and\nnew lines'
    assert rows[0]["countries"] == "CIV"


def build(size: int, start: int = 0) -> None:
    publishers = [OrganizationFactory() for _ in range(3)]
    keyword, _ = Keyword.objects.get_or_create(name="child trafficking", slug="child-trafficking")
    for number in range(start, start + size):
        ResourceFactory(
            title=f"Item {number}",
            countries=["NGA", "GHA"],
            regions=["africa"],
            principles=["human-rights"],
            languages=["en", "fr"],
            actions=["a"],
            publishers=[publishers[number % 3]],
            keywords=[keyword],
            objectives=["10", "7"],
        )


def queries_for_export(client, query: str = "") -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        _, body = download(client, query)
    return len(context.captured_queries), len(parse(body)[1])


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?country=NGA&language=en&objective=10&sort=newest",
        "?q=item&region=africa",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_items(client, settings, query):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "export": None}  # counts apart
    build(5)
    few, rows = queries_for_export(client, query)
    assert rows == 5
    build(115, start=5)
    many, rows = queries_for_export(client, query)
    assert rows == 120
    assert many == few
    # The first export of the whole catalogue in a version also claims and stores its copy.
    assert few <= (15 if query else 21)


def test_an_uploaded_file_is_linked_through_the_download_page(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    item = ResourceFactory(title="With a file")
    item.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    _, rows = parse(download(client)[1])
    (row,) = [row for row in rows if row["title"] == "With a file"]
    assert row["file_url"] == f"http://testserver/files/{item.pk}/"
    assert "/media/" not in row["file_url"]
