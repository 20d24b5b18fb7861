"""Read a page of results the way a visitor sees it: the items' titles, in order."""

from resources.models import Resource


def result_titles(pks: list[int], field: str = "title") -> list[str]:
    """Return the title (or another field) of each item a page lists, in the page's order."""
    values = dict(Resource.objects.filter(pk__in=pks).values_list("pk", field))
    return [values[pk] for pk in pks]
