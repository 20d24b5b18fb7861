"""Page through matching items in their order, loading only the items of the page shown."""

from collections.abc import Callable, Iterable, Sequence

from django.db.models import QuerySet

from ..models import Resource
from .counts import Matching


class MatchingResults(Sequence):
    """Page through matching items: the order from the index, the items from ``load``.

    A Paginator takes it as its object list: it counts without a query and loads only the
    items of the page shown, through ``load``, which is given their pks in order and
    returns what the page lists (rows with their related data, or rendered cards).
    """

    def __init__(self, found: Matching, *, sort: str, load: Callable[[list[int]], list]):
        self.found, self.sort, self.load = found, sort, load

    def count(self) -> int:
        return self.found.count

    def __len__(self) -> int:
        return self.found.count

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.found.count
        return self.load(self.found.pks(self.sort, start, stop))


def published_in_order(
    pks: list[int], *, load: Callable[[QuerySet], Iterable[Resource]]
) -> list[Resource]:
    """Read these items with ``load`` and return those still published, in the order given."""
    rows = {row.pk: row for row in load(Resource.objects.published().filter(pk__in=pks))}
    return [rows[pk] for pk in pks if pk in rows]


def matching_results(found: Matching, *, load: Callable[[list[int]], list]) -> MatchingResults:
    """Return the filterset's results in its sort order, relevance included."""
    return MatchingResults(found, sort=found.filterset.sort_order, load=load)
