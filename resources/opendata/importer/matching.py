"""Find the item a record describes, and the publishers and keywords it names.

``Catalogue`` loads what the import looks up once and keeps it current as records are
written: items by slug and by normalised link, organizations by slug, name and acronym,
keywords by slug and name. Publishers are found by slug, then by name or acronym as
``accounts.affiliation.OrganizationNames`` finds them for people and submissions.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext

from accounts.affiliation import OrganizationNames
from hub.slugs import unique_slug
from resources.links import normalize_url
from resources.models import Resource
from taxonomy.models import Keyword, Organization

from ..records import PublisherRef, RecordDraft, Vocabulary, fold


def validation_messages(error: ValidationError) -> list[str]:
    """List a validation error's messages, each led by the field it concerns."""
    if hasattr(error, "message_dict"):
        return [
            f"{name}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


# The importer's name for the one link normaliser, kept for its callers.
normalized_url = normalize_url


class Catalogue:
    """Keep what the import needs to look up, loaded once and kept current as it writes."""

    def __init__(self, *, file_slugs: frozenset[str]) -> None:
        self.vocabulary = Vocabulary()
        self.file_slugs = file_slugs
        self.slug_pk: dict[str, int] = {}
        self.items: dict[int, tuple[str, str, str]] = {}
        self.url_items: dict[str, dict[int, str]] = {}
        for pk, slug, url, title in Resource.objects.values_list(
            "pk", "slug", "url", "title"
        ).iterator():
            self._remember(pk, slug, url, title)
        self.organizations: dict[str, Organization] = {}
        self.organization_names = OrganizationNames()
        for organization in Organization.objects.all():
            self._remember_organization(organization)
        self.keywords: dict[str, Keyword] = {}
        for keyword in Keyword.objects.all():
            self._remember_keyword(keyword)
        self.new_in_row: list[models.Model] = []

    def _remember(self, pk: int, slug: str, url: str, title: str) -> None:
        if pk in self.items:
            old_slug, old_url, _title = self.items[pk]
            self.slug_pk.pop(old_slug, None)
            self.url_items.get(old_url, {}).pop(pk, None)
        key = normalize_url(url) if url else ""
        self.items[pk] = (slug, key, title)
        self.slug_pk[slug] = pk
        if key:
            self.url_items.setdefault(key, {})[pk] = slug

    def remember_resource(self, resource: Resource) -> None:
        """Keep the look-ups current after an item was written."""
        self._remember(resource.pk, resource.slug, resource.url, resource.title)

    def slug_of(self, pk: int) -> str:
        return self.items[pk][0]

    def _remember_organization(self, organization: Organization) -> None:
        self.organizations[organization.slug] = organization
        self.organization_names.add(organization)

    def _remember_keyword(self, keyword: Keyword) -> None:
        self.keywords[keyword.slug] = keyword
        self.keywords[f"name:{fold(keyword.name)}"] = keyword

    def forget_new(self) -> None:
        """Drop what the failed record created: its savepoint rolled it back."""
        for row in self.new_in_row:
            if isinstance(row, Organization):
                self.organizations.pop(row.slug, None)
                self.organization_names.remove(row)
            else:
                self.keywords.pop(row.slug, None)
                self.keywords.pop(f"name:{fold(row.name)}", None)
        self.new_in_row = []

    def match(self, draft: RecordDraft) -> tuple[int | None, str | None]:
        """Return the pk of the item a record describes (None: a new item), or a problem.

        The record's slug decides; without a match, its link does (unless the item found
        has its own row in the file); a record with neither slug nor link is matched on the
        slug its title gives, when that item has the same title.
        """
        if draft.slug and draft.slug in self.slug_pk:
            return self.slug_pk[draft.slug], None
        url = draft.fields.get("url")
        if url:
            candidates = [
                pk
                for pk, slug in self.url_items.get(normalize_url(url), {}).items()
                if slug not in self.file_slugs
            ]
            if len(candidates) > 1:
                return None, gettext(
                    "Several items have this link; give the slug of the one to update."
                )
            if candidates:
                return candidates[0], None
        title = draft.fields.get("title", "")
        if draft.slug or url or not title:
            return None, None
        derived = slugify(title)[:100].strip("-")
        pk = self.slug_pk.get(derived)
        if (
            pk is not None
            and derived not in self.file_slugs
            and fold(self.items[pk][2]) == fold(title)
        ):
            return pk, None
        return None, None

    def organization(self, reference: PublisherRef) -> Organization:
        """Return the publisher a record names, creating it when it is new."""
        found = self.organizations.get(reference.label)
        if found is None:
            found = self.organization_names.find(reference.label)
        if found is None and reference.name:
            found = self.organization_names.find(reference.name)
        if found is not None:
            return found
        name = reference.name or reference.label
        wanted = reference.label if reference.label == slugify(reference.label) else ""
        slug = unique_slug(wanted or name, taken=self.organizations)
        organization = Organization(name=name, slug=slug, is_un_entity=bool(reference.is_un_entity))
        try:
            organization.full_clean()
        except ValidationError as error:
            raise ValidationError({"publishers": validation_messages(error)}) from error
        organization.save()
        self._remember_organization(organization)
        self.new_in_row.append(organization)
        return organization

    def keyword(self, name: str) -> Keyword:
        """Return the keyword with this name or slug, creating it when it is new."""
        found = self.keywords.get(f"name:{fold(name)}") or self.keywords.get(name)
        if found is not None:
            return found
        keyword = Keyword(name=name, slug=unique_slug(name, taken=self.keywords))
        try:
            keyword.full_clean()
        except ValidationError as error:
            raise ValidationError({"keywords": validation_messages(error)}) from error
        keyword.save()
        self._remember_keyword(keyword)
        self.new_in_row.append(keyword)
        return keyword

    def new_resource_slug(self, title: str) -> str:
        """Make a slug for a new item that neither the catalogue nor the file uses."""
        return unique_slug(
            title,
            taken=lambda slug: slug in self.file_slugs or slug in self.slug_pk,
            fallback="resource",
        )
