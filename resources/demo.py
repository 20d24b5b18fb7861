"""Load the demo catalogue and the demo accounts, so a fresh hub has real content to try.

The content lives in ``fixtures/demo/resources.json``, in the JSON backup format that
``export_resources`` writes, and is restored through the importer
(``resources.opendata.importer``), so the demo is read, checked and written exactly as a
backup is. Each item's link comes from ``fixtures/demo/links.csv``, which records the
publisher's canonical address for each item where one was found, the kind of address and
where it was seen; an item with an empty address there is loaded without a link rather
than with a guessed one. Loading is idempotent: running it again creates nothing twice and
leaves unchanged rows untouched, so timestamps stay as they were. What is left here is
the demo accounts.

Demo accounts share a published password, so the ``load_demo`` command refuses to run
when ``DEBUG`` is off unless it is forced.
"""

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.roles import EDITOR, PARTNER, REVIEWER, ROLES
from taxonomy.models import Language, Objective, Region

from .models import Resource
from .opendata.importer import (
    ImportFileError,
    ImportReport,
    import_source_from_data,
    resources_import,
)

DEMO_PASSWORD = "demo-password"
DEMO_EMAIL_DOMAIN = "example.org"

PARTNER_GROUP = PARTNER
REVIEWER_GROUP = REVIEWER
EDITOR_GROUP = EDITOR
DEMO_GROUPS = ROLES


@dataclass(frozen=True)
class DemoAccount:
    username: str
    group: str
    name: str
    is_staff: bool = False
    un_reviewer: bool | None = None

    @property
    def email(self) -> str:
        return f"{self.username}@{DEMO_EMAIL_DOMAIN}"


DEMO_ACCOUNTS = (
    DemoAccount("partner", PARTNER_GROUP, "Demo Partner"),
    DemoAccount("reviewer", REVIEWER_GROUP, "Demo Reviewer", un_reviewer=False),
    DemoAccount("reviewer-un", REVIEWER_GROUP, "Demo UN Reviewer", un_reviewer=True),
    DemoAccount("reviewer-2", REVIEWER_GROUP, "Demo Second Reviewer", un_reviewer=False),
    DemoAccount("editor", EDITOR_GROUP, "Demo Editor", is_staff=True),
)


class DemoDataError(ValueError):
    """Say which entry of the demo file is wrong, and why."""


@dataclass(frozen=True)
class DemoSummary:
    """Count what the demo file holds and what a load changed."""

    resources: int
    published: int
    accounts: int
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return (
            f"Demo content: {self.resources} resources ({self.published} published), "
            f"{self.accounts} accounts."
        )


def default_path() -> Path:
    """Return where the demo content file lives in the project."""
    return Path(settings.BASE_DIR) / "fixtures" / "demo" / "resources.json"


def default_links_path() -> Path:
    """Return where the demo items' links, with the evidence for each, live in the project."""
    return default_path().with_name("links.csv")


@transaction.atomic
def demo_load(*, path: Path, links_path: Path | None = None) -> DemoSummary:
    """Restore the demo organizations, keywords and resources, then the demo accounts.

    The file is imported as a backup, each item with its link from ``links_path`` (by
    default the shipped links file); only what differs from the file is written, so a
    second run creates and changes nothing. Raises ``DemoDataError`` naming the entry when
    the file refers to something unknown or is otherwise not clean; nothing is stored then.
    """
    data = _read(path)
    links = demo_links(path=links_path or default_links_path())
    entries = _entries(data)
    slugs = [entry["slug"] for entry in entries]
    unknown = links.keys() - set(slugs)
    if unknown:
        raise DemoDataError(
            f"The demo links name items that are not in the demo: {', '.join(sorted(unknown))}."
        )
    records = [{**entry, "url": links.get(entry["slug"], "")} for entry in entries]
    try:
        source = import_source_from_data(name=str(path), data={**data, "resources": records})
    except ImportFileError as error:
        raise DemoDataError(f"The demo file {path} is not a backup: {error}") from error
    report = resources_import(source=source, all_or_nothing=True)
    _check_clean(report, slugs=slugs)

    _sync_accounts(demo_slugs=slugs)
    return DemoSummary(
        resources=len(entries),
        published=Resource.objects.published().filter(slug__in=slugs).count(),
        accounts=len(DEMO_ACCOUNTS),
        created=report.created,
        updated=report.updated,
    )


