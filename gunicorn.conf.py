"""Configure gunicorn for the hub's container: ``gunicorn -c gunicorn.conf.py hub.wsgi``.

Threads keep a long streamed export (about a minute for 100,000 items) from blocking a
worker, and the timeout covers it. Workers are recycled after a number of requests so a
slow leak cannot grow without bound. The access log is one JSON object per request on
standard output, with the path but never the query string, cookies or other headers,
because search terms and tokens in them may identify a person; the tokens of
confirmation and password-reset links are cut out of the path, and out of the error log
(hub.redaction). gunicorn listens on 127.0.0.1 unless ``GUNICORN_HOST`` says otherwise, so
that on a plain server only the proxy in front reaches it; the image sets ``0.0.0.0``,
since a container is reached through its published port. Every value can be changed
through the environment; docs/DEPLOYMENT.md lists them.
"""

import gc
import json
import os
import time

from gunicorn.glogging import Logger


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


bind = [_bind_address(os.environ.get("GUNICORN_HOST") or "127.0.0.1", _int("PORT", 8000))]
workers = _int("WEB_CONCURRENCY", 2)
# gunicorn's gthread worker, closing finished connections off its main loop (hub.gunicorn_worker).
worker_class = "hub.gunicorn_worker.ThreadWorker"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 180)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Each connection is served by one worker until it closes. Kept alive, the connections of
# a few busy clients (or a proxy's pool) stay with whichever worker accepted them: in the
# benchmark all eight clients' connections landed on one worker, which did all the work
# while the other idled, and medians doubled. Closed after each response (the default
# here; TLS ends at the proxy in front, so a new local connection costs little), every
# request goes to whichever worker is free to accept it.
keepalive = _int("GUNICORN_KEEPALIVE", 0)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Addresses whose X-Forwarded-* headers gunicorn believes: the load balancer's.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The heartbeat file lives in memory, so a slow container disk cannot stall workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


class JsonAccessLogger(Logger):
    """Write each request as one JSON line that leaves out anything that may be personal."""

    def setup(self, cfg):
        super().setup(cfg)
        from hub.redaction import RedactTokensFilter

        self.error_log.addFilter(RedactTokensFilter())

    def access(self, resp, req, environ, request_time):
        if not getattr(self, "access_log_enabled", bool(self.cfg.accesslog)):
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "type": "access",
            "method": environ.get("REQUEST_METHOD"),
            "path": redact_tokens(environ.get("PATH_INFO") or ""),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote": environ.get("REMOTE_ADDR"),
            "pid": os.getpid(),
        }
        self.access_log.info(json.dumps(record, ensure_ascii=False))


def redact_tokens(path: str) -> str:
    """Cut link tokens out of a path (hub.redaction), importing the hub only when serving."""
    from hub.redaction import redact_tokens as redact

    return redact(path)


logger_class = JsonAccessLogger


def post_worker_init(worker):
    """Build the facet index before the worker takes requests, so no visitor waits for it.

    A thread then keeps it up to date between requests (``HUB_CATALOGUE_FOLLOW_SECONDS``),
    so that a visitor's request seldom waits for a patch after a publication.

    If the database is down at start, the index is built on the first request instead.
    Then everything loaded so far (Django, the URLconf, templates, the index) is moved out
    of the garbage collector's sight: a full collection walked it all, stopping every
    thread of the worker for 35-55 ms, and now takes about 2 ms.
    """
    from django.conf import settings

    from resources.facets.current import current_index, follow_catalogue

    try:
        current_index()
    except Exception:  # noqa: BLE001 - any failure here must not stop the worker
        worker.log.warning("The facet index will be built on the first request.")
    gc.collect()
    gc.freeze()
    if settings.HUB_CATALOGUE_FOLLOW_SECONDS:
        follow_catalogue(every=settings.HUB_CATALOGUE_FOLLOW_SECONDS)
