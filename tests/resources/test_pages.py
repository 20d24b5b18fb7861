"""Every page type renders what a researcher needs, and unknown addresses give a real 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Kind, Resource, Status
from taxonomy.models import Country, DocumentType, Keyword
from tests.factories import OrganizationFactory, ResourceFactory
from tests.results import result_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    iom = OrganizationFactory(
        name="International Organization for Migration",
        acronym="IOM",
        slug="iom",
        is_un_entity=True,
    )
    return ResourceFactory(
        title="Human trafficking in migration pathways",
        publishers=[iom],
        countries=["NGA"],
        regions=["africa"],
        principles=["human-rights"],
        objectives=["10", "7"],
        actions=["c", "e"],
        languages=["en"],
        publication_year=2021,
        publication_month=12,
        publication_day=1,
        url="https://example.org/wmr-2022-chapter-10",
    )


def test_home_offers_every_entry_point(client, report):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "10 - Eradicate trafficking" in html
    assert 'href="/principles/people-centred/"' in html
    assert 'href="/regions/oceania/"' in html
    assert 'href="/countries/NGA/"' in html
    assert 'href="/types/policy-brief/"' in html
    assert report.title in html
    assert response.context["totals"]["resources"] == 1


def objective_tile(html: str, code: str) -> str:
    """Return the home page's tile of one objective: its name and its count."""
    start = html.index(f'href="/objectives/{code}/"')
    return html[start : html.index("</a>", start)]


def test_home_entry_points_follow_every_change_at_once(client, report):
    assert ">1<" in objective_tile(client.get("/").content.decode(), "7")
    extra = ResourceFactory(objectives=["7"], status=Status.IN_REVIEW)
    assert ">1<" in objective_tile(client.get("/").content.decode(), "7")
    Resource.objects.filter(pk=extra.pk).update(status=Status.PUBLISHED)
    assert ">2<" in objective_tile(client.get("/").content.decode(), "7")
    Resource.objects.filter(pk=extra.pk).update(status=Status.ARCHIVED)
    assert ">1<" in objective_tile(client.get("/").content.decode(), "7")
    Country.objects.filter(iso3="NGA").update(name="Federal Republic of Nigeria")
    html = client.get("/").content.decode()
    assert ">Federal Republic of Nigeria (1 resource)</option>" in html


def test_home_reads_the_entry_points_once_per_catalogue_version(client, report):
    client.get("/")
    with CaptureQueriesContext(connection) as context:
        assert client.get("/").status_code == 200
    tables = " ".join(query["sql"] for query in context.captured_queries)
    assert "taxonomy_country" not in tables and "taxonomy_objective" not in tables


def test_browse_lists_published_items_with_facets(client, report):
    ResourceFactory(title="Waiting for review", status=Status.SUBMITTED)
    response = client.get("/resources/")
    html = response.content.decode()
    assert response.status_code == 200
    assert report.title in html and "Waiting for review" not in html
    assert "?country=NGA" in html
    assert "1 resource" in html


def test_browse_paginates_by_twenty_and_keeps_filters(client):
    for number in range(25):
        ResourceFactory(title=f"Item {number:02}", countries=["NGA"])
    response = client.get("/resources/?country=NGA&sort=title")
    page = response.context["browse"].page
    assert len(page.object_list) == 20
    assert "?country=NGA&amp;sort=title&amp;page=2" in response.content.decode()
    second = client.get("/resources/?country=NGA&sort=title&page=2")
    assert result_titles(second.context["browse"].page.object_list) == [
        "Item 20",
        "Item 21",
        "Item 22",
        "Item 23",
        "Item 24",
    ]


