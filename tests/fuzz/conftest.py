"""Build a small hub in every state the fuzzers need, with rate limits and lockouts off.

Limits would turn repeated posts into 429 answers before any form is validated; they
have their own tests (tests/hub/test_rate_limits.py, tests/accounts/test_login.py).

The fuzzers run a few dozen examples per page and form. ``HUB_FUZZ_SCALE=10`` searches
ten times longer; with ``CI=true`` every run draws the same examples, so a red build can
be reproduced. Run them on PostgreSQL too: it refuses input SQLite lets through (NUL).
"""

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from resources.models import Resource, Status
from review import services, workflow
from review.models import Assignment, RosterApplication
from taxonomy.models import Keyword, Language, Objective, Region
from tests.factories import (
    OrganizationFactory,
    ResourceFactory,
    ReviewerFactory,
    UserFactory,
    review_by,
)

PASSWORD = "a-long-test-password"


@dataclass
class Samples:
    """The people and items the fuzzers act on, one for each state a form expects."""

    partner: object
    editor: object
    reviewer: object  # has one assignment awaiting declaration and one to review
    spare_reviewer: object  # on the roster, assigned to nothing
    published: Resource
    draft: Resource  # the partner's, fully tagged
    submitted: Resource  # the partner's, waiting for reviewers
    decidable: Resource  # in review with a complete panel of three reviews
    to_declare: Assignment
    to_review: Assignment
    application: RosterApplication
    reset_uid: str
    reset_token: str
    resource_ids: frozenset[int]


@pytest.fixture(autouse=True)
def no_limits(settings):
    """Switch rate limits, sign-in lockouts and the API throttle off; keep uploads aside."""
    settings.RATELIMIT_ENABLE = False
    settings.AXES_ENABLED = False
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"},
    }
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def tagged(**fields) -> Resource:
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", is_un_entity=True
    )
    keyword, _ = Keyword.objects.get_or_create(
        slug="forced-labour", defaults={"name": "forced labour"}
    )
    return ResourceFactory(
        countries=["NGA"],
        regions=["africa"],
        principles=["human-rights"],
        languages=["en"],
        publishers=[iom],
        actions=["a", "b"],
        keywords=[keyword],
        url="https://example.org/report",
        **fields,
    )


@pytest.fixture(scope="module")
def samples(django_db_setup, django_db_blocker):
    """Build the samples once per module, in a transaction undone when the module ends.

    Each test's own transaction, and each example's, nest inside it.
    """
    # Hash as the suite's autouse fixture does, so the sample passwords can be checked.
    with (
        django_db_blocker.unblock(),
        rolled_back(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        yield build_samples()


def build_samples() -> Samples:
    partner = UserFactory(
        username="partner", organization=OrganizationFactory(name="Friends of the Hub")
    )
    editor = UserFactory(username="editor", groups=["editor"])
    reviewers = [
        ReviewerFactory(username="reviewer-un", un=True),
        ReviewerFactory(username="reviewer-one"),
        ReviewerFactory(username="reviewer-two"),
    ]
    reviewer = ReviewerFactory(username="reviewer")
    spare = ReviewerFactory(username="reviewer-spare", un=True)

    published = tagged(title="Nigeria trafficking report", slug="nigeria-trafficking-report")
    draft = tagged(title="Draft on forced criminality", status=Status.DRAFT, submitted_by=partner)

    def sent(title: str) -> Resource:
        item = tagged(title=title, status=Status.DRAFT, submitted_by=partner)
        return workflow.transition(resource_id=item.pk, name="submit", actor=partner)

    submitted = sent("Submitted toolkit on recruitment")
    decidable = sent("Guidelines for labour inspectors")
    for member in reviewers:
        review_by(member, decidable, editor, "accept")
    pending = sent("Study of online recruitment")
    to_declare = services.assignment_create(resource_id=pending.pk, reviewer=reviewer, actor=editor)
    to_review = services.assignment_create(
        resource_id=decidable.pk, reviewer=reviewer, actor=editor
    )
    services.assignment_declare(assignment_id=to_review.pk, actor=reviewer, has_conflict=False)

    applicant = UserFactory(username="applicant")
    application = services.roster_apply(
        applicant=applicant,
        is_un_affiliated=False,
        objectives=Objective.objects.filter(code="10"),
        regions=Region.objects.none(),
        languages=Language.objects.filter(code="en"),
        years_of_experience=5,
        publications="",
        statement="I study recruitment fees.",
    )
    return Samples(
        partner=partner,
        editor=editor,
        reviewer=reviewer,
        spare_reviewer=spare,
        published=published,
        draft=draft,
        submitted=submitted,
        decidable=Resource.objects.get(pk=decidable.pk),
        to_declare=to_declare,
        to_review=to_review,
        application=application,
        reset_uid=urlsafe_base64_encode(force_bytes(partner.pk)),
        reset_token=default_token_generator.make_token(partner),
        resource_ids=frozenset(Resource.objects.values_list("pk", flat=True)),
    )


@contextmanager
def rolled_back():
    """Undo everything one fuzz example stored, so each example starts from the samples."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
