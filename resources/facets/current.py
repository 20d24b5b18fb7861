"""Keep one facet index per process, rebuilt when the catalogue's version token changes.

Every call reads the token (one indexed single-row query), so a change committed by any
process or server — publishing, unpublishing, editing, tagging, renaming a taxonomy term —
is reflected by the very next request, in every worker. Threads share the index; one of
them rebuilds it while the others wait for the new one.
"""

import threading

from django.db import DatabaseError, connections, router

from ..filters import ORDERINGS, Sort
from ..models import CatalogueVersion
from .index import FacetIndex, build_index

_lock = threading.Lock()
_current: dict[str, FacetIndex] = {}
_KEY = "published"


def catalogue_token() -> str | None:
    """Return the catalogue's current version token, or None when it is unknown.

    Every page asks, so the query is written out: compiling it through the ORM cost twice
    as much as running it.
    """
    connection = connections[router.db_for_read(CatalogueVersion)]
    table = connection.ops.quote_name(CatalogueVersion._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {table} WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return row[0] if row else None


def current_index() -> FacetIndex:
    """Return an index of the published catalogue as it is now, for this database."""
    token = catalogue_token()
    index = _current.get(_KEY)
    if token is not None and index is not None and index.token == token:
        return index
    with _lock:
        index = _current.get(_KEY)
        if token is not None and index is not None and index.token == token:
            return index
        index = build_index(token=token, orderings=ORDERINGS, default_sort=Sort.SCOPE)
        if token is not None:
            _current[_KEY] = index
        return index


def forget_index() -> None:
    """Drop the cached indexes (tests that rewrite the schema use this)."""
    _current.clear()
