"""Reviewers, editors and the submitter see every answer of a submission, whatever its kind."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.models import Kind, Resource
from resources.submission.kinds import KIND_FIELDS, SPECIFIC_FIELDS
from resources.submission.selectors import submitted_fields
from review import services
from taxonomy.models import ObjectiveAction
from tests.factories import OrganizationFactory, ResourceFactory, ReviewerFactory

from .submission_data import MINIMAL_PDF, form_data

pytestmark = pytest.mark.django_db

# What every kind's full submission (tests/resources/submission_data.py) shows, as a reader
# sees it: labels rather than the codes the form posts.
COMMON_VALUES = [
    "Forced criminality in online scam centres",
    "How recruiters lure migrants into scam compounds, and how to respond.",
    "https://example.org/reports/scam-centres",
    "Download the file",
    "17 May 2024",
    "Freedom Network",
    "Anti-Trafficking Observatory",
    "A. Researcher",
    "B. Analyst",
    "English",
    "French",
    "Portuguese",
    "Report",
    "10 - Eradicate trafficking",
    "6 - Recruitment and decent work",
    "Human rights",
    "Gender-responsive",
    "Regional",
    "Asia",
    "Cambodia",
    "Myanmar",
    "forced criminality, online recruitment",
]
KIND_VALUES = {
    Kind.DOCUMENT: [],
    Kind.TRAINING: [],
    Kind.PRACTICE: [
        "Ministry of Labour",
        "Referral mechanism",
        "Labour inspectors refer victims within 24 hours.",
        "5. Gender equality",
        "8. Decent work and economic growth",
        "16. Peace, justice and strong institutions",
        "1 January 2021",
        "31 December 2023",
    ],
    Kind.EVENT: [
        "30 June 2025, 14:00 UTC",
        "30 June 2025, 17:00 UTC",
        "Geneva, Switzerland",
        "Yes",
    ],
    Kind.PROJECT: ["1 March 2020", "29 February 2024", "UNODC and IOM", "European Union"],
    Kind.VIDEO: ["0:12:30", "https://www.youtube-nocookie.com/embed/abc123"],
}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def publisher():
    """An organization the form offers: it has a published item."""
    organization = OrganizationFactory(name="Freedom Network", slug="freedom-network")
    ResourceFactory(publishers=[organization])
    return organization


def submit_everything(client, partner, kind: str, publisher) -> Resource:
    """Submit an item of the kind with every field of its form filled, as the partner."""
    client.force_login(partner)
    data = form_data(kind, publishers=[publisher.slug])
    data["file"] = SimpleUploadedFile("report.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(f"/submit/?kind={kind}", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return Resource.objects.get(submitted_by=partner)


def visible_text(response) -> str:
    """Return the page's text as a reader sees it: no tags, entities decoded, spaces folded."""
    body = response.content.decode()
    body = body[body.index("<main") : body.index("</main>")]
    body = re.sub(r"</?(a|cite|span|em|strong)\b[^>]*>", "", body)  # inline: no space
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def expected_values(kind: str) -> list[str]:
    actions = [
        f"({action.letter}) {action.text}"
        for action in ObjectiveAction.objects.filter(objective__code="10", letter__in=["a", "c"])
    ]
    return [*COMMON_VALUES, *actions, *KIND_VALUES[kind]]


@pytest.mark.parametrize("kind", Kind.values)
def test_reviewer_editor_and_submitter_each_see_every_answer(
    client, partner, editor, publisher, kind
):
    resource = submit_everything(client, partner, kind, publisher)
    reviewer = ReviewerFactory(username="reviewer")
    assignment = services.assignment_create(
        resource_id=resource.pk, reviewer=reviewer, actor=editor
    )
    pages = {
        "reviewer": (reviewer, f"/review/assignments/{assignment.pk}/"),
        "editor": (editor, f"/review/items/{resource.pk}/"),
        "submitter": (partner, f"/my/{resource.pk}/"),
    }
    for who, (user, address) in pages.items():
        client.force_login(user)
        response = client.get(address)
        assert response.status_code == 200, who
        page = visible_text(response)
        missing = [value for value in expected_values(kind) if value not in page]
        assert not missing, f"{who} does not see {missing}"
        assert "Not given" not in page, who


def test_guiding_principles_and_actions_are_labelled_for_the_reviewer(
    client, partner, editor, publisher
):
    resource = submit_everything(client, partner, Kind.DOCUMENT, publisher)
    reviewer = ReviewerFactory(username="reviewer")
    assignment = services.assignment_create(
        resource_id=resource.pk, reviewer=reviewer, actor=editor
    )
    client.force_login(reviewer)
    page = visible_text(client.get(f"/review/assignments/{assignment.pk}/"))
    assert "Guiding principles Human rights Gender-responsive" in page
    assert "Primary objective 10 - Eradicate trafficking" in page
    assert "Keywords forced criminality, online recruitment" in page


def test_fields_left_empty_say_not_given(client, partner, editor):
    resource = ResourceFactory(
        submitted_by=partner, status="draft", url="", summary="Short.", principles=None
    )
    client.force_login(partner)
    page = visible_text(client.get(f"/my/{resource.pk}/"))
    assert "Guiding principles Not given" in page
    assert "Link Not given" in page
    assert "File Not given" in page


@pytest.mark.parametrize("kind", Kind.values)
def test_the_fields_are_those_of_the_kinds_form(partner, kind):
    resource = ResourceFactory(kind=kind, submitted_by=partner)
    names = [field.name for field in submitted_fields(resource=resource)]
    assert names[:3] == ["kind", "title", "summary"]
    assert {"principles", "actions", "keywords", "primary_objective"} <= set(names)
    assert [name for name in names if name in SPECIFIC_FIELDS] == list(KIND_FIELDS[kind])
    assert "remove_file" not in names


def test_the_submitters_own_text_carries_the_items_language(client, partner):
    resource = ResourceFactory(
        submitted_by=partner,
        status="draft",
        languages=["fr"],
        title="La traite des personnes",
        keywords=[],
    )
    client.force_login(partner)
    body = client.get(f"/my/{resource.pk}/").content.decode()
    assert re.search(r'<dd lang="fr" dir="ltr">La traite des personnes</dd>', body)
