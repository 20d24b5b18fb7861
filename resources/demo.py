"""Load the demo catalogue and the demo accounts, so a fresh hub has real content to try.

The content lives in ``fixtures/demo/resources.json``. Taxonomy is named there only by its
natural keys (objective code, principle, region and document-type slug, ISO 3166-1 alpha-3
country code, ISO 639-1 language code, Objective 10 action letter); organizations and
keywords are defined in the file and named by slug. Each item's link comes from
``fixtures/demo/links.csv``, which records the publisher's canonical address for each item
where one was found, the kind of address and where it was seen; an item with an empty
address there is loaded without a link rather than with a guessed one. Loading is
idempotent: running it again creates nothing twice and leaves unchanged rows untouched, so
timestamps stay as they were.

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
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_duration

from accounts.roles import EDITOR, PARTNER, REVIEWER, ROLES
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    Objective,
    ObjectiveAction,
    Organization,
    Region,
)

from .models import Kind, Resource, Scope, Status

DEMO_PASSWORD = "demo-password"
DEMO_EMAIL_DOMAIN = "example.org"
ACTIONS_OBJECTIVE_CODE = "10"

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

SCOPES = {
    "global": Scope.GLOBAL,
    "regional": Scope.REGIONAL,
    "national": Scope.NATIONAL,
    "local": Scope.LOCAL,
}

# Plain fields the file may set, with the value a field takes when the file leaves it out.
TEXT_FIELDS = {
    "implemented_by": "",
    "practice_type": "",
    "takeaway": "",
    "sdgs": "",
    "implementers": "",
    "funding": "",
    "location": "",
    "embed_url": "",
}
REQUIRED_KEYS = {
    "slug",
    "kind",
    "status",
    "title",
    "summary",
    "publication_year",
    "objectives",
    "primary_objective",
}
OPTIONAL_KEYS = {
    *TEXT_FIELDS,
    "publication_month",
    "publication_day",
    "publishers",
    "authors",
    "languages",
    "language_editions",
    "document_type",
    "principles",
    "scope",
    "regions",
    "countries",
    "actions",
    "keywords",
    "period_start",
    "period_end",
    "starts_at",
    "ends_at",
    "is_online",
    "duration",
}
# Excluded from model validation: derived for search, or many-to-many.
UNVALIDATED_FIELDS = ["search_text", "search_vector"]


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
    """Load the demo organizations, keywords, resources and accounts from a JSON file.

    Each item's link is read from ``links_path`` (by default the shipped links file).
    Every row is matched on its natural key (slug, username, group name) and only written
    when it differs from the file, so a second run creates and changes nothing. Raises
    ``DemoDataError`` naming the entry when a file refers to something unknown; nothing
    is stored then.
    """
    data = _read(path)
    links = demo_links(path=links_path or default_links_path())
    organizations = {
        entry["slug"]: _sync_organization(entry) for entry in _entries(data, "organizations")
    }
    keywords = {entry["slug"]: _sync_keyword(entry) for entry in _entries(data, "keywords")}
    taxonomy = _Taxonomy(organizations=organizations, keywords=keywords)

    entries = _entries(data, "resources")
    _check_unique_slugs(entries)
    unknown = links.keys() - {entry["slug"] for entry in entries}
    if unknown:
        raise DemoDataError(
            f"The demo links name items that are not in the demo: {', '.join(sorted(unknown))}."
        )
    created: set[str] = set()
    updated: set[str] = set()
    resources: dict[str, Resource] = {}
    for entry in entries:
        resource, was_created, was_updated = _sync_resource(
            entry, taxonomy, url=links.get(entry["slug"], "")
        )
        resources[entry["slug"]] = resource
        if was_created:
            created.add(entry["slug"])
        elif was_updated:
            updated.add(entry["slug"])
    updated |= _sync_language_editions(entries, resources) - created

    _sync_accounts(demo_slugs=resources.keys())
    return DemoSummary(
        resources=len(entries),
        published=sum(entry["status"] == Status.PUBLISHED for entry in entries),
        accounts=len(DEMO_ACCOUNTS),
        created=len(created),
        updated=len(updated),
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


def _entries(data: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
    entries = data.get(section, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise DemoDataError(f"“{section}” must be a list of objects.")
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry.get("slug"), str) or not entry["slug"]:
            raise DemoDataError(f"{section} entry {position} has no slug.")
    return entries


def _check_unique_slugs(entries: Iterable[Mapping[str, Any]]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry["slug"] in seen:
            raise DemoDataError(f"Demo item “{entry['slug']}” appears twice.")
        seen.add(entry["slug"])


def _save_if_changed(
    instance: models.Model, values: Mapping[str, Any], *, label: str, exclude: list[str]
) -> bool:
    """Set the values that differ, validate and save; say whether anything changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if instance.pk is not None and not changed:
        return False
    for name in changed:
        setattr(instance, name, values[name])
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise DemoDataError(f"{label} is invalid: {_describe(error)}") from error
    instance.save()
    return True


