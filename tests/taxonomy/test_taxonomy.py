"""Check the taxonomy that the data migration loads, and the country lookup."""

import pytest
from django.contrib.admin.sites import site
from django.utils.text import slugify

from taxonomy.models import (
    Country,
    CountryAlias,
    DocumentType,
    GuidingPrinciple,
    Language,
    Objective,
    ObjectiveAction,
    ObjectiveCrossReference,
    Region,
)
from taxonomy.selectors import country_by_label

pytestmark = pytest.mark.django_db

PRINCIPLE_SLUGS = [
    "people-centred",
    "international-cooperation",
    "national-sovereignty",
    "rule-of-law-and-due-process",
    "sustainable-development",
    "human-rights",
    "gender-responsive",
    "child-sensitive",
    "whole-of-government-approach",
    "whole-of-society-approach",
]

DOCUMENT_TYPES = [
    ("analysis", "Analysis"),
    ("e-learning-course", "E-learning course"),
    ("guidelines-toolkits-manuals", "Guidelines/Toolkits/Manuals"),
    ("journal-article", "Journal Article"),
    ("methodology", "Methodology"),
    ("link", "Link"),
    ("policy-brief", "Policy Brief"),
    ("report", "Report"),
    ("resolution", "Resolution"),
    ("training-workshop-material", "Training / Workshop Material"),
    ("working-paper", "Working Paper"),
    ("other", "Other"),
]


def test_objectives_are_the_23_of_the_gcm_then_general():
    objectives = list(Objective.objects.all())
    assert len(objectives) == 24
    assert [o.number for o in objectives] == [*range(1, 24), None]
    assert [o.code for o in objectives] == [*(str(n) for n in range(1, 24)), "general"]
    assert all(o.slug == slugify(o.short_name) for o in objectives)
    assert objectives[0].short_name == "1 - Data"
    assert objectives[0].title == (
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies"
    )
    assert objectives[22].title == (
        "Strengthen international cooperation and global partnerships for safe, orderly and "
        "regular migration"
    )
    general = objectives[-1]
    assert (general.code, general.short_name, general.slug, general.position) == (
        "general",
        "General",
        "general",
        24,
    )


def test_objective_10_carries_its_page_text():
    objective = Objective.objects.get(code="10")
    assert objective.number == 10
    assert objective.short_name == "10 - Eradicate trafficking"
    assert objective.slug == "10-eradicate-trafficking"
    assert objective.title == (
        "Prevent, combat and eradicate trafficking in persons in the context of international "
        "migration"
    )
    assert objective.introduction.startswith(
        "The Global Compact for Safe, Orderly and Regular Migration (GCM) is based on 23 "
        "objectives. This page provides resources for objective 10"
    )
    assert objective.commitment.startswith("We commit to take legislative or other measures")
    assert objective.commitment.endswith("paying particular attention to women and children.")
    assert objective.commitment_reference == "GCM, 2018: para. 26"
    assert objective.background.startswith("Every year, thousands of men, women and children")
    assert objective.get_absolute_url() == "/objectives/10/"


def test_objective_10_has_actions_a_to_j():
    actions = list(Objective.objects.get(code="10").actions.all())
    assert [a.letter for a in actions] == list("abcdefghij")
    assert actions[0].text.startswith("Promote")
    assert "Protocol to Prevent, Suppress and Punish Trafficking in Persons" in actions[0].text
    assert actions[5].text.startswith("Ensure that definitions of trafficking in persons")
    assert actions[-1].text.endswith("preventing and reporting trafficking activities.")
    assert ObjectiveAction.objects.count() == 10


def test_objective_10_cross_references_follow_the_seed():
    references = list(
        Objective.objects.get(code="10").cross_references.select_related("referenced_objective")
    )
    assert [
        (r.referenced_objective.code if r.referenced_objective else None, r.paragraph)
        for r in references
    ] == [
        (None, "para. 2"),
        ("6", ""),
        ("7", "para. 23 (b)"),
        ("9", "para. 25 (e)"),
        ("12", "para. 28 (b)"),
        ("14", "para. 30 (d)"),
    ]
    preamble, objective_6 = references[0], references[1]
    assert preamble.section == "Preamble"
    assert "Facilitate fair and ethical recruitment" in objective_6.section
    assert "protect all migrants against all forms of exploitation and abuse" in objective_6.note
    assert [r.position for r in references] == [1, 2, 3, 4, 5, 6]
    assert ObjectiveCrossReference.objects.count() == 6


def test_guiding_principles_are_the_ten_of_paragraph_15():
    principles = list(GuidingPrinciple.objects.all())
    assert [p.slug for p in principles] == PRINCIPLE_SLUGS
    assert principles[0].name == "People-centred"
    assert principles[3].name == "Rule of law and due process"
    assert all(p.description for p in principles)
    assert not GuidingPrinciple.objects.filter(name__icontains="geographic").exists()


def test_regions_are_the_five_m49_regions():
    assert [(r.slug, r.name, r.m49) for r in Region.objects.all()] == [
        ("africa", "Africa", "002"),
        ("americas", "Americas", "019"),
        ("asia", "Asia", "142"),
        ("europe", "Europe", "150"),
        ("oceania", "Oceania", "009"),
    ]


def test_countries_are_the_194_of_the_hub_each_in_a_region():
    assert Country.objects.count() == 194
    assert not Country.objects.filter(region__isnull=True).exists()
    afghanistan = Country.objects.select_related("region").get(iso3="AFG")
    assert (afghanistan.name, afghanistan.iso2, afghanistan.m49) == ("Afghanistan", "AF", "004")
    assert afghanistan.region.slug == "asia"
    assert afghanistan.sub_region == "Southern Asia"
    assert Country.objects.get(iso3="TUR").name == "Türkiye"
    assert Country.objects.get(iso3="BHS").name == "Bahamas"
    assert Country.objects.get(iso3="USA").region.slug == "americas"
    assert Country.objects.get(iso3="AGO").intermediate_region == "Middle Africa"
    counts = {r.slug: r.countries.count() for r in Region.objects.all()}
    assert counts == {"africa": 54, "americas": 36, "asia": 47, "europe": 43, "oceania": 14}


