# Production image of the hub: gunicorn behind a TLS-terminating proxy, static files by WhiteNoise.
# Run `python manage.py migrate` as a release step, and pass at least SECRET_KEY,
# ALLOWED_HOSTS and DATABASE_URL (see README's Configuration table).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=0

WORKDIR /app

RUN groupadd --system --gid 10001 hub \
    && useradd --system --uid 10001 --gid hub --home-dir /app --no-create-home hub

# Dependencies first, so that a code change does not reinstall them. No dev extras.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
# The key exists only for this build step; the running container must be given its own.
RUN DEBUG=0 SECRET_KEY=collectstatic-build-only-key python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown hub:hub /app/media

USER 10001:10001
EXPOSE 8000
# Threads keep a long streamed export (about a minute for 100,000 items) from blocking a
# worker; the timeout covers it.
CMD ["sh", "-c", "exec gunicorn hub.wsgi --bind 0.0.0.0:${PORT:-8000} --workers 2 --worker-class gthread --threads 4 --timeout 180"]
