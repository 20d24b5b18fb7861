"""Roles: who is an editor or a roster member is decided once, for checks and for lists alike."""

import pytest
from django.core import mail

from accounts.roles import (
    EDITOR,
    REVIEWER,
    editors,
    is_editor,
    is_reviewer,
    is_roster_member,
    role_grant,
    roster_members,
)
from accounts.selectors import user_roles
from resources.models import Status
from review import workflow
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def founder():
    """The first editor of a new hub, created as a superuser, outside the editor group."""
    return UserFactory(username="founder", is_superuser=True, is_staff=True)


def test_the_editors_listed_are_exactly_those_the_role_check_accepts(founder, editor):
    people = [
        founder,
        editor,
        UserFactory(username="retired", groups=[EDITOR], is_active=False),
        UserFactory(username="retired-founder", is_superuser=True, is_active=False),
        UserFactory(username="partner"),
        ReviewerFactory(username="reviewer"),
    ]
    assert set(editors()) == {person for person in people if is_editor(person)}
    assert set(editors()) == {founder, editor}


def test_a_superuser_editor_receives_the_editors_mail(founder, partner, committed):
    draft = ResourceFactory(status=Status.DRAFT, submitted_by=partner)
    committed(workflow.transition, resource_id=draft.pk, name="submit", actor=partner)
    to_editors = [message for message in mail.outbox if message.to != [partner.email]]
    assert [message.to for message in to_editors] == [[founder.email]]
    assert "New submission to review" in to_editors[0].subject


def test_a_superuser_editor_is_listed_as_an_editor(founder):
    assert user_roles(user=founder) == ["Partner: submits resources", "Editor"]


def test_the_roster_members_listed_are_exactly_those_the_role_check_accepts(founder):
    member = ReviewerFactory(username="member")
    off_roster = ReviewerFactory(username="off-roster")
    off_roster.reviewer_profile.is_active = False
    off_roster.reviewer_profile.save()
    unconfirmed = ReviewerFactory(username="unconfirmed", email_confirmed=False)
    no_profile = UserFactory(username="no-profile", groups=[REVIEWER])
    people = [member, off_roster, unconfirmed, no_profile, founder]
    assert set(roster_members()) == {person for person in people if is_roster_member(person)}
    assert set(roster_members()) == {member}


def test_granting_a_role_takes_effect_at_once(partner):
    assert not is_reviewer(partner)  # the role check remembers the groups it read
    role_grant(user=partner, role=REVIEWER)
    assert is_reviewer(partner)
    role_grant(user=partner, role=REVIEWER)
    assert list(partner.groups.values_list("name", flat=True).order_by("name")) == [
        "partner",
        REVIEWER,
    ]
