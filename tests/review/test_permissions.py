"""Check every review URL and action against every kind of visitor, on a real database.

Each case states what the visitor gets: sent to sign in, refused (403, 404, 409) or let
through. Assignment pages refuse anyone off the roster (403) before looking for the
assignment, and show a roster member only their own (404 otherwise). A refused POST must
leave the database exactly as it was; an allowed one must change it.
"""

import copy
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from resources.models import Resource, Status
from review import services, workflow
from review.models import (
    Assignment,
    HistoryEntry,
    Recommendation,
    Review,
    ReviewerProfile,
    RosterApplication,
)
from tests.factories import SCORES, ResourceFactory, ReviewerFactory, UserFactory, review_by
from tests.shared_data import kept_for_the_module

pytestmark = pytest.mark.django_db

REVIEW_DATA = {
    **{name: str(score) for name, score in SCORES.items()},
    "recommendation": Recommendation.ACCEPT,
    "comments_for_submitter": "Clear.",
    "confidential_comments": "",
}

ROLES = (
    "anonymous",
    "partner",
    "other_partner",
    "reviewer_assigned",
    "reviewer_unassigned",
    "reviewer_conflicted",
    "editor",
)

LOGIN = "login"  # redirected to the sign-in page
OK = 200  # the page is shown
DONE = "done"  # the action was carried out and the visitor redirected


@dataclass
class World:
    users: dict
    item: Resource
    published: Resource
    assignment: Assignment
    conflict: Assignment
    extra_reviewer: object
    application: RosterApplication


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """Build the world once for the module (tests/shared_data.py): every test here uses it."""
    with kept_for_the_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(built_world, db):
    return copy.deepcopy(built_world)


def build_world() -> World:
    partner = UserFactory(username="partner")
    other_partner = UserFactory(username="other-partner")
    editor = UserFactory(username="editor", groups=["editor"])
    assigned = ReviewerFactory(username="assigned")
    unassigned = ReviewerFactory(username="unassigned")
    conflicted = ReviewerFactory(username="conflicted")

    item = ResourceFactory(status=Status.DRAFT, submitted_by=partner, title="Matrix item")
    workflow.transition(resource_id=item.pk, name="submit", actor=partner)
    for reviewer in (ReviewerFactory(un=True), ReviewerFactory(), ReviewerFactory()):
        review_by(reviewer, item, editor, Recommendation.ACCEPT)
    assignment = services.assignment_create(resource_id=item.pk, reviewer=assigned, actor=editor)
    conflict = services.assignment_create(resource_id=item.pk, reviewer=conflicted, actor=editor)
    services.assignment_declare(
        assignment_id=conflict.pk, actor=conflicted, has_conflict=True, note="I wrote it."
    )
    application = services.roster_apply(
        applicant=other_partner,
        is_un_affiliated=False,
        objectives=[],
        regions=[],
        languages=[],
        years_of_experience=3,
        publications="",
        statement="I know the field.",
    )
    return World(
        users={
            "partner": partner,
            "other_partner": other_partner,
            "editor": editor,
            "reviewer_assigned": assigned,
            "reviewer_unassigned": unassigned,
            "reviewer_conflicted": conflicted,
        },
        item=item,
        published=ResourceFactory(submitted_by=partner, title="Matrix published"),
        assignment=assignment,
        conflict=conflict,
        extra_reviewer=ReviewerFactory(username="extra"),
        application=application,
    )


def declared(world: World) -> None:
    services.assignment_declare(
        assignment_id=world.assignment.pk,
        actor=world.users["reviewer_assigned"],
        has_conflict=False,
    )


def roster_form() -> dict:
    return {
        "objectives": ["10"],
        "un_languages": ["en"],
        "is_un_affiliated": "non_un",
        "years_of_experience": "5",
        "statement": "I research trafficking.",
    }


@dataclass
class Action:
    name: str
    method: str
    url: object
    expected: dict
    data: object = None
    prepare: object = None
    extra: dict = field(default_factory=dict)


def roles(*outcomes) -> dict:
    return dict(zip(ROLES, outcomes, strict=True))


EDITOR_ONLY_PAGE = roles(LOGIN, 403, 403, 403, 403, 403, OK)
EDITOR_ONLY_ACTION = roles(LOGIN, 403, 403, 403, 403, 403, DONE)


def decision(name, target="item"):
    return Action(
        f"decide {name}",
        "post",
        lambda w, target=target: f"/review/items/{getattr(w, target).pk}/decide/",
        EDITOR_ONLY_ACTION,
        data=lambda w, name=name: {"action": name, "message": "Thank you for this item."},
    )


