"""Tell load balancers and orchestrators whether this instance is alive and ready to serve.

``/health/live`` (liveness) answers 200 as long as the process serves requests; it
touches nothing else, so a database outage never gets healthy instances restarted.
``/health`` (readiness) also asks each database for ``SELECT 1`` and answers 503 while
one does not answer, so traffic goes elsewhere until it does. Both answer JSON, set no
cookie, are never cached and are not rate limited.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .resilience import RETRY_AFTER_SECONDS
from .routers import REPLICA

logger = logging.getLogger("hub.resilience")

OK = "ok"
UNAVAILABLE = "unavailable"
# What each database alias is called in the answer.
CHECKED_DATABASES = {DEFAULT_DB_ALIAS: "database", REPLICA: "replica"}


def database_answers(alias: str) -> bool:
    """Run ``SELECT 1`` on a database; a broken connection is replaced on the next request."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check: database %s does not answer: %s", alias, type(error).__name__)
        return False
    return True


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    """Say the process is alive, without touching the database."""
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Say whether this instance can serve pages: alive and every database answering."""
    checks = {
        name: OK if database_answers(alias) else UNAVAILABLE
        for alias, name in CHECKED_DATABASES.items()
        if alias in connections
    }
    ready = all(state == OK for state in checks.values())
    response = JsonResponse(
        {"status": OK if ready else UNAVAILABLE, "checks": checks}, status=200 if ready else 503
    )
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
