"""Hold the published rule and the items' queryset, apart so link tables and indexes share it."""

from django.db import models

from .choices import Status


def published_condition(*, via: str = "") -> models.Q:
    """State the published rule as a condition, for querysets, indexes and related rows.

    ``via`` names the relation to reach the item through (``"to_resource"``), so a link
    table can be filtered by the same rule as the items themselves.
    """
    prefix = f"{via}__" if via else ""
    return models.Q(**{f"{prefix}status": Status.PUBLISHED})


class ResourceQuerySet(models.QuerySet):
    def published(self) -> "ResourceQuerySet":
        """Keep only what the public may see: published items, by any channel."""
        return self.filter(published_condition())

    def unpublished(self) -> "ResourceQuerySet":
        """Keep what the public may not see: drafts, submissions and retired items."""
        return self.exclude(published_condition())

    def without_link_or_file(self) -> "ResourceQuerySet":
        """Keep the items a reader cannot open from the hub: neither a link nor a file.

        The same rule as ``Resource.has_link_or_file``, for lists such as the editors' queue.
        """
        return self.filter(url="", file="")