ACTIONS = [
    Action("queue", "get", lambda w: "/review/", roles(LOGIN, 403, 403, OK, OK, OK, OK)),
    Action("editor item page", "get", lambda w: f"/review/items/{w.item.pk}/", EDITOR_ONLY_PAGE),
    Action(
        "assign",
        "post",
        lambda w: f"/review/items/{w.item.pk}/assign/",
        EDITOR_ONLY_ACTION,
        data=lambda w: {"reviewer": w.extra_reviewer.pk},
    ),
    Action(
        "remove",
        "post",
        lambda w: f"/review/assignments/{w.assignment.pk}/remove/",
        EDITOR_ONLY_ACTION,
    ),
    decision("publish"),
    decision("request_changes"),
    decision("reject"),
    decision("mark_duplicate"),
    decision("archive", target="published"),
    Action(
        "assignment page",
        "get",
        lambda w: f"/review/assignments/{w.assignment.pk}/",
        roles(LOGIN, 403, 403, OK, 404, 404, 403),
    ),
    Action(
        "declare",
        "post",
        lambda w: f"/review/assignments/{w.assignment.pk}/declare/",
        roles(LOGIN, 403, 403, DONE, 404, 404, 403),
        data=lambda w: {"has_conflict": "no"},
    ),
    Action(
        "review submit",
        "post",
        lambda w: f"/review/assignments/{w.assignment.pk}/review/",
        roles(LOGIN, 403, 403, DONE, 404, 404, 403),
        data=lambda w: REVIEW_DATA,
        prepare=declared,
    ),
    Action(
        "review before declaring",
        "post",
        lambda w: f"/review/assignments/{w.assignment.pk}/review/",
        roles(LOGIN, 403, 403, 409, 404, 404, 403),
        data=lambda w: REVIEW_DATA,
    ),
    Action(
        "conflicted assignment page",
        "get",
        lambda w: f"/review/assignments/{w.conflict.pk}/",
        roles(LOGIN, 403, 403, 404, 404, OK, 403),
    ),
    Action(
        "conflicted declare again",
        "post",
        lambda w: f"/review/assignments/{w.conflict.pk}/declare/",
        roles(LOGIN, 403, 403, 404, 404, 409, 403),
        data=lambda w: {"has_conflict": "no"},
    ),
    Action(
        "conflicted review submit",
        "post",
        lambda w: f"/review/assignments/{w.conflict.pk}/review/",
        roles(LOGIN, 403, 403, 404, 404, 409, 403),
        data=lambda w: REVIEW_DATA,
    ),
    Action("roster list", "get", lambda w: "/review/roster/", EDITOR_ONLY_PAGE),
    Action(
        "roster decide",
        "post",
        lambda w: f"/review/roster/{w.application.pk}/decide/",
        EDITOR_ONLY_ACTION,
        data=lambda w: {f"application-{w.application.pk}-decision": "accept"},
    ),
    # A visitor is told that applying needs an account, with links to sign in and sign up.
    Action(
        "roster apply page", "get", lambda w: "/roster/apply/", roles(OK, OK, OK, OK, OK, OK, OK)
    ),
    # The other partner has an application waiting; reviewers are on the roster already.
    Action(
        "roster apply",
        "post",
        lambda w: "/roster/apply/",
        roles(403, DONE, 409, 409, 409, 409, DONE),
        data=lambda w: roster_form(),
    ),
]


def snapshot() -> tuple:
    """Capture everything a review action could change."""
    user_groups = get_user_model().groups.through.objects
    return (
        sorted(Resource.objects.values_list("pk", "status")),
        sorted(Assignment.objects.values_list("pk", "state")),
        Review.objects.count(),
        HistoryEntry.objects.count(),
        sorted(RosterApplication.objects.values_list("pk", "state")),
        ReviewerProfile.objects.count(),
        sorted(user_groups.values_list("user_id", "group_id")),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.name)
def test_permission_matrix(client, world, action, role):
    if action.prepare:
        action.prepare(world)
    if role != "anonymous":
        client.force_login(world.users[role])
    url = action.url(world)
    before = snapshot()
    if action.method == "get":
        response = client.get(url)
    else:
        response = client.post(url, action.data(world) if action.data else {})
    after = snapshot()
    expected = action.expected[role]

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif expected == DONE:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert not response["Location"].startswith("/accounts/login/")
        assert after != before, "an allowed action changed nothing"
    else:
        assert response.status_code == expected
    if expected != DONE:
        assert after == before, "a refused or read-only request changed the database"


@pytest.mark.parametrize(
    ("url", "role"),
    [
        ("/review/items/{item}/assign/", "editor"),
        ("/review/items/{item}/decide/", "editor"),
        ("/review/assignments/{assignment}/remove/", "editor"),
        ("/review/roster/{application}/decide/", "editor"),
        ("/review/assignments/{assignment}/declare/", "reviewer_assigned"),
        ("/review/assignments/{assignment}/review/", "reviewer_assigned"),
    ],
)
def test_actions_refuse_get(client, world, url, role):
    client.force_login(world.users[role])
    before = snapshot()
    response = client.get(
        url.format(
            item=world.item.pk, assignment=world.assignment.pk, application=world.application.pk
        )
    )
    assert response.status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/review/items/999999/"),
        ("post", "/review/items/999999/assign/"),
        ("post", "/review/items/999999/decide/"),
        ("post", "/review/assignments/999999/remove/"),
        ("post", "/review/roster/999999/decide/"),
    ],
)
def test_missing_objects_are_404_for_editors(client, world, method, url):
    client.force_login(world.users["editor"])
    before = snapshot()
    assert getattr(client, method)(url).status_code == 404
    assert snapshot() == before


def test_editors_cannot_open_drafts(client, world):
    draft = ResourceFactory(status=Status.DRAFT, submitted_by=world.users["partner"])
    client.force_login(world.users["editor"])
    assert client.get(f"/review/items/{draft.pk}/").status_code == 404
    before = snapshot()
    response = client.post(
        f"/review/items/{draft.pk}/decide/", {"action": "reject", "message": "No."}
    )
    assert response.status_code == 404
    assert snapshot() == before