def _describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _sync_organization(entry: Mapping[str, Any]) -> Organization:
    slug = entry["slug"]
    values = {
        "name": entry.get("name", ""),
        "acronym": entry.get("acronym", ""),
        "is_un_entity": bool(entry.get("is_un_entity", False)),
        "website": entry.get("website", ""),
    }
    organization = Organization.objects.filter(slug=slug).first() or Organization(slug=slug)
    _save_if_changed(organization, values, label=f"Demo organization “{slug}”", exclude=[])
    return organization


def _sync_keyword(entry: Mapping[str, Any]) -> Keyword:
    slug = entry["slug"]
    keyword = Keyword.objects.filter(slug=slug).first() or Keyword(slug=slug)
    _save_if_changed(
        keyword, {"name": entry.get("name", "")}, label=f"Demo keyword “{slug}”", exclude=[]
    )
    return keyword


class _Taxonomy:
    """Resolve natural keys to rows, loading each vocabulary once."""

    def __init__(
        self, *, organizations: Mapping[str, Organization], keywords: Mapping[str, Keyword]
    ) -> None:
        self.vocabularies: dict[str, Mapping[str, models.Model]] = {
            "objective": {o.code: o for o in Objective.objects.all()},
            "guiding principle": {p.slug: p for p in GuidingPrinciple.objects.all()},
            "region": {r.slug: r for r in Region.objects.all()},
            "country": {c.iso3: c for c in Country.objects.all()},
            "language": {lang.code: lang for lang in Language.objects.all()},
            "document type": {t.slug: t for t in DocumentType.objects.all()},
            "Objective 10 action": {
                a.letter: a
                for a in ObjectiveAction.objects.filter(objective__code=ACTIONS_OBJECTIVE_CODE)
            },
            "publisher": organizations,
            "keyword": keywords,
        }

    def one(self, vocabulary: str, key: Any, *, item: str) -> models.Model:
        try:
            return self.vocabularies[vocabulary][key]
        except (KeyError, TypeError):
            raise DemoDataError(f"Demo item “{item}”: unknown {vocabulary} “{key}”.") from None

    def many(self, vocabulary: str, keys: Any, *, item: str) -> list[models.Model]:
        if keys is None:
            return []
        if not isinstance(keys, list):
            raise DemoDataError(f"Demo item “{item}”: {vocabulary} must be given as a list.")
        return [self.one(vocabulary, key, item=item) for key in keys]


def _resource_values(entry: Mapping[str, Any], taxonomy: _Taxonomy, *, url: str) -> dict[str, Any]:
    """Translate one file entry and its link into the resource's field values, by name."""
    slug = entry["slug"]
    unknown = set(entry) - REQUIRED_KEYS - OPTIONAL_KEYS
    if unknown:
        raise DemoDataError(f"Demo item “{slug}”: unknown keys {', '.join(sorted(unknown))}.")
    missing = REQUIRED_KEYS - set(entry)
    if missing:
        raise DemoDataError(f"Demo item “{slug}”: missing {', '.join(sorted(missing))}.")
    if entry["kind"] not in Kind.values:
        raise DemoDataError(f"Demo item “{slug}”: unknown kind “{entry['kind']}”.")
    if entry["status"] not in Status.values:
        raise DemoDataError(f"Demo item “{slug}”: unknown status “{entry['status']}”.")
    scope = entry.get("scope", "global")
    if scope not in SCOPES:
        raise DemoDataError(f"Demo item “{slug}”: unknown geographic scope “{scope}”.")
    if entry["primary_objective"] not in entry["objectives"]:
        raise DemoDataError(f"Demo item “{slug}”: the primary objective must be listed too.")

    document_type = entry.get("document_type")
    values: dict[str, Any] = {
        "kind": entry["kind"],
        "status": entry["status"],
        "url": url,
        "title": entry["title"],
        "summary": entry["summary"],
        "publication_year": entry["publication_year"],
        "publication_month": entry.get("publication_month"),
        "publication_day": entry.get("publication_day"),
        "authors": "\n".join(entry.get("authors", [])),
        "document_type_id": (
            taxonomy.one("document type", document_type, item=slug).pk if document_type else None
        ),
        "primary_objective_id": taxonomy.one("objective", entry["primary_objective"], item=slug).pk,
        "scope": SCOPES[scope],
        "period_start": _parse(entry, "period_start", parse_date),
        "period_end": _parse(entry, "period_end", parse_date),
        "starts_at": _parse(entry, "starts_at", parse_datetime),
        "ends_at": _parse(entry, "ends_at", parse_datetime),
        "is_online": bool(entry.get("is_online", False)),
        "duration": _parse(entry, "duration", parse_duration),
    }
    values.update({name: entry.get(name, default) for name, default in TEXT_FIELDS.items()})
    for name in ("starts_at", "ends_at"):
        if values[name] is not None and timezone.is_naive(values[name]):
            raise DemoDataError(f"Demo item “{slug}”: {name} needs a UTC offset.")
    return values


