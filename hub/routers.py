"""Send public reads to a PostgreSQL read replica and everything else to the primary.

When ``DATABASE_REPLICA_URL`` is set, settings add a ``replica`` database alias and this
router. Reads go to the replica only inside a request that
:class:`ReplicaReadsMiddleware` has released: a GET or HEAD from someone who is not
signed in (the researchers browsing, searching and exporting, who are most of the load).
Everything else reads the primary, so nobody misses their own recent write to replication
lag: form posts, signed-in partners, reviewers and editors, background tasks and
management commands, reads inside ``transaction.atomic``, and the rest of a request once
it has written anything. Sessions, rate-limit counters, sign-in lockouts and the task
queue are always read from the primary because they change on every request.

Without a ``replica`` alias the router routes nothing and the hub behaves as before.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
READ_METHODS = frozenset({"GET", "HEAD"})
# Apps whose rows change on nearly every request: never read them from a lagging copy.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_cache", "axes", "django_tasks_db"})

_replica_reads_allowed: ContextVar[bool] = ContextVar("replica_reads_allowed", default=False)


def replica_configured() -> bool:
    return REPLICA in connections


@receiver(request_finished, dispatch_uid="hub.routers.pin_to_primary")
def pin_to_primary(**kwargs) -> None:
    """Read from the primary for the rest of this request (after a write, say).

    Also runs when a response has been sent, streamed ones included, so that nothing
    outside a released request reads the replica.
    """
    _replica_reads_allowed.set(False)


class PrimaryReplicaRouter:
    """Choose the database alias for each query; see the module docstring for the rules."""

    def db_for_read(self, model, **hints) -> str | None:
        if not replica_configured():
            return None
        if (
            not _replica_reads_allowed.get()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str | None:
        if not replica_configured():
            return None
        pin_to_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both aliases hold the same rows, so objects read from either may be related.
        return True if replica_configured() else None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # The replica receives the schema by replication, never by migrate.
        return False if db == REPLICA else None


def allows_replica_reads(request: HttpRequest) -> bool:
    """Tell whether a request is a public read: GET or HEAD by someone not signed in.

    "Signed in" is read from the session (kept on the primary) rather than from
    ``request.user``, so that deciding costs no query on the user table.
    """
    if request.method not in READ_METHODS:
        return False
    session = getattr(request, "session", None)
    return session is None or SESSION_KEY not in session


class ReplicaReadsMiddleware:
    """Let public reads of one request use the replica; every other request stays on the primary.

    Goes after ``SessionMiddleware``. Does nothing when no replica is configured. The
    release lasts until the response has been sent, so a streamed export reads the
    replica too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        _replica_reads_allowed.set(allows_replica_reads(request))
        return self.get_response(request)
