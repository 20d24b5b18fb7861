"""Each item is cited the same way on its page and in RIS, BibTeX and CSL-JSON downloads."""

import json

import bibtexparser
import pytest
import rispy

from resources.citations import Citation, Name, iso_duration, latex_escape
from resources.models import Kind, Resource, Status
from taxonomy.models import DocumentType, Keyword
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def iom():
    return OrganizationFactory(
        name="International Organization for Migration",
        acronym="IOM",
        slug="iom",
        is_un_entity=True,
    )


@pytest.fixture
def chapter(iom):
    return ResourceFactory(
        title="Human trafficking in migration pathways",
        slug="wmr-chapter-10",
        authors="Maximilian Pottler\nClaire Pütz\nLinh Thi Tuyet Pham",
        publishers=[iom],
        languages=["en", "fr"],
        objectives=["10", "7"],
        keywords=[Keyword.objects.create(name="forced labour", slug="forced-labour")],
        publication_year=2021,
        publication_month=12,
        publication_day=1,
        url="https://example.org/wmr-2022-chapter-10",
        summary="Trafficking along routes.\nSecond paragraph.",
    )


def citation(resource: Resource) -> Citation:
    resource = Resource.objects.prefetch_related(
        "publishers", "languages", "objectives", "keywords"
    ).get(pk=resource.pk)
    return Citation(resource, base_url=BASE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", Name(family="Doe", given="Jane")),
        ("Doe, Jane A.", Name(family="Doe", given="Jane A.")),
        ("Linh Thi Tuyet Pham", Name(family="Pham", given="Linh Thi Tuyet")),
        ("UNODC", Name(literal="UNODC")),
        ("UN Women", Name(literal="UN Women")),
        ("Office of the High Commissioner", Name(literal="Office of the High Commissioner")),
        ("Maria de Souza", Name(family="Souza", given="Maria de")),
        ("  Jane\tDoe ", Name(family="Doe", given="Jane")),
    ],
)
def test_names_are_split_as_reference_managers_expect(text, expected):
    assert Name.parse(text) == expected


def test_initials_keep_hyphens_and_existing_initials():
    assert Name.parse("Jean-Paul Sartre").apa == "Sartre, J.-P."
    assert Name.parse("Janie A. Chuang").apa == "Chuang, J. A."


def test_formatted_citation_follows_apa(chapter):
    assert citation(chapter).text() == (
        "Pottler, M., Pütz, C., & Pham, L. T. T. (2021, December 1). Human trafficking in "
        "migration pathways [Report]. International Organization for Migration. "
        "https://example.org/wmr-2022-chapter-10"
    )
    html = str(citation(chapter).html())
    # The title in its own language; the names and what follows isolated from the page.
    assert '<i lang="en" dir="ltr">Human trafficking in migration pathways</i>' in html
    assert "<bdi> [Report]. International Organization for Migration." in html


def test_without_authors_the_publishers_are_the_group_author(iom):
    ilo = OrganizationFactory(name="International Labour Organization", slug="ilo")
    item = ResourceFactory(
        title="Fair recruitment", publishers=[iom, ilo], publication_year=2020, publication_month=3
    )
    text = citation(item).text()
    assert text.startswith(
        "International Labour Organization, & International Organization "
        "for Migration. (2020, March). Fair recruitment [Report]."
    )
    assert text.endswith(f"{BASE}{item.get_absolute_url()}")
    assert text.count("International Labour Organization") == 1


def test_without_authors_or_publishers_the_title_comes_first():
    item = ResourceFactory(title="What works?", kind=Kind.VIDEO, document_type=None)
    assert citation(item).text() == (
        f"What works? [Video]. (2022). {BASE}{item.get_absolute_url()}"
    )


def test_html_citation_is_escaped():
    item = ResourceFactory(title="<script>alert(1)</script> & co")
    html = str(citation(item).html())
    assert "<script>" not in html
    assert '<i dir="auto">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</i>' in html


