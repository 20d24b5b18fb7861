"""Write while the benchmark's clients read: an editor's decisions and a partner's drafts.

Run by ``bench/run.py`` against the benchmark database with production settings, for the
seconds given. Every second an item is unpublished or published again (a conditional
update of its status, as ``review.workflow.transition`` writes it), and every half second
a partner saves their draft through the submission service with a new title and new
countries. Prints how many of each it wrote, as JSON.
"""

import json
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from resources.models import Kind, Resource, Status  # noqa: E402
from resources.submission.services import resource_save  # noqa: E402
from taxonomy.models import Country, Objective  # noqa: E402

PUBLISH_EVERY = 1.0
DRAFT_EVERY = 0.5


def main() -> None:
    duration = float(sys.argv[1])
    chooser = random.Random(3)
    partner, _ = User.objects.get_or_create(
        username="bench-partner", defaults={"email": "partner@bench.invalid"}
    )
    partner.groups.add(Group.objects.get_or_create(name="partner")[0])
    countries = list(Country.objects.all())
    objectives = list(Objective.objects.filter(code="10"))
    draft = resource_save(
        author=partner, kind=Kind.DOCUMENT, data=_draft(0, chooser, countries, objectives)
    ).resource
    items = list(Resource.objects.published().values_list("pk", flat=True)[:500])
    hidden: list[int] = []
    started = time.monotonic()
    next_decision = next_draft = started
    decisions = drafts = 0
    while (now := time.monotonic()) < started + duration:
        if now >= next_decision:
            if hidden and (decisions % 2 or not items):
                pk, status = hidden.pop(), Status.PUBLISHED
            else:
                pk, status = items.pop(chooser.randrange(len(items))), Status.ARCHIVED
                hidden.append(pk)
            changes = {"status": status, "updated_at": timezone.now()}
            if status == Status.PUBLISHED:
                changes["published_at"] = timezone.now()
                items.append(pk)
            Resource.objects.filter(pk=pk).update(**changes)
            decisions += 1
            next_decision += PUBLISH_EVERY
        if now >= next_draft:
            drafts += 1
            resource_save(
                author=partner,
                kind=Kind.DOCUMENT,
                resource=draft,
                data=_draft(drafts, chooser, countries, objectives),
            )
            next_draft += DRAFT_EVERY
        time.sleep(max(0.0, min(next_decision, next_draft) - time.monotonic()))
    Resource.objects.filter(pk__in=hidden).update(status=Status.PUBLISHED)
    print(json.dumps({"decisions": decisions, "drafts": drafts}))


def _draft(number: int, chooser: random.Random, countries: list, objectives: list) -> dict:
    return {
        "title": f"A partner's draft, saved {number} times",
        "summary": "Work in progress.",
        "publication_year": 2026,
        "countries": chooser.sample(countries, 2),
        "objectives": objectives,
    }


if __name__ == "__main__":
    main()
