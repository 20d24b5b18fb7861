"""Check the demo loader: real content, idempotent, demo accounts, and never in production.

Loading the demo takes seconds, so it is loaded once for this module, in a transaction
rolled back when the module ends (tests/shared_data.py); each test runs in its own
transaction nested inside, so what one test changes (a second load, an edited item, a new
password) is undone before the next. The tests that need a database without the demo are
in test_demo_empty_database.py.
"""

import csv
import html
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group

from resources.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    default_links_path,
    default_path,
    demo_load,
)
from resources.models import Kind, Resource, Status
from taxonomy.models import Keyword, Organization
from tests.shared_data import kept_for_the_module

pytestmark = pytest.mark.django_db

SEED_DOCUMENTS = [
    # slug, publisher slug, (year, month, day)
    ("alliance-8-7-migration-action-group-third-meeting", "iom", (2025, 7, 30)),
    (
        "icat-joint-statement-2025-human-trafficking-and-organized-crime",
        "icat",
        (2025, 7, 30),
    ),
    ("human-trafficking-in-migration-pathways-wmr-2022-chapter-10", "iom", (2021, 12, None)),
    (
        "summary-multi-stakeholder-hearing-global-plan-of-action-appraisal-2025",
        "office-of-the-president-of-the-general-assembly",
        (2025, 6, 30),
    ),
]

SEED_003_ITEMS = [
    ("unodc-global-report-on-trafficking-in-persons-2020", Kind.DOCUMENT),
    (
        "ohchr-recommended-principles-and-guidelines-on-human-rights-and-human-trafficking",
        Kind.DOCUMENT,
    ),
    ("gcm-talk-towards-effective-solutions-smuggling-of-migrants", Kind.EVENT),
    ("iom-unodc-webinar-trafficking-in-persons-data-collection-tools", Kind.EVENT),
    ("glo-act-asia-and-the-middle-east", Kind.PROJECT),
    ("osce-combating-human-trafficking-along-migration-routes", Kind.PROJECT),
    ("iom-migrant-worker-guidelines-for-employers", Kind.TRAINING),
    ("unodc-toolkit-mainstreaming-human-rights-gender-equality-tip-som", Kind.TRAINING),
    ("e4j-video-for-children-trafficking-in-persons-smuggling-of-migrants", Kind.VIDEO),
    ("video-human-rights-migrant-smuggling-human-trafficking", Kind.VIDEO),
]