def demo_links(*, path: Path) -> dict[str, str]:
    """Read each demo item's link from the links file, by slug; an empty address is kept empty.

    The file is a CSV with at least the columns ``slug`` and ``url``; its other columns
    (kind of address, evidence, confidence) say why each address was chosen.
    """
    try:
        with open(path, encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
    except OSError as error:
        raise DemoDataError(f"Cannot read the demo links {path}: {error.strerror}.") from error
    except csv.Error as error:
        raise DemoDataError(f"The demo links {path} are not valid CSV: {error}.") from error
    links: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        slug, url = (row.get("slug") or "").strip(), (row.get("url") or "").strip()
        if not slug:
            raise DemoDataError(f"The demo links {path}, line {line}, name no item.")
        if slug in links:
            raise DemoDataError(f"The demo links {path} give “{slug}” twice.")
        links[slug] = url
    return links


def _read(path: Path) -> Mapping[str, Any]:
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as error:
        raise DemoDataError(f"Cannot read the demo file {path}: {error.strerror}.") from error
    except json.JSONDecodeError as error:
        raise DemoDataError(f"The demo file {path} is not valid JSON: {error}.") from error
    if not isinstance(data, dict):
        raise DemoDataError(f"The demo file {path} must hold a JSON object.")
    return data


def _entries(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the demo's resources, each an object with a slug of its own."""
    entries = data.get("resources", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise DemoDataError("“resources” must be a list of objects.")
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        slug = entry.get("slug")
        if not isinstance(slug, str) or not slug:
            raise DemoDataError(f"resources entry {position} has no slug.")
        if slug in seen:
            raise DemoDataError(f"Demo item “{slug}” appears twice.")
        seen.add(slug)
    return entries


def _check_clean(report: ImportReport, *, slugs: list[str]) -> None:
    """Refuse a demo the importer found anything to say about: the demo must load cleanly.

    Each problem is named by the demo item it concerns (the import counts rows from 1).
    """
    if not report.problems:
        return
    described = []
    for problem in report.problems:
        where = f"Demo item “{slugs[problem.row - 1]}”" if problem.row else "The demo file"
        column = f", {problem.column}" if problem.column else ""
        described.append(f"{where}{column}: {problem.message}")
    raise DemoDataError(" ".join(described))


def _sync_accounts(*, demo_slugs: Iterable[str]) -> None:
    """Create the demo accounts, their groups and reviewer profiles.

    A password is set only on a new account, so a changed one survives a reload. The
    demo's unpublished items are attributed to the demo partner, so they show in /my/.
    """
    from review.models import ReviewerProfile

    user_model = get_user_model()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in DEMO_GROUPS}
    users = {}
    for account in DEMO_ACCOUNTS:
        wanted = {
            "email": account.email,
            "is_staff": account.is_staff,
            "name": account.name,
            "email_confirmed": True,
        }
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=account.username, password=DEMO_PASSWORD, **wanted
            )
        else:
            changed = [name for name, value in wanted.items() if getattr(user, name) != value]
            if changed:
                for name in changed:
                    setattr(user, name, wanted[name])
                user.save(update_fields=changed)
        group = groups[account.group]
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        if account.un_reviewer is not None:
            # The demo's UN reviewer is confirmed, so a demo panel can be completed.
            profile, created = ReviewerProfile.objects.get_or_create(
                user=user,
                defaults={
                    "is_un_affiliated": account.un_reviewer,
                    "un_confirmed_at": (timezone.now() if account.un_reviewer else None),
                    "years_of_experience": 10,
                },
            )
            if created:
                profile.objectives.set(Objective.objects.filter(code__in=["10", "7", "9"]))
                profile.regions.set(Region.objects.all())
                profile.languages.set(Language.objects.filter(code__in=["en", "fr", "es"]))
        users[account.username] = user
    unpublished = Resource.objects.unpublished().filter(slug__in=list(demo_slugs))
    unpublished.filter(submitted_by=None).update(submitted_by=users["partner"])
