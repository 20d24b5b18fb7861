"""Check the peer review roster: applying, and editors accepting or declining applications."""

import re

import pytest
from django.core import mail

from accounts.roles import is_reviewer
from review.models import ReviewerProfile, RosterApplication
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return UserFactory(username="applicant")


@pytest.fixture
def editor():
    return UserFactory(username="editor", groups=["editor"])


def application_data(**changes) -> dict:
    data = {"objectives": ["10", "6"], "regions": ["africa"], "un_languages": ["en", "fr"],
            "other_languages": ["sw"], "is_un_affiliated": "un", "years_of_experience": "12",
            "publications": "Labour migration in West Africa (2021)",
            "statement": "I have evaluated counter-trafficking programmes for ten years."}
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def text(response) -> str:
    return response.content.decode()


def field_error(response, field: str) -> str:
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', text(response),
                      re.S)
    return match.group(1) if match else ""


def test_the_form_lists_the_un_languages_first_then_the_others(client, applicant):
    client.force_login(applicant)
    page = text(client.get("/roster/apply/"))
    un_languages = page[page.index('id="id_un_languages"'):page.index('id="id_other_languages"')]
    assert re.findall(r'name="un_languages" value="(\w+)"', un_languages) == [
        "ar", "zh", "en", "fr", "ru", "es"]
    assert '<select name="other_languages"' in page
    assert 'value="sw"' in page
    assert "<legend>GCM objectives you know well</legend>" in page
    assert "<legend>Affiliation</legend>" in page


def test_applying_files_the_application_and_tells_the_editors(client, applicant, editor,
                                                              committed):
    client.force_login(applicant)
    response = committed(client.post, "/roster/apply/", application_data())
    assert response.status_code == 302
    application = RosterApplication.objects.get(applicant=applicant)
    assert application.state == RosterApplication.State.PENDING
    assert application.is_un_affiliated
    assert application.years_of_experience == 12
    assert sorted(application.objectives.values_list("code", flat=True)) == ["10", "6"]
    assert list(application.regions.values_list("slug", flat=True)) == ["africa"]
    assert sorted(application.languages.values_list("code", flat=True)) == ["en", "fr", "sw"]
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Applicant" in mail.outbox[0].body
    assert "/review/roster/" in mail.outbox[0].body

    page = text(client.get("/roster/apply/"))
    assert "is waiting for the editors' decision" in page
    response = client.post("/roster/apply/", application_data())
    assert response.status_code == 409
    assert "You already have an application waiting" in text(response)
    assert RosterApplication.objects.count() == 1


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"objectives": None}, "objectives", "Choose at least one objective."),
    ({"objectives": ["99"]}, "objectives", "Choose objectives from the list."),
    ({"un_languages": None, "other_languages": None}, "un_languages",
     "Choose at least one language"),
    ({"is_un_affiliated": None}, "is_un_affiliated", "Say whether you work for"),
    ({"years_of_experience": "-1"}, "years_of_experience", "cannot be negative"),
    ({"years_of_experience": "many"}, "years_of_experience", "Give a whole number of years."),
    ({"statement": "   "}, "statement", "Please write a short statement."),
    ({"statement": "x" * 5001}, "statement", "at most 5000 characters"),
])
def test_invalid_applications_are_explained_next_to_the_field(client, applicant, changes, field,
                                                              message):
    client.force_login(applicant)
    response = client.post("/roster/apply/", application_data(**changes))
    assert response.status_code == 400
    assert message in field_error(response, field)
    assert not RosterApplication.objects.exists()


def apply(client, applicant, committed, **changes):
    client.force_login(applicant)
    committed(client.post, "/roster/apply/", application_data(**changes))
    return RosterApplication.objects.get(applicant=applicant)


def test_editors_see_applications_and_accepting_makes_a_reviewer(client, applicant, editor,
                                                                 committed):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    page = text(client.get("/review/roster/"))
    assert "1 application waiting for a decision" in page
    assert "I have evaluated counter-trafficking programmes" in page
    assert f'name="application-{application.pk}-decision" value="accept"' in page

    mail.outbox.clear()
    response = committed(client.post, f"/review/roster/{application.pk}/decide/", {
        f"application-{application.pk}-decision": "accept",
        f"application-{application.pk}-message": "Welcome aboard.",
    })
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.state, application.decided_by) == (RosterApplication.State.ACCEPTED,
                                                           editor)
    profile = ReviewerProfile.objects.get(user=applicant)
    assert profile.is_un_affiliated and profile.years_of_experience == 12
    assert sorted(profile.objectives.values_list("code", flat=True)) == ["10", "6"]
    assert sorted(profile.languages.values_list("code", flat=True)) == ["en", "fr", "sw"]
    applicant.refresh_from_db()
    assert is_reviewer(applicant)
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    assert "Welcome to the peer review roster" in mail.outbox[0].body
    assert "Welcome aboard." in mail.outbox[0].body

    client.force_login(applicant)
    assert client.get("/review/").status_code == 200
    assert "You are on the peer review roster." in text(client.get("/roster/apply/"))
    response = client.post("/roster/apply/", application_data())
    assert response.status_code == 409


def test_declining_tells_the_applicant_and_grants_nothing(client, applicant, editor,
                                                          committed):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    mail.outbox.clear()
    response = committed(client.post, f"/review/roster/{application.pk}/decide/", {
        f"application-{application.pk}-decision": "decline",
        f"application-{application.pk}-message": "We need more field experience.",
    })
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == RosterApplication.State.DECLINED
    assert not ReviewerProfile.objects.filter(user=applicant).exists()
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    assert "not able to add you" in mail.outbox[0].body
    assert "We need more field experience." in mail.outbox[0].body
    page = text(client.get("/review/roster/"))
    assert "No application is waiting." in page
    assert "We need more field experience." in page

    client.force_login(applicant)
    assert client.get("/review/").status_code == 403


def test_an_application_is_decided_only_once_and_with_a_valid_choice(client, applicant, editor,
                                                                      committed):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    prefix = f"application-{application.pk}"
    response = client.post(f"/review/roster/{application.pk}/decide/",
                           {f"{prefix}-decision": "promote"})
    assert response.status_code == 400
    assert "Choose to accept or decline." in text(response)
    client.post(f"/review/roster/{application.pk}/decide/", {f"{prefix}-decision": "decline"})
    response = client.post(f"/review/roster/{application.pk}/decide/",
                           {f"{prefix}-decision": "accept"})
    assert response.status_code == 409
    assert "already been decided" in text(response)
    application.refresh_from_db()
    assert application.state == RosterApplication.State.DECLINED
    assert not ReviewerProfile.objects.exists()


def test_a_declined_applicant_may_apply_again(client, applicant, editor, committed):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    client.post(f"/review/roster/{application.pk}/decide/",
                {f"application-{application.pk}-decision": "decline"})
    client.force_login(applicant)
    response = client.post("/roster/apply/", application_data())
    assert response.status_code == 302
    assert RosterApplication.objects.filter(applicant=applicant).count() == 2
