"""Check the demo loader: real content, idempotent, demo accounts, and never in production.

Loading the demo takes seconds, so it is loaded once for this module, in a transaction
rolled back when the module ends (tests/shared_data.py); each test runs in its own
transaction nested inside, so what one test changes (a second load, an edited item, a new
password) is undone before the next. The tests that need a database without the demo are
in test_demo_empty_database.py.
"""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group

from resources.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
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
    "publishers", "languages", "language_editions", "objectives", "principles", "regions",
    "countries", "actions", "keywords",
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
def test_seed_documents_are_published_with_their_publisher_and_date(
    loaded, slug, publisher, date
):
    resource = Resource.objects.published().get(slug=slug)
    assert list(resource.publishers.values_list("slug", flat=True)) == [publisher]
    assert (
        resource.publication_year, resource.publication_month, resource.publication_day
    ) == date
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


@pytest.mark.parametrize(("slug", "kind"), SEED_003_ITEMS)
def test_seed_003_items_exist_with_their_kind(loaded, slug, kind):
    resource = Resource.objects.published().get(slug=slug)
    assert resource.kind == kind
    assert "10" in resource.objectives.values_list("code", flat=True)


def test_kind_specific_fields_are_filled(loaded):
    project = Resource.objects.get(slug="glo-act-asia-and-the-middle-east")
    assert "European Union" in project.funding
    assert set(project.countries.values_list("iso3", flat=True)) == {
        "AFG", "BGD", "IRN", "IRQ", "PAK",
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

    profiles = {p.user.username: p.is_confirmed_un
                for p in ReviewerProfile.objects.select_related("user")}
    assert profiles == {"reviewer": False, "reviewer-un": True, "reviewer-2": False}
    waiting = Resource.objects.exclude(status=Status.PUBLISHED)
    assert waiting.exists()
    assert set(waiting.values_list("submitted_by__username", flat=True)) == {"partner"}