def test_hub_labels_are_kept_as_aliases():
    aliases = dict(CountryAlias.objects.values_list("label", "country__iso3"))
    assert aliases["Bahamas, The"] == "BHS"
    assert aliases["Korea, Dem. People’s Rep."] == "PRK"
    assert aliases["Egypt, Arab Rep."] == "EGY"
    assert aliases["Slovak Republic"] == "SVK"
    assert aliases["United States of America (USA)"] == "USA"
    assert aliases["Turkey"] == "TUR"
    names = set(Country.objects.values_list("name", flat=True))
    assert not names & set(aliases)


def test_document_types_are_the_twelve_of_the_hub():
    assert [(t.slug, t.name) for t in DocumentType.objects.all()] == DOCUMENT_TYPES


def test_languages_put_the_six_un_languages_first():
    languages = list(Language.objects.all())
    assert len(languages) >= 180
    assert [(lang.code, lang.name) for lang in languages[:6]] == [
        ("ar", "Arabic"),
        ("zh", "Chinese"),
        ("en", "English"),
        ("fr", "French"),
        ("ru", "Russian"),
        ("es", "Spanish"),
    ]
    assert [lang.position for lang in languages[:6]] == [1, 2, 3, 4, 5, 6]
    assert Language.objects.filter(is_un_official=True).count() == 6
    assert all(lang.position == 1000 for lang in languages[6:])
    assert all(lang.native_name for lang in languages)
    assert Language.objects.get(code="de").native_name == "Deutsch"


@pytest.mark.parametrize(
    ("label", "iso3"),
    [
        ("AFG", "AFG"),
        ("afg", "AFG"),
        ("af", "AFG"),
        ("Afghanistan", "AFG"),
        ("  afghanistan ", "AFG"),
        ("Bahamas, The", "BHS"),
        ("bahamas", "BHS"),
        ("Korea, Dem. People’s Rep.", "PRK"),
        ("korea, dem. people's rep.", "PRK"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("Lao People’s Democratic Republic", "LAO"),
        ("Côte d’Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("CÔTE D’IVOIRE", "CIV"),
        ("Türkiye", "TUR"),
        ("TÜRKIYE", "TUR"),
        ("Turkey", "TUR"),
        ("United States of America (USA)", "USA"),
        ("United Kingdom", "GBR"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Slovak Republic", "SVK"),
    ],
)
def test_country_by_label_finds_codes_names_and_aliases(label, iso3):
    country = country_by_label(label)
    assert country is not None
    assert country.iso3 == iso3


@pytest.mark.parametrize("label", ["", "   ", "Atlantis", "XX", "Korea"])
def test_country_by_label_returns_none_for_unknown_labels(label):
    assert country_by_label(label) is None


def test_every_taxonomy_model_is_in_the_admin():
    for model in (
        Objective,
        GuidingPrinciple,
        Region,
        Country,
        CountryAlias,
        DocumentType,
        Language,
    ):
        assert site.is_registered(model)
    inlines = {inline.model for inline in site._registry[Objective].inlines}
    assert inlines == {ObjectiveAction, ObjectiveCrossReference}


@pytest.mark.parametrize(
    "path",
    [
        "/admin/taxonomy/objective/",
        "/admin/taxonomy/country/",
        "/admin/taxonomy/country/?q=bahamas",
        "/admin/taxonomy/language/",
        "/admin/taxonomy/countryalias/",
    ],
)
def test_admin_lists_render(admin_client, path):
    assert admin_client.get(path).status_code == 200


def test_admin_objective_and_country_pages_render(admin_client):
    objective = Objective.objects.get(code="10")
    response = admin_client.get(f"/admin/taxonomy/objective/{objective.pk}/change/")
    assert response.status_code == 200
    assert "para. 23 (b)" in response.content.decode()
    country = Country.objects.get(iso3="PRK")
    response = admin_client.get(f"/admin/taxonomy/country/{country.pk}/change/")
    assert response.status_code == 200
    assert "Korea, Dem. People’s Rep." in response.content.decode()
    oceania = Region.objects.get(slug="oceania")
    response = admin_client.get(f"/admin/taxonomy/country/?region__id__exact={oceania.pk}")
    assert response.status_code == 200
    assert "Fiji" in response.content.decode()
    assert "Afghanistan" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/objectives/%00/",
        "/objectives/1%000/",
        "/countries/%00/",
        "/countries/N%00A/",
        "/countries/N%20A/",
    ],
)
def test_an_objective_or_country_code_that_is_no_code_is_a_404(client, path):
    # A NUL reached PostgreSQL, which refused the look-up with an error page (500).
    assert client.get(path).status_code == 404


def test_an_objective_page_reads_each_kind_count_with_the_right_plural(client):
    from resources.models import Kind
    from tests.factories import ResourceFactory

    ResourceFactory(title="One video", kind=Kind.VIDEO, objectives=["10"])
    ResourceFactory(title="First report", kind=Kind.DOCUMENT, objectives=["10"])
    ResourceFactory(title="Second report", kind=Kind.DOCUMENT, objectives=["10"])
    page = client.get("/objectives/10/").content.decode()
    assert '<span class="visually-hidden">1 item</span>' in page
    assert '<span class="visually-hidden">2 items</span>' in page
