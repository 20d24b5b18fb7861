"""Check the review in the Django admin: the history can be read, never written."""

import pytest

from resources.models import Status
from review import services, workflow
from review.models import HistoryEntry, ReviewerProfile, RosterApplication
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    partner = UserFactory(username="partner")
    resource = ResourceFactory(status=Status.DRAFT, submitted_by=partner, title="Logged item")
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    editor = UserFactory(username="editor", groups=["editor"])
    services.assignment_create(resource_id=resource.pk, reviewer=ReviewerFactory(), actor=editor)
    return HistoryEntry.objects.filter(resource=resource).first()


def test_history_can_be_listed_and_read(admin_client, entry):
    response = admin_client.get("/admin/review/historyentry/")
    assert response.status_code == 200
    assert "Logged item" in response.content.decode()
    response = admin_client.get(f"/admin/review/historyentry/{entry.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="_save"' not in page
    assert "/delete/" not in page


def test_history_cannot_be_added_changed_or_deleted(admin_client, entry):
    base = "/admin/review/historyentry/"
    assert admin_client.get(f"{base}add/").status_code == 403
    assert admin_client.post(f"{base}add/", {"action": "publish"}).status_code == 403
    response = admin_client.post(f"{base}{entry.pk}/change/", {"message": "rewritten"})
    assert response.status_code == 403
    assert admin_client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    response = admin_client.post(
        base, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.message == ""
    assert HistoryEntry.objects.filter(pk=entry.pk).exists()


def test_history_admin_grants_no_write_permission(rf, admin_user):
    from django.contrib import admin

    model_admin = admin.site._registry[HistoryEntry]
    request = rf.get("/")
    request.user = admin_user
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/review/reviewerprofile/",
        "/admin/review/rosterapplication/",
        "/admin/review/assignment/",
        "/admin/review/review/",
        "/admin/review/historyentry/",
        "/admin/review/historyentry/?action__exact=submit&q=Logged",
    ],
)
def test_review_admin_pages_render(admin_client, entry, url):
    assert admin_client.get(url).status_code == 200


def test_editors_can_accept_roster_applications_from_the_admin(admin_client):
    applicant = UserFactory(username="applicant")
    application = services.roster_apply(
        applicant=applicant,
        is_un_affiliated=True,
        objectives=[],
        regions=[],
        languages=[],
        years_of_experience=4,
        publications="",
        statement="Keen.",
    )
    response = admin_client.post(
        "/admin/review/rosterapplication/",
        {"action": "accept_applications", "_selected_action": [application.pk]},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == RosterApplication.State.ACCEPTED
    assert ReviewerProfile.objects.get(user=applicant).is_un_affiliated


def test_the_admin_takes_reviewers_off_the_roster_through_the_roster_service(admin_client):
    reviewer = ReviewerFactory(username="leaving")
    partner = UserFactory(username="submitter")
    resource = ResourceFactory(status=Status.DRAFT, submitted_by=partner, title="Open item")
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    editor = UserFactory(username="editor", groups=["editor"])
    assignment = services.assignment_create(
        resource_id=resource.pk, reviewer=reviewer, actor=editor
    )
    profile = reviewer.reviewer_profile
    page = admin_client.get(f"/admin/review/reviewerprofile/{profile.pk}/change/")
    assert 'name="is_active"' not in page.content.decode()
    response = admin_client.post(
        "/admin/review/reviewerprofile/",
        {"action": "remove_from_roster", "_selected_action": [profile.pk]},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assignment.refresh_from_db()
    assert not profile.is_active
    assert assignment.state == assignment.State.REMOVED
    assert HistoryEntry.objects.filter(resource=resource, action="unassign").exists()


def test_correcting_a_un_claim_in_the_admin_needs_a_new_confirmation(admin_client):
    reviewer = ReviewerFactory(username="claimed", un=True)
    profile = reviewer.reviewer_profile
    assert profile.is_confirmed_un
    response = admin_client.post(
        "/admin/review/reviewerprofile/",
        {"action": "confirm_un_affiliation", "_selected_action": [profile.pk]},
    )
    assert response.status_code == 302
    page = admin_client.get(f"/admin/review/reviewerprofile/{profile.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {
            "user": reviewer.pk,
            "is_un_affiliated": "",
            "objectives": [],
            "regions": [],
            "languages": [],
        }
    )
    response = admin_client.post(f"/admin/review/reviewerprofile/{profile.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    data["is_un_affiliated"] = "on"
    admin_client.post(f"/admin/review/reviewerprofile/{profile.pk}/change/", data)
    profile.refresh_from_db()
    assert profile.is_un_affiliated and not profile.is_confirmed_un
