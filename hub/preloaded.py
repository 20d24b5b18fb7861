"""Attach the related rows of many items read ahead of time, and read them back, one way.

A page, a feed or an export shows the tags, publishers or editions of many items; reading
them item by item would cost a query each, so they are read ahead for all the items at
once. The hub keeps rows read ahead in one place on each instance: a plain list in the
attribute ``preloaded_<relation>`` (``preloaded_publishers``), which is what Django's
``Prefetch(relation, to_attr=…)`` fills.

- ``preload("publishers")`` is that ``Prefetch``, for a queryset's ``prefetch_related``.
- ``attach(item, "publishers", rows)`` stores rows read another way: from the facet index,
  or from one query over a link table for a whole chunk of items. A foreign key
  (``document_type``) is attached as ``select_related`` would, and read as the field.
- ``related(item, "publishers")`` reads them back, and reads the relation itself when
  nothing was attached, so a reader never depends on how its items were loaded. Templates
  use the ``related`` filter: ``{% load preloaded %}{{ resource|related:"publishers" }}``.

Lists rather than the related manager's cache, which ``prefetch_related`` fills and
``.all()`` reads: that cache is private to the ORM, so attaching rows to it means setting a
queryset's private ``_result_cache``; and a list spares building a related manager per item
and relation, which makes exports of many items several times faster.
"""

from collections.abc import Iterable

from django.db.models import Model, Prefetch, QuerySet

ATTRIBUTE = "preloaded_{}"


def preloaded_attribute(relation: str) -> str:
    """Name the attribute that holds a relation's rows; a lookup's last step names it."""
    return ATTRIBUTE.format(relation.rsplit("__", 1)[-1])


def preload(relation: str, *, queryset: QuerySet | None = None) -> Prefetch:
    """Return the ``Prefetch`` that reads a relation ahead into its ``preloaded_`` list.

    A lookup through a relation (``resource__publishers``) puts the list on the last
    instances of the path, as ``Prefetch`` does.
    """
    return Prefetch(relation, queryset=queryset, to_attr=preloaded_attribute(relation))


def attach(instance: Model, relation: str, rows: Iterable | Model | None) -> None:
    """Give an item the rows of one relation, read some other way than ``prefetch_related``.

    For a foreign key, ``rows`` is the one related object (or None), cached on the field as
    ``select_related`` does.
    """
    field = instance._meta.get_field(relation)
    if field.many_to_one or field.one_to_one:
        field.set_cached_value(instance, rows)
        return
    setattr(instance, preloaded_attribute(relation), list(rows))


def related(instance: Model, relation: str) -> list:
    """Return an item's rows of a relation: those attached or preloaded, else a query."""
    rows = getattr(instance, preloaded_attribute(relation), None)
    return list(getattr(instance, relation).all()) if rows is None else rows
