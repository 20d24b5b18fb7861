"""A resubmission shows the editor what the partner changed since the last round, field by field."""

import html
import re

import pytest

from resources.models import Resource, Status
from review import workflow
from review.models import HistoryEntry, Recommendation
from tests.factories import full_panel

from .submission_data import form_data

pytestmark = pytest.mark.django_db


def changes_table(page: str) -> list[tuple[str, str, str]]:
    """Return the rows of "What the submitter changed": field, before, after."""
    section = re.search(r'<section aria-labelledby="changes-heading">.*?</section>', page, re.S)
    assert section, "no changes section on the page"
    rows = re.findall(
        r'<th scope="row">(.*?)</th>\s*<td><del>(.*?)</del></td>\s*'
        r"<td><ins>(.*?)</ins></td>",
        section.group(0),
        re.S,
    )
    return [tuple(html.unescape(cell.strip()) for cell in row) for row in rows]


def test_the_editor_sees_the_title_and_keyword_the_partner_changed(client, partner, editor):
    client.force_login(partner)
    client.post("/submit/?kind=document", form_data(title="Recruitment fees in the Gulf"))
    resource = Resource.objects.get()
    assert resource.status == Status.SUBMITTED
    full_panel(resource, editor, (Recommendation.MINOR_CHANGES,) * 3)
    workflow.transition(
        resource_id=resource.pk,
        name="request_changes",
        actor=editor,
        message="Please narrow the title and the keywords.",
    )

    response = client.post(
        f"/my/{resource.pk}/edit/",
        form_data(title="Recruitment fees in Qatar", keywords="forced criminality, debt bondage"),
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.RESUBMITTED

    client.force_login(editor)
    page = client.get(f"/review/items/{resource.pk}/").content.decode()
    assert "What the submitter changed" in page
    assert changes_table(page) == [
        ("Title", "Recruitment fees in the Gulf", "Recruitment fees in Qatar"),
        ("Keywords", "forced criminality, online recruitment", "debt bondage, forced criminality"),
    ]


def test_a_resubmission_without_changes_says_so(client, partner, editor):
    client.force_login(partner)
    client.post("/submit/?kind=practice", form_data("practice"))
    resource = Resource.objects.get()
    full_panel(resource, editor, (Recommendation.MINOR_CHANGES,) * 3)
    workflow.transition(
        resource_id=resource.pk,
        name="request_changes",
        actor=editor,
        message="Please check the dates.",
    )
    client.post(f"/my/{resource.pk}/edit/", form_data("practice"))
    client.force_login(editor)
    page = client.get(f"/review/items/{resource.pk}/").content.decode()
    assert "The submitter resubmitted the item without changing any field." in page


def test_kind_specific_dates_and_tags_are_compared_in_words(client, partner, editor):
    client.force_login(partner)
    client.post("/submit/?kind=practice", form_data("practice"))
    resource = Resource.objects.get()
    full_panel(resource, editor, (Recommendation.MINOR_CHANGES,) * 3)
    workflow.transition(
        resource_id=resource.pk,
        name="request_changes",
        actor=editor,
        message="Please check the dates.",
    )
    client.post(
        f"/my/{resource.pk}/edit/",
        form_data(
            "practice",
            period_end="2024-06-30",
            countries=["KHM"],
            publication_day=None,
            url="https://example.org/new",
        ),
    )
    client.force_login(editor)
    rows = dict(
        (label, (before, after))
        for label, before, after in changes_table(
            client.get(f"/review/items/{resource.pk}/").content.decode()
        )
    )
    assert rows["End of period"] == ("2023-12-31", "2024-06-30")
    assert rows["Countries"] == ("Cambodia, Myanmar", "Cambodia")
    assert rows["Day of publication"] == ("17", "—")
    assert rows["Link"] == ("https://example.org/reports/scam-centres", "https://example.org/new")


def test_an_item_first_submitted_before_submissions_were_recorded_says_so(client, partner, editor):
    client.force_login(partner)
    client.post("/submit/?kind=document", form_data())
    resource = Resource.objects.get()
    full_panel(resource, editor, (Recommendation.MINOR_CHANGES,) * 3)
    workflow.transition(
        resource_id=resource.pk, name="request_changes", actor=editor, message="Please check."
    )
    workflow.transition(resource_id=resource.pk, name="resubmit", actor=partner)
    first = HistoryEntry.objects.get(resource=resource, action="submit")
    # As an entry written before the record existed: the model refuses any update.
    HistoryEntry._base_manager.filter(pk=first.pk).update(submitted_fields=None)
    client.force_login(editor)
    page = client.get(f"/review/items/{resource.pk}/").content.decode()
    assert "The changes cannot be shown" in page