def _parse(entry: Mapping[str, Any], name: str, parser) -> Any:
    raw = entry.get(name)
    if raw in (None, ""):
        return None
    try:
        value = parser(raw)
    except (TypeError, ValueError):
        value = None
    if value is None:
        raise DemoDataError(f"Demo item “{entry['slug']}”: cannot read {name} “{raw}”.")
    return value


def _resource_relations(
    entry: Mapping[str, Any], taxonomy: _Taxonomy
) -> dict[str, list[models.Model]]:
    slug = entry["slug"]
    return {
        "publishers": taxonomy.many("publisher", entry.get("publishers"), item=slug),
        "languages": taxonomy.many("language", entry.get("languages"), item=slug),
        "objectives": taxonomy.many("objective", entry["objectives"], item=slug),
        "principles": taxonomy.many("guiding principle", entry.get("principles"), item=slug),
        "regions": taxonomy.many("region", entry.get("regions"), item=slug),
        "countries": taxonomy.many("country", entry.get("countries"), item=slug),
        "actions": taxonomy.many("Objective 10 action", entry.get("actions"), item=slug),
        "keywords": taxonomy.many("keyword", entry.get("keywords"), item=slug),
    }


def _sync_resource(
    entry: Mapping[str, Any], taxonomy: _Taxonomy, *, url: str
) -> tuple[Resource, bool, bool]:
    """Create or update one resource and its tags; return it, created?, updated?."""
    slug = entry["slug"]
    values = _resource_values(entry, taxonomy, url=url)
    relations = _resource_relations(entry, taxonomy)

    resource = Resource.objects.filter(slug=slug).first()
    created = resource is None
    if created:
        resource = Resource(slug=slug)
    if values["status"] == Status.PUBLISHED:
        values["published_at"] = resource.published_at or timezone.now()
    else:
        values["published_at"] = None

    fields_changed = _save_if_changed(
        resource, values, label=f"Demo item “{slug}”", exclude=UNVALIDATED_FIELDS
    )
    tags_changed = False
    for name, targets in relations.items():
        tags_changed |= _set_if_changed(resource, name, targets)
    if tags_changed and not created and not fields_changed:
        resource.save(update_fields=["updated_at"])
    return resource, created, not created and (fields_changed or tags_changed)


def _set_if_changed(instance: models.Model, name: str, targets: Iterable[models.Model]) -> bool:
    manager = getattr(instance, name)
    targets = list(targets)
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(targets)
    return True


def _sync_language_editions(
    entries: list[Mapping[str, Any]], resources: Mapping[str, Resource]
) -> set[str]:
    """Link every edition of an item to all its other editions; return the slugs changed.

    An entry need only name its other editions on one side: editions named from anywhere
    are gathered into one group, so the links are symmetrical and complete.
    """
    group_of: dict[str, set[str]] = {slug: {slug} for slug in resources}
    for entry in entries:
        for other in entry.get("language_editions", []):
            if other not in resources:
                raise DemoDataError(
                    f"Demo item “{entry['slug']}”: unknown language edition “{other}”."
                )
            merged = group_of[entry["slug"]] | group_of[other]
            for slug in merged:
                group_of[slug] = merged

    changed: set[str] = set()
    for slug, resource in resources.items():
        editions = [resources[other] for other in sorted(group_of[slug] - {slug})]
        if _set_if_changed(resource, "language_editions", editions):
            changed.add(slug)
    return changed


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
    unpublished = Resource.objects.filter(slug__in=list(demo_slugs), submitted_by=None)
    unpublished.exclude(status=Status.PUBLISHED).update(submitted_by=users["partner"])
