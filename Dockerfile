# Production image of the hub: gunicorn (gunicorn.conf.py) behind a TLS-terminating proxy,
# static files collected at build time and served by WhiteNoise. gunicorn listens on every
# interface of the container (GUNICORN_HOST), which only its published port reaches. Run
# `python manage.py migrate` as a release step and `python manage.py db_worker` beside the
# web containers; docs/DEPLOYMENT.md lists the environment (at least SECRET_KEY, SITE_URL,
# ALLOWED_HOSTS and DATABASE_URL).

# Builder: install the runtime dependencies (no dev extras) into a virtualenv.
FROM python:3.11-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv
WORKDIR /build
# Only what pip needs, so that a code change does not reinstall the dependencies.
COPY pyproject.toml README.md ./
RUN pip install .

# Final image: the same Python, the virtualenv and the code; no compilers, no pip cache.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DEBUG=0 \
    GUNICORN_HOST=0.0.0.0 \
    PORT=8000 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

RUN groupadd --system --gid 10001 hub \
    && useradd --system --uid 10001 --gid hub --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin hub

COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The code stays owned by root: the hub's user can read it but not change it.
COPY . .
# The key and the address exist only for this build step; the running container must be
# given its own (SECRET_KEY, and SITE_URL for the links in mails).
RUN SECRET_KEY=collectstatic-at-build-time-only-never-used-by-a-running-hub-0123456789 \
        SITE_URL=http://collectstatic.invalid \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown hub:hub /app/media \
    && chmod 750 /app/media

USER 10001:10001
EXPOSE 8000
# Liveness only (the process answers); /health also checks the database, for the balancer.
# The request names the first of ALLOWED_HOSTS, since Django refuses any other host.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; \
host = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip(' .*') or 'localhost'; \
url = 'http://127.0.0.1:%s/health/live' % os.environ.get('PORT', '8000'); \
r.urlopen(r.Request(url, headers={'Host': host}), timeout=3)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "hub.wsgi"]
