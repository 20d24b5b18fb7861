"""Keep one facet index per process, following the public catalogue's changes.

Every call reads the catalogue's version (one indexed single-row query), so a change
committed by any process or server — publishing, unpublishing, editing, tagging, renaming a
taxonomy term — is reflected by the very next request, in every worker. Changes the public
cannot see (drafts, submissions in review, accounts) leave the version alone.

When the version has moved, the thread that notices reads the changes since the index's
own version (``CatalogueChange``) and brings the index up to date before it answers: a
change to a few published items is patched into a copy of the index (tens of
milliseconds at 100,000 items); a bulk change, a taxonomy change or a history the index
cannot follow (a rollback, changes pruned) is read whole again; the parts of pages the
old index had rendered are rendered for the new one before it is used. Meanwhile the process's
other threads answer from the index they have rather than wait: at most one update old,
for as long as the update takes. So that a visitor's request seldom pays for an update, a
served process also follows the catalogue between requests (``follow_catalogue``): on
PostgreSQL it is woken by the notification each new version sends at commit
(``CATALOGUE_CHANNEL``), elsewhere it looks at the version every fraction of a second.
"""

import contextlib
import logging
import threading
from typing import NamedTuple

from django.db import DatabaseError, connections, router, transaction

from ..catalogue_fragments import render_again
from ..filters import ORDERINGS, Sort
from ..models import CatalogueChange, CatalogueVersion
from .build import build_index
from .index import FacetIndex
from .patch import patched_index

# Items changed since an index's version beyond which it is read whole again.
PATCH_LIMIT = 64
logger = logging.getLogger(__name__)
# Seconds the follower waits after a failure (the database down, say) before trying again.
FOLLOW_BACKOFF = 10
# The PostgreSQL channel each new catalogue version is announced on (migration 0011).
CATALOGUE_CHANNEL = "hub_catalogue"

_lock = threading.Lock()
_current: dict[str, FacetIndex] = {}
_KEY = "published"


class CatalogueState(NamedTuple):
    token: str
    number: int


def catalogue_state() -> CatalogueState | None:
    """Return the catalogue's current version, or None when it is unknown.

    Every page asks, so the query is written out: compiling it through the ORM cost twice
    as much as running it.
    """
    connection = connections[router.db_for_read(CatalogueVersion)]
    table = connection.ops.quote_name(CatalogueVersion._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token, number FROM {table} WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return CatalogueState(*row) if row else None


def catalogue_token() -> str | None:
    """Return the catalogue's current version token, which every public change replaces."""
    state = catalogue_state()
    return state.token if state else None


def current_index() -> FacetIndex:
    """Return an index of the published catalogue as it is now, for this database."""
    state = catalogue_state()
    index = _current.get(_KEY)
    if state is None:
        return _built(token=None, number=0)
    if index is not None and index.token == state.token:
        return index
    if not _lock.acquire(blocking=index is None):
        return index  # another thread is bringing it up to date
    try:
        index = _current.get(_KEY)
        if index is None or index.token != state.token:
            previous, index = index, _updated(index, state)
            if previous is not None:
                render_again(previous=previous, index=index)
            _current[_KEY] = index
        return index
    finally:
        _lock.release()


def _updated(index: FacetIndex | None, state: CatalogueState) -> FacetIndex:
    """Patch the index with the changes since its version, or read it whole if it can't be."""
    if index is None or state.number <= index.number:
        return _built(*state)
    alias = router.db_for_read(CatalogueChange)
    connection = connections[alias]
    outer = connection.in_atomic_block  # the caller's transaction: its snapshot stays
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql" and not outer:
            # Changes, items and their places are read from one snapshot of the catalogue.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        state = catalogue_state() or state
        changed = _changed_since(index, state, alias=alias)
        if changed is None:
            return _built(*state)
        return patched_index(
            index, changed=changed, token=state.token, number=state.number, orderings=ORDERINGS
        )


def _changed_since(index: FacetIndex, state: CatalogueState, *, alias: str) -> set[int] | None:
    """Return the items changed after the index's version, or None if it must be read whole.

    The index's own version must still be in the record, under its token: otherwise the
    history it was built from was rolled back or pruned, and its changes can't be followed.
    """
    rows = list(
        CatalogueChange.objects.using(alias)
        .filter(number__gte=index.number)
        .order_by("number")
        .values_list("number", "token", "resource_id")[: PATCH_LIMIT * 4 + 1]
    )
    if len(rows) > PATCH_LIMIT * 4 or not rows or rows[-1][:2] != (state.number, state.token):
        return None
    base = [token for number, token, _ in rows if number == index.number]
    if not base or set(base) != {index.token}:
        return None
    changed = {item for number, _, item in rows if number > index.number}
    if None in changed or len(changed) > PATCH_LIMIT:
        return None
    return changed


def _built(token: str | None, number: int) -> FacetIndex:
    return build_index(token=token, number=number, orderings=ORDERINGS, default_sort=Sort.SCOPE)


def follow_catalogue(*, every: float, stop: threading.Event | None = None) -> threading.Thread:
    """Keep this process's index up to date in a thread of its own.

    Requests then find the index already patched, instead of one of them waiting for the
    patch; a request that comes first still updates it itself, so none sees an older
    catalogue than the last it could. The thread wakes when PostgreSQL announces a new
    version, and in any case every ``every`` seconds (the only way on SQLite, and the
    fallback if the announcements can't be heard). It uses database connections of its
    own and stops with the process, or when ``stop`` is set.
    """
    stop = stop or threading.Event()

    def follow() -> None:
        announcements = _Announcements()
        try:
            while not announcements.wait(every, stop):
                try:
                    current_index()
                except Exception:  # noqa: BLE001 - a failed check must not end the following
                    logger.exception("the facet index could not be brought up to date")
                    connections.close_all()  # this thread's connections, opened again next time
                    stop.wait(FOLLOW_BACKOFF)
        finally:
            announcements.close()
            connections.close_all()

    thread = threading.Thread(target=follow, name="catalogue-follower", daemon=True)
    thread.start()
    return thread


class _Announcements:
    """Hear PostgreSQL announce new catalogue versions, on a connection of its own.

    The connection is in autocommit, so that the follower's reads (in transactions) never
    hold announcements back; any that come while the follower patches are buffered and
    end the next wait at once. Without PostgreSQL, or while the connection can't be made,
    a wait just lasts its time.
    """

    def __init__(self) -> None:
        self.connection = connections[router.db_for_read(CatalogueVersion)]
        self.listener = None
        self.failing = False  # warned once per spell of failures, not at every wait

    def wait(self, seconds: float, stop: threading.Event) -> bool:
        """Wait up to ``seconds`` for an announcement; return whether to stop following."""
        if self.connection.vendor != "postgresql" or stop.is_set():
            return stop.wait(seconds)
        try:
            if self.listener is None:
                self.listener = self._listen()
                self.failing = False
            for _ in self.listener.notifies(timeout=seconds, stop_after=1):
                pass
        except Exception as error:  # noqa: BLE001 - unheard, the follower keeps looking
            if not self.failing:
                logger.warning("catalogue announcements not heard: %s", type(error).__name__)
                self.failing = True
            self.close()
            return stop.wait(seconds)
        return stop.is_set()

    def _listen(self):
        import psycopg

        listener = psycopg.connect(**self.connection.get_connection_params(), autocommit=True)
        listener.execute(f"LISTEN {CATALOGUE_CHANNEL}")
        return listener

    def close(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(Exception):
                self.listener.close()
            self.listener = None


def forget_index() -> None:
    """Drop the cached indexes (tests that rewrite the schema use this)."""
    _current.clear()