RELATIONS = [
    "publishers",
    "languages",
    "language_editions",
    "objectives",
    "principles",
    "regions",
    "countries",
    "actions",
    "keywords",
]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load the demo once for the module (tests/shared_data.py); undo it when it ends."""
    with kept_for_the_module(django_db_blocker):
        yield demo_load(path=default_path())


def snapshot() -> dict:
    """Return everything the loader writes, row by row, to compare two loads."""
    user_model = get_user_model()
    return {
        "resources": list(Resource.objects.order_by("slug").values()),
        "relations": {
            name: list(getattr(Resource, name).through.objects.order_by("pk").values_list())
            for name in RELATIONS
        },
        "organizations": list(Organization.objects.order_by("slug").values()),
        "keywords": list(Keyword.objects.order_by("slug").values()),
        "users": list(user_model.objects.order_by("username").values()),
        "groups": list(Group.objects.order_by("name").values_list("name", "user__username")),
    }


def test_load_creates_a_real_published_catalogue(loaded):
    published = Resource.objects.published()
    assert published.count() >= 25
    assert loaded.published == published.count()
    assert loaded.resources == Resource.objects.count()
    assert not published.filter(published_at__isnull=True).exists()
    assert {kind for kind in published.values_list("kind", flat=True)} == set(Kind.values)
    assert published.filter(kind=Kind.PRACTICE).exists()
    assert str(loaded) == (
        f"Demo content: {loaded.resources} resources ({loaded.published} published), "
        f"{len(DEMO_ACCOUNTS)} accounts."
    )


@pytest.mark.parametrize(("slug", "publisher", "date"), SEED_DOCUMENTS)
def test_seed_documents_are_published_with_their_publisher_and_date(loaded, slug, publisher, date):
    resource = Resource.objects.published().get(slug=slug)
    assert list(resource.publishers.values_list("slug", flat=True)) == [publisher]
    assert (resource.publication_year, resource.publication_month, resource.publication_day) == date
    assert resource.primary_objective.code == "10"
    assert "10" in resource.objectives.values_list("code", flat=True)
    assert list(resource.languages.values_list("code", flat=True)) == ["en"]
    assert resource.actions.exists()
    assert resource.keywords.exists()
    assert resource.document_type is not None


def test_seed_documents_carry_the_themes_they_discuss(loaded):
    alliance = Resource.objects.get(slug=SEED_DOCUMENTS[0][0])
    assert {"forced-criminality", "online-recruitment", "climate-change"} <= set(
        alliance.keywords.values_list("slug", flat=True)
    )
    wmr = Resource.objects.get(slug=SEED_DOCUMENTS[2][0])
    assert wmr.url == "https://publications.iom.int/books/world-migration-report-2022-chapter-10"


def demo_link_rows() -> list[dict[str, str]]:
    with open(default_links_path(), encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_every_item_whose_address_was_found_has_it_as_its_link(loaded):
    rows = demo_link_rows()
    links = dict(Resource.objects.values_list("slug", "url"))
    assert {row["slug"] for row in rows} == set(links)
    assert {row["slug"]: row["url"] for row in rows} == links
    assert sum(bool(row["url"]) for row in rows) == 38
    report = Resource.objects.get(slug="unodc-global-report-on-trafficking-in-persons-2020")
    assert report.url == (
        "https://www.unodc.org/documents/data-and-analysis/tip/2021/GLOTiP_2020_15jan_web.pdf"
    )


def test_every_found_link_comes_with_its_evidence(loaded):
    for row in demo_link_rows():
        assert row["evidence"].strip(), row["slug"]
        if row["url"]:
            assert row["url"].startswith(("https://", "http://")), row["slug"]
            assert row["kind_of_address"] and row["confidence"], row["slug"]


def test_items_without_a_found_address_have_no_guessed_link(loaded):
    empty = {row["slug"] for row in demo_link_rows() if not row["url"]}
    assert set(Resource.objects.without_link_or_file().values_list("slug", flat=True)) == empty
    assert Resource.objects.published().without_link_or_file().count() < 16


def visible_text(response) -> str:
    body = response.content.decode()
    body = body[body.index("<main") : body.index("</main>")]
    body = re.sub(r"</?(a|bdi|cite|span|em|strong)\b[^>]*>", "", body)  # inline: no space
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_a_demo_item_with_a_link_opens_and_one_without_says_how_to_obtain_it(loaded, client):
    opened = client.get("/resources/unodc-global-report-on-trafficking-in-persons-2020/")
    assert "Open the resource" in visible_text(opened)
    assert "not online here" not in visible_text(opened)

    page = visible_text(
        client.get("/resources/icat-joint-statement-2025-human-trafficking-and-organized-crime/")
    )
    assert (
        "This resource is not online here. To obtain it, contact its publisher, "
        "Inter-Agency Coordination Group against Trafficking in Persons (ICAT), and ask for "
        "“Human Trafficking and Organized Crime: ICAT Joint Statement 2025” (2025)."
    ) in page
    assert "No link is recorded" not in page


def test_facts_checked_against_the_publishers_are_correct(loaded):
    def summary(slug: str) -> str:
        return Resource.objects.get(slug=slug).summary

    report = summary("unodc-global-report-on-trafficking-in-persons-2020")
    assert "The fifth of UNODC's biennial Global Reports" in report
    assert "mandated by the General Assembly" in report
    assert "sixth edition" not in report

    glo_act = summary("glo-act-asia-and-the-middle-east")
    assert "ran from 2018 to 2024" in glo_act
    assert "13 March 2024" in glo_act
    assert "four-year" not in glo_act and "2018–2022" not in glo_act

    guidelines = Resource.objects.get(slug="iom-migrant-worker-guidelines-for-employers")
    assert (guidelines.publication_year, guidelines.publication_month) == (2021, None)

    video = Resource.objects.get(slug="video-human-rights-migrant-smuggling-human-trafficking")
    assert list(video.publishers.values_list("slug", flat=True)) == ["unodc"]

    bali = summary("bali-process-regional-cooperation")
    assert "four member organisations — IOM, UNHCR, UNODC and the ILO" in bali

    manual = summary("ilo-ipec-training-manual-to-fight-trafficking-in-children")
    assert "launched jointly by the ILO, UNICEF and" in manual
    assert "(UN.GIFT)" in manual


@pytest.mark.parametrize(("slug", "kind"), SEED_003_ITEMS)
def test_seed_003_items_exist_with_their_kind(loaded, slug, kind):
    resource = Resource.objects.published().get(slug=slug)
    assert resource.kind == kind
    assert "10" in resource.objectives.values_list("code", flat=True)


def test_kind_specific_fields_are_filled(loaded):
    project = Resource.objects.get(slug="glo-act-asia-and-the-middle-east")
    assert "European Union" in project.funding
    assert set(project.countries.values_list("iso3", flat=True)) == {
        "AFG",
        "BGD",
        "IRN",
        "IRQ",
        "PAK",
    }
    event = Resource.objects.get(slug="gcm-talk-towards-effective-solutions-smuggling-of-migrants")
    assert event.starts_at < event.ends_at
    practice = Resource.objects.get(slug="counter-trafficking-data-collaborative-ctdc")
    assert practice.implemented_by and practice.takeaway and practice.sdg_list


def test_some_items_await_review_and_are_not_public(loaded):
    waiting = Resource.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW])
    assert waiting.filter(status=Status.SUBMITTED).exists()
    assert waiting.filter(status=Status.IN_REVIEW).exists()
    assert not Resource.objects.published().filter(pk__in=waiting).exists()
    assert not waiting.exclude(published_at=None).exists()


def test_language_editions_link_each_other(loaded):
    english = Resource.objects.get(slug="un-trafficking-in-persons-protocol")
    french = Resource.objects.get(slug="un-trafficking-in-persons-protocol-fr")
    spanish = Resource.objects.get(slug="un-trafficking-in-persons-protocol-es")
    assert set(english.language_editions.all()) == {french, spanish}
    assert set(french.language_editions.all()) == {english, spanish}
    assert list(french.languages.values_list("code", flat=True)) == ["fr"]


def test_loading_twice_creates_and_changes_nothing(loaded):
    before = snapshot()
    again = demo_load(path=default_path())
    assert (again.created, again.updated) == (0, 0)
    assert (again.resources, again.published) == (loaded.resources, loaded.published)
    assert snapshot() == before


def test_loading_again_restores_edited_content(loaded):
    slug = SEED_DOCUMENTS[0][0]
    resource = Resource.objects.get(slug=slug)
    title, published_at = resource.title, resource.published_at
    Resource.objects.filter(pk=resource.pk).update(title="Edited")
    resource.keywords.clear()

    again = demo_load(path=default_path())

    resource.refresh_from_db()
    assert (again.created, again.updated) == (0, 1)
    assert resource.title == title
    assert resource.published_at == published_at
    assert resource.keywords.filter(slug="forced-criminality").exists()


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.username)
def test_demo_accounts_belong_to_their_group_and_can_log_in(loaded, account):
    user = authenticate(username=account.username, password=DEMO_PASSWORD)
    assert user is not None
    assert list(user.groups.values_list("name", flat=True)) == [account.group]
    assert user.email == f"{account.username}@example.org"
    assert user.is_staff == (account.username == "editor")
    assert not user.is_superuser


def test_demo_roles(loaded):
    reviewers = set(Group.objects.get(name="reviewer").user_set.values_list("username", flat=True))
    assert reviewers == {"reviewer", "reviewer-un", "reviewer-2"}
    assert Group.objects.get(name="partner").user_set.get().username == "partner"
    assert Group.objects.get(name="editor").user_set.get().username == "editor"


def test_loading_again_keeps_a_changed_password(loaded):
    user = get_user_model().objects.get(username="partner")
    user.set_password("a-new-password")
    user.save()

    demo_load(path=default_path())

    assert authenticate(username="partner", password="a-new-password") is not None
    assert authenticate(username="partner", password=DEMO_PASSWORD) is None


def test_demo_reviewers_form_a_complete_panel_and_partner_owns_the_waiting_items(loaded):
    from review.models import ReviewerProfile

    profiles = {
        p.user.username: p.is_confirmed_un for p in ReviewerProfile.objects.select_related("user")
    }
    assert profiles == {"reviewer": False, "reviewer-un": True, "reviewer-2": False}
    waiting = Resource.objects.exclude(status=Status.PUBLISHED)
    assert waiting.exists()
    assert set(waiting.values_list("submitted_by__username", flat=True)) == {"partner"}
