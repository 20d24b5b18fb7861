"""Record what the public catalogue's changes were, so that derived data can follow them.

Database triggers (migration ``0009_public_changes``) write both tables in the same
transaction as the change, whatever wrote it: the site, the admin, an import, raw SQL.
Only changes the public can see are recorded: published items, their tags, keywords and
language editions, and the taxonomy terms they name. A draft, a submission in review, an
account or an organization that publishes nothing leaves both tables alone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueVersion(models.Model):
    """Name the public catalogue's current state: a token every change replaces, and its number.

    The token tells at once that derived data such as the facet index is out of date; a
    random token, unlike a counter, is never reused after a rollback. The number counts
    changes in the order they were committed (the row is locked from a change to its
    commit), so that a reader can ask for the changes made since the number it knows.
    """

    token = models.CharField(max_length=64)
    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("catalogue version")

    def __str__(self) -> str:
        return self.token


class CatalogueChange(models.Model):
    """One published item changed in version ``number``, or, without an item, everything did.

    A change without an item (a taxonomy term renamed, a table emptied, a statement that
    touched thousands of items) tells readers to read the whole catalogue again.
    """

    number = models.BigIntegerField(db_index=True)
    token = models.CharField(max_length=64)
    resource_id = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("catalogue change")

    def __str__(self) -> str:
        return f"{self.number}: {self.resource_id or '*'}"
