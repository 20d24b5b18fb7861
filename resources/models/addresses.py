"""Keep every address an item ever had, so that a cited link still leads to it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hub import slugs as hub_slugs


class FormerSlug(models.Model):
    """A slug an item had before it was renamed; its address answers 301 to the current one.

    A former slug stays with its item for good: no other item may take it (the slug a
    title gives skips it, and a rename to it is refused), so a cited address never comes to
    name another item. Should a write outside the hub's services reuse one anyway, the item
    whose current slug it is wins: addresses are looked up by current slug first.
    """

    resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.CASCADE,
        related_name="former_slugs",
        verbose_name=_("resource"),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")

    def __str__(self) -> str:
        return self.slug


def unique_slug(title: str, *, exclude_pk: int | None = None, max_length: int = 100) -> str:
    """Make a readable slug from a title, adding a number when the slug is taken.

    Taken means another item's slug, now or before a rename (``FormerSlug``): a former
    address still leads to its item, so it is taken for good.
    """
    from . import Resource  # the model module imports this one to save with it

    others = Resource.objects.exclude(pk=exclude_pk)
    former = FormerSlug.objects.exclude(resource_id=exclude_pk)
    return hub_slugs.unique_slug(
        title,
        taken=lambda slug: others.filter(slug=slug).exists() or former.filter(slug=slug).exists(),
        max_length=max_length,
        fallback="resource",
    )