def test_ris_record_reads_back_with_rispy(chapter):
    [record] = rispy.loads(citation(chapter).ris())
    assert record["type_of_reference"] == "RPRT"
    assert record["id"] == "wmr-chapter-10"
    assert record["title"] == "Human trafficking in migration pathways"
    assert record["authors"] == ["Pottler, Maximilian", "Pütz, Claire", "Pham, Linh Thi Tuyet"]
    assert record["year"] == "2021"
    assert record["date"] == "2021/12/01"
    assert record["publisher"] == "International Organization for Migration"
    assert record["abstract"] == "Trafficking along routes. Second paragraph."
    assert set(record["keywords"]) == {
        "10 - Eradicate trafficking",
        "forced labour",
        "7 - Reduce vulnerabilities",
    }
    assert record["language"] == "en; fr"
    assert record["urls"] == [
        "https://example.org/wmr-2022-chapter-10",
        f"{BASE}/resources/wmr-chapter-10/",
    ]


@pytest.mark.parametrize(
    ("kind", "document_type", "ris", "bibtex", "csl"),
    [
        (Kind.DOCUMENT, "report", "RPRT", "techreport", "report"),
        (Kind.DOCUMENT, "policy-brief", "RPRT", "techreport", "report"),
        (Kind.DOCUMENT, "journal-article", "JOUR", "article", "article-journal"),
        (Kind.DOCUMENT, "resolution", "GOVDOC", "misc", "document"),
        (Kind.VIDEO, None, "VIDEO", "misc", "motion_picture"),
        (Kind.EVENT, None, "GEN", "misc", "event"),
        (Kind.PROJECT, None, "GEN", "misc", "document"),
    ],
)
def test_each_kind_has_a_fitting_type_in_every_format(kind, document_type, ris, bibtex, csl):
    item = ResourceFactory(
        kind=kind,
        document_type=(DocumentType.objects.get(slug=document_type) if document_type else None),
    )
    data = citation(item)
    assert (data.ris_type, data.bibtex_type, data.csl_type) == (ris, bibtex, csl)


def test_bibtex_entry_reads_back_with_bibtexparser(chapter):
    library = bibtexparser.parse_string(citation(chapter).bibtex())
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "techreport"
    assert entry.key == "wmr-chapter-10"
    assert entry["title"] == "{Human trafficking in migration pathways}"
    assert entry["author"] == "Pottler, Maximilian and Pütz, Claire and Pham, Linh Thi Tuyet"
    assert entry["institution"] == "International Organization for Migration"
    assert entry["year"] == "2021"
    assert entry["month"] == "dec"
    assert entry["url"] == "https://example.org/wmr-2022-chapter-10"


def test_bibtex_escapes_latex_special_characters():
    item = ResourceFactory(
        title="Costs & benefits: 100% {braced} $5 #1 a_b ^ ~ back\\slash @inline",
        summary="@article{injected,\n title={x}}",
        authors="O'Brien, Ann\nUN Women",
        url="https://example.org/a{b}?x=1&y=%20",
    )
    library = bibtexparser.parse_string(citation(item).bibtex())
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry["title"] == (
        r"{Costs \& benefits: 100\% \textbraceleft{}braced\textbraceright{} \$5 \#1 a\_b "
        r"\textasciicircum{} \textasciitilde{} back\textbackslash{}slash @inline}"
    )
    assert entry["abstract"] == (
        r"@article\textbraceleft{}injected, "
        r"title=\textbraceleft{}x\textbraceright{}\textbraceright{}"
    )
    assert entry["author"] == "O'Brien, Ann and {UN Women}"
    assert entry["url"] == "https://example.org/a%7Bb%7D?x=1&y=%20"


