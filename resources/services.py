"""Write the public catalogue's own data: the addresses items keep when they are renamed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .models import FormerSlug, Resource


def resource_slug_check(*, resource: Resource, slug: str) -> None:
    """Refuse a slug another item has, now or as a former address, which still leads to it."""
    taken = Resource.objects.filter(slug=slug).exclude(pk=resource.pk).exists()
    taken = taken or FormerSlug.objects.filter(slug=slug).exclude(resource=resource).exists()
    if taken:
        raise ValidationError(
            gettext("The address “%(slug)s” is, or was, another item’s; choose another."),
            code="slug_taken",
            params={"slug": slug},
        )


@transaction.atomic
def resource_slug_change(*, resource: Resource, slug: str) -> None:
    """Give an item a new slug and keep its old one, whose address then answers 301.

    The item's language editions link to it by address in their OAI records, so their
    datestamps move too and an incremental harvest sends them again.
    """
    stored = Resource.objects.select_for_update().values_list("slug", flat=True).get(pk=resource.pk)
    if slug == stored:
        return
    resource_slug_check(resource=resource, slug=slug)
    FormerSlug.objects.filter(resource=resource, slug=slug).delete()  # its address again
    FormerSlug.objects.create(resource=resource, slug=stored)
    resource.slug = slug
    resource.save(update_fields=["slug", "updated_at"])
    Resource.objects.filter(language_editions=resource).update(updated_at=timezone.now())