def test_item_page_shows_metadata_with_links_to_the_filtered_browse(client, report):
    related = ResourceFactory(title="Nigeria return guidance", countries=["NGA"])
    ResourceFactory(title="Unrelated Thai item", countries=["THA"])
    response = client.get(report.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 December 2021" in html
    assert 'href="/resources/?country=NGA"' in html
    assert 'href="/resources/?objective=7"' in html
    assert 'href="/resources/?action=e"' in html
    assert 'href="/resources/?publisher=iom"' in html
    assert 'href="https://example.org/wmr-2022-chapter-10"' in html
    assert related.title in html and "Unrelated Thai item" not in html


def test_item_without_link_or_file_says_how_to_obtain_it(client):
    unodc = OrganizationFactory(name="United Nations Office on Drugs and Crime", slug="unodc")
    eu = OrganizationFactory(name="European Union", slug="european-union")
    alone = ResourceFactory(
        title="Toolkit on victim identification",
        publishers=[unodc],
        publication_year=2019,
        languages=["en"],
    )
    joint = ResourceFactory(
        title="Joint action plan", publishers=[unodc, eu], publication_year=2018, languages=["fr"]
    )
    nobody = ResourceFactory(title="Field notes", publication_year=2015)

    html = client.get(alone.get_absolute_url()).content.decode()
    assert (
        "This resource is not online here. To obtain it, contact its publisher, <bdi>United "
        'Nations Office on Drugs and Crime</bdi>, and ask for “<cite lang="en" dir="ltr">Toolkit '
        "on victim identification</cite>” (<bdi>2019</bdi>)."
    ) in html
    assert "No link is recorded" not in html
    assert (
        "contact its publishers, <bdi>European Union, United Nations Office on Drugs and "
        'Crime</bdi>, and ask for “<cite lang="fr" dir="ltr">Joint action plan</cite>” '
        "(<bdi>2018</bdi>)."
    ) in (client.get(joint.get_absolute_url()).content.decode())
    html = client.get(nobody.get_absolute_url()).content.decode()
    assert (
        'To obtain it, ask the hub’s editors for “<cite dir="auto">Field notes</cite>” '
        "(<bdi>2015</bdi>) "
        'through the <a href="/contact/">contact form</a>.'
    ) in html


def test_item_with_a_link_offers_it_and_no_way_to_obtain_it(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    assert 'href="https://example.org/wmr-2022-chapter-10"' in html
    assert "not online here" not in html


def test_item_page_links_other_language_editions(client, report):
    french = ResourceFactory(title="La traite des personnes", languages=["fr"])
    report.language_editions.add(french)
    html = client.get(report.get_absolute_url()).content.decode()
    assert french.get_absolute_url() in html and 'hreflang="fr"' in html


def test_item_page_links_only_published_editions(client, report):
    french = ResourceFactory(title="La traite des personnes", languages=["fr"])
    draft = ResourceFactory(title="La trata de personas", languages=["es"], status=Status.IN_REVIEW)
    report.language_editions.add(french, draft)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "La traite des personnes" in html and "La trata de personas" not in html
    alone = ResourceFactory(title="An item in one language")
    assert "Other language editions" not in client.get(alone.get_absolute_url()).content.decode()


def test_item_page_names_its_type_primary_objective_and_keywords(client, report):
    report.keywords.add(
        Keyword.objects.create(name="forced criminality", slug="forced-criminality")
    )
    html = client.get(report.get_absolute_url()).content.decode()
    assert '<a href="/types/report/">Report</a>' in html
    assert '10 - Eradicate trafficking</a> <span class="hint">(primary)</span>' in html
    assert 'href="/resources/?q=%22forced%20criminality%22">forced criminality</a>' in html


def test_unpublished_item_page_is_not_found(client):
    draft = ResourceFactory(status=Status.IN_REVIEW)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_objective_10_page_shows_the_gcm_text_and_items_by_kind(client, report):
    ResourceFactory(title="GLO.ACT", kind=Kind.PROJECT)
    ResourceFactory(title="E4J video", kind=Kind.VIDEO)
    response = client.get("/objectives/10/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Prevent, combat and eradicate trafficking in persons" in html
    assert "We commit to take legislative or other measures" in html
    assert html.count('class="action-letter"') == 10
    assert "Every year, thousands of men, women and children" in html
    for number in (6, 7, 9, 12, 14):
        assert f'href="/objectives/{number}/"' in html
    assert "para. 23 (b)" in html
    groups = {group["kind"]: group for group in response.context["groups"]}
    assert groups["project"]["total"] == 1 and groups["video"]["total"] == 1
    [card] = groups["document"]["cards"]
    assert f'href="{report.get_absolute_url()}">{report.title}</a>' in card
    assert 'href="/resources/?objective=10&amp;kind=video"' in html
    for heading in ("Documents", "Projects", "Videos"):
        assert f'<h3 id="group-{heading.lower()[:-1]}">{heading}' in html


def test_other_objectives_and_the_list(client, report):
    assert client.get("/objectives/").status_code == 200
    response = client.get("/objectives/7/")
    assert response.status_code == 200
    assert report.title in response.content.decode()
    assert client.get("/objectives/general/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/principles/human-rights/",
        "/regions/africa/",
        "/countries/NGA/",
        "/types/report/",
    ],
)
def test_landing_pages_preset_their_filter(client, report, url):
    ResourceFactory(
        title="Thai brief",
        countries=["THA"],
        regions=["asia"],
        principles=["gender-responsive"],
        document_type=DocumentType.objects.get(slug="policy-brief"),
    )
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert report.title in html and "Thai brief" not in html
    assert 'action="/resources/"' in html


def test_lowercase_country_code_redirects_to_the_canonical_address(client):
    response = client.get("/countries/nga/")
    assert response.status_code == 301 and response["Location"] == "/countries/NGA/"


@pytest.mark.parametrize(
    "url",
    [
        "/resources/no-such-item/",
        "/objectives/24/",
        "/objectives/0/",
        "/objectives/ten/",
        "/principles/kindness/",
        "/regions/antarctica/",
        "/countries/XYZ/",
        "/types/novel/",
    ],
)
def test_unknown_addresses_are_404_pages(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_pages_declare_language_and_landmarks(client, report):
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "<nav" in html and "<footer" in html


def test_item_page_shows_keywords_and_editions_added_since_the_last_request(client, report):
    client.get(report.get_absolute_url())
    report.keywords.add(
        Keyword.objects.create(name="online recruitment", slug="online-recruitment")
    )
    report.language_editions.add(ResourceFactory(title="La traite en ligne"))
    html = client.get(report.get_absolute_url()).content.decode()
    assert ">online recruitment</a>" in html and "La traite en ligne" in html
    Keyword.objects.filter(slug="online-recruitment").update(name="digital recruitment")
    report.language_editions.clear()
    html = client.get(report.get_absolute_url()).content.decode()
    assert ">digital recruitment</a>" in html and "La traite en ligne" not in html


def test_an_arabic_item_reads_right_to_left_on_an_english_page(client):
    from tests.languages import ARABIC_ITEM

    item = ResourceFactory(**ARABIC_ITEM, languages=["ar"])
    html = client.get(item.get_absolute_url()).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert f'<h1 lang="ar" dir="rtl">{ARABIC_ITEM["title"]}</h1>' in html
    assert '<div class="prose" lang="ar" dir="rtl"><p>' in html


def test_an_english_item_reads_left_to_right_on_an_arabic_page(client):
    from tests.languages import choose_language, item_address_in

    item = ResourceFactory(
        title="Toolkit on victim identification", languages=["en"], countries=["NGA"]
    )
    related = ResourceFactory(
        title="Victim identification in practice", languages=["en"], countries=["NGA"]
    )
    choose_language(client, "ar")
    html = client.get(item_address_in("ar", item)).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 lang="en" dir="ltr">Toolkit on victim identification</h1>' in html
    assert '<div class="prose" lang="en" dir="ltr"><p>' in html
    assert 'class="card-title" lang="en" dir="ltr"><a href="' in html and related.title in html