def test_bibtex_braces_names_it_would_otherwise_split():
    assert Name.parse("Smith and Wesson, John").bibtex() == "{Smith and Wesson}, John"
    library = bibtexparser.parse_string(
        "@misc{k, author = {" + Name.parse("Smith and Wesson, John").bibtex() + "}}"
    )
    assert not library.failed_blocks


def test_latex_escape_keeps_braces_balanced():
    escaped = latex_escape("}{}}{")
    assert escaped.count("{") == escaped.count("}")


def test_csl_json_has_the_required_keys(chapter):
    item = citation(chapter).csl()
    assert {"id", "type", "title", "issued"} <= item.keys()
    assert item["issued"] == {"date-parts": [[2021, 12, 1]]}
    assert item["author"][0] == {"family": "Pottler", "given": "Maximilian"}
    assert item["publisher"] == "International Organization for Migration"
    assert item["language"] == "en"
    json.dumps(item)


def test_iso_duration():
    import datetime

    assert iso_duration(datetime.timedelta(hours=1, minutes=2, seconds=3)) == "PT1H2M3S"
    assert iso_duration(datetime.timedelta(minutes=12)) == "PT12M"
    assert iso_duration(datetime.timedelta(0)) == "PT0S"


def test_cite_downloads_each_format(client, chapter):
    ris = client.get("/resources/wmr-chapter-10/cite.ris")
    assert ris.status_code == 200
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    assert ris["Content-Disposition"] == 'attachment; filename="wmr-chapter-10.ris"'
    assert len(rispy.loads(ris.content.decode())) == 1

    bib = client.get("/resources/wmr-chapter-10/cite.bib")
    assert bib.status_code == 200 and bib["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(bib.content.decode())
    assert not library.failed_blocks and len(library.entries) == 1

    csl = client.get("/resources/wmr-chapter-10/cite.json")
    assert csl.status_code == 200
    assert csl["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    [item] = json.loads(csl.content)
    assert {"id", "type", "title", "issued"} <= item.keys()
    assert item["id"] == "wmr-chapter-10"


@pytest.mark.parametrize(
    "path",
    [
        "/resources/wmr-chapter-10/cite.pdf",
        "/resources/wmr-chapter-10/cite.RIS",
        "/resources/wmr-chapter-10/cite.",
        "/resources/no-such-item/cite.ris",
        "/resources/wmr-chapter-10/cite.ris%00",
        "/resources/wmr-chapter-10/cite.json.bak",
    ],
)
def test_unknown_items_and_formats_are_404(client, chapter, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.PUBLISHED])
def test_unpublished_items_cannot_be_cited(client, status):
    ResourceFactory(slug="hidden-item", status=status)
    for extension in ("ris", "bib", "json"):
        assert client.get(f"/resources/hidden-item/cite.{extension}").status_code == 404


def test_cite_rejects_other_methods(client, chapter):
    assert client.post("/resources/wmr-chapter-10/cite.ris").status_code == 405


def test_item_page_has_a_cite_section(client, chapter):
    html = client.get(chapter.get_absolute_url()).content.decode()
    assert 'id="cite-heading"' in html
    assert (
        '<i lang="en" dir="ltr">Human trafficking in migration pathways</i><bdi> [Report].'
    ) in html
    for extension in ("ris", "bib", "json"):
        assert f'href="/resources/wmr-chapter-10/cite.{extension}"' in html
    assert "@" not in html.split('id="cite-heading"')[1].split("</section>")[0]


def test_impossible_stored_dates_fall_back_to_what_is_valid(client):
    item = ResourceFactory(slug="odd-date", publication_year=2021, publication_month=2)
    Resource.objects.filter(pk=item.pk).update(publication_day=31)
    data = citation(item)
    assert data.date_parts == [2021, 2]
    assert "(2021, February)" in data.text()
    Resource.objects.filter(pk=item.pk).update(publication_month=13)
    assert citation(item).date_parts == [2021]
    assert client.get("/resources/odd-date/cite.bib").status_code == 200
