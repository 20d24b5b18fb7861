"""Configure the hub from environment variables, with safe development defaults.

Every setting a deployment needs to change is read from the environment (see README's
Configuration table). Without ``DATABASE_URL`` the hub uses an SQLite file so that
``make run`` needs nothing installed.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from pythonjsonlogger.core import RESERVED_ATTRS

# SECRET_KEY_PLACEHOLDER, the value .env.example holds for SECRET_KEY, stays a setting: a
# test checks that the example holds it.
from hub.env import SECRET_KEY_PLACEHOLDER as SECRET_KEY_PLACEHOLDER
from hub.env import (
    env_bool,
    env_list,
    env_networks,
    env_rate,
    require_strong_secret_key,
    site_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if not DEBUG else _DEV_SECRET_KEY)
if not DEBUG:
    require_strong_secret_key(SECRET_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Before the admin, so that its translated fields show in the admin's forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_ratelimit",
    "hub",
    "accounts",
    "taxonomy",
    "resources",
    "review",
]

MIDDLEWARE = [
    # First, so that every log line of a request carries its id (hub.request_id).
    "hub.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy on
    # every response, static files included (hub.headers).
    "hub.headers.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language is its address's (hub.urls): English unprefixed, whatever the
    # cookie or Accept-Language says; pages that offer the browser's language vary on it.
    "django.middleware.locale.LocaleMiddleware",
    "hub.languages.AcceptLanguageVaryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A database outage answers the 503 page; public reads may use the read replica.
    "hub.resilience.DatabaseUnavailableMiddleware",
    "hub.routers.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before any body is read: oversized ones get the 413 page (hub.request_size). Then
    # sessions older than HUB_SESSION_ABSOLUTE_AGE are signed out (hub.sessions).
    "hub.request_size.RequestSizeLimitMiddleware",
    "hub.sessions.AbsoluteSessionTimeoutMiddleware",
    # Abuse protection: django-ratelimit's refusals become the 429 page; axes turns a
    # locked-out sign-in into the 429 page and must come last.
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.context_processors.roles",
                "hub.languages.page_languages",
            ],
        },
    },
]

# Connections are kept CONN_MAX_AGE seconds and tested before reuse (CONN_HEALTH_CHECKS), so
# after a database restart the hub reconnects by itself; an unreachable server is given up
# on after DATABASE_CONNECT_TIMEOUT seconds and pages answer 503 (hub.resilience).
_DATABASE_OPTIONS = {
    "conn_max_age": int(os.environ.get("CONN_MAX_AGE", "60")),
    "conn_health_checks": True,
}
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", **_DATABASE_OPTIONS
    )
}
# A PostgreSQL read replica for public reads (hub.routers); without it, one database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], **_DATABASE_OPTIONS),
        "TEST": {"MIRROR": "default"},
    }
# Session settings the hub's queries are tuned for (docs/PERFORMANCE.md): no JIT, whose
# compile time exceeded the run time of the queries it was applied to, and index scans
# costed for SSD storage, so that a common search term uses the GIN index.
_POSTGRESQL_SESSION = os.environ.get(
    "DATABASE_SESSION_OPTIONS", "-c jit=off -c random_page_cost=1.1"
)
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _options = _database.setdefault("OPTIONS", {})
        _options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")))
        if _POSTGRESQL_SESSION:
            _options.setdefault("options", _POSTGRESQL_SESSION)
DATABASE_ROUTERS = ["hub.routers.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# The lockout check (django-axes) runs first; people sign in with username or email.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "accounts.backends.EmailOrUsernameBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "submission:my_list"
LOGOUT_REDIRECT_URL = "home"

# Every form that sets a password (sign-up, change, reset, admin) applies these: not like
# the person's name or address, at least 12 characters, not among the 20,000 most common
# passwords, not only digits.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers in each language where the hub's differ from Django's (hub/formats).
FORMAT_MODULE_PATH = ["hub.formats"]
# Taxonomy names per language (taxonomy/translation.py): a name missing in a language
# falls back to the English one, which every term has.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
# Uploaded files are private: served only through the permission-checking download view.
HUB_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# With AWS_STORAGE_BUCKET_NAME set, uploads go to S3-compatible object storage (shared by
# every machine) instead of MEDIA_ROOT. Objects get no public ACL and any URL the storage
# makes is signed and expires; files are still sent only by the download view. Keys come
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's own credentials.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
_UPLOAD_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if AWS_STORAGE_BUCKET_NAME:
    _UPLOAD_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _UPLOAD_STORAGE,
    # The export of the whole catalogue, kept per catalogue version under exports/ in the
    # same place as uploads (resources.opendata.catalogue_files).
    "exports": _UPLOAD_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Production behaves as if behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if not DEBUG:
    _proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # Browsers keep a __Host- cookie only if it is Secure, for Path=/ and without a
    # Domain, so no subdomain or plain-HTTP page can set or overwrite it. Development
    # keeps the plain names, which work over http://127.0.0.1.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_REDIRECT_EXEMPT = [r"^health$", r"^health/live$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No script reads these cookies. SameSite=Lax rather than Strict: a person following a
# link to the hub from an email (a review notification, say) must arrive signed in, and
# a Strict CSRF cookie would be replaced on such a visit, breaking forms open in other tabs.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# A session ends SESSION_IDLE_MINUTES after its last request (each request renews it)
# and SESSION_ABSOLUTE_HOURS after sign-in, however active (hub.sessions).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "120")) * 60
SESSION_SAVE_EVERY_REQUEST = True
HUB_SESSION_ABSOLUTE_AGE = int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12")) * 3600

# Content-Security-Policy (django-csp): everything loads from the hub itself; no inline
# script, style or event handler, nothing evaluated, no plugins, no framing by other
# sites. Templates therefore keep every script and style in static/ (see hub.headers).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "frame-ancestors": [csp.NONE],
        "form-action": [csp.SELF],
    },
}

# Errors: the hub's own pages (hub.errors); bodies larger than the forms accept are
# refused with 413 before they are read (hub.request_size).
CSRF_FAILURE_VIEW = "hub.errors.csrf_failure"

# Logs go to standard output, one JSON object per line (LOG_FORMAT=json, the default with
# DEBUG off: timestamp, level, logger, message, request_id and the event's own fields) or
# as readable text (LOG_FORMAT=text, the default in development). Every line carries the
# request id (hub.request_id); none carries personal data: accounts are named by id, and
# the tokens in confirmation and password-reset paths are redacted (hub.redaction).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Tokens of confirmation and password-reset links never reach a line (hub.redaction).
    "filters": {
        "request_id": {"()": "hub.request_id.RequestIdFilter"},
        "redact_tokens": {"()": "hub.redaction.RedactTokensFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
            # Django attaches the request, whose text holds the query string: leave it out.
            "reserved_attrs": [*RESERVED_ATTRS, "request"],
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "redact_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own loggers write through the same handler instead of their defaults.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# Contact messages hold a visitor's name, address and words; they are deleted this many
# days after they arrive (hub.tasks.delete_expired_contact_messages, run daily).
HUB_CONTACT_RETENTION_DAYS = int(os.environ.get("CONTACT_RETENTION_DAYS", "180"))
# The results of finished background tasks (a mail's recipients among them) are deleted
# this many days after the task ended, by the same daily job
# (hub.tasks.delete_finished_task_results).
HUB_TASK_RESULT_RETENTION_DAYS = int(os.environ.get("TASK_RESULT_RETENTION_DAYS", "7"))

HUB_PAGE_SIZE = 20
# The hub's public address: every link in a mail starts with it (``hub.env.site_url``).
HUB_SITE_URL = site_url(os.environ.get("SITE_URL"), debug=DEBUG)
# The hub's rule: each item is reviewed by at least one UN and two non-UN reviewers.
HUB_REVIEW_PANEL = {
    "un": int(os.environ.get("REVIEW_PANEL_UN", "1")),
    "non_un": int(os.environ.get("REVIEW_PANEL_NON_UN", "2")),
}

# Mail: printed to the console in development; SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Objective 10 Hub <hub@localhost>")

# Background work (mail): run at once in development and tests; in production a
# `manage.py db_worker` process takes tasks from the database queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Open data: a read-only JSON API, feeds, exports and OAI-PMH for anyone to reuse.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "120/minute")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("GCM Objective 10 Knowledge Hub API"),
    "DESCRIPTION": _(
        "Published, peer-reviewed resources on trafficking in persons in the "
        "context of international migration, with the hub's taxonomy and facet counts."
    ),
    "VERSION": "1.0.0",
    # Docstrings speak to developers in English; the schema says only what is translated.
    "DISABLE_DOCSTRING_DESCRIPTIONS": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Anyone may read the open data from another site; nothing else crosses origins. Feeds
# and exports are also under each language's prefix (hub.urls).
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
_PREFIXES = "|".join(code for code, _name in LANGUAGES if code != LANGUAGE_CODE)
CORS_URLS_REGEX = rf"^/(?:(?:{_PREFIXES})/)?(api/|oai|resources/(feed|export)\.).*$"


# Abuse protection (issue 3, part 10) --------------------------------------------------
# Rate-limit counters live in the "limits" cache, which every worker process shares:
# Redis from REDIS_URL in production; without it, a database table that hub's migrations
# create. The "default" cache is Redis too when REDIS_URL is set, else per process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hub",
        },
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hub-limits",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hub_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
# django-ratelimit warns about every backend it does not list: Django's own Redis cache
# increments atomically; the database table may miss a count under heavy concurrency,
# which is why production sets REDIS_URL.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# The reverse proxies in front of the hub (addresses or CIDR ranges). X-Forwarded-For is
# believed only on a connection from one of them, and read past them: the right-most
# address that is not a trusted proxy is the client (hub.security.client_ip). Empty: the
# header is never believed and the connecting address is the client.
HUB_TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# Requests counted per client, in django-ratelimit syntax; see hub.ratelimits.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_USE_CACHE = "limits"
RATELIMIT_IP_META_KEY = "hub.security.client_network"
RATELIMIT_VIEW = "hub.ratelimits.ratelimited_view"
RATELIMIT_FAIL_OPEN = True
HUB_RATE_LIMITS = {
    "login": "20/10m",
    "login_account": os.environ.get("LOGIN_ACCOUNT_RATE", "20/h"),
    # Sign-up counts accepted sign-ups (accounts.views.signup): per client address, so that
    # a workshop room of 30 people behind one address can all join within the hour; per
    # email domain, so that a script rotating addresses is still stopped; and per email
    # address, since each repeat mails the address's owner. Forms sent back with mistakes
    # count apart, with a higher limit, so a script can't hammer the form either.
    "signup": env_rate("SIGNUP_RATE", "40/h"),
    "signup_domain": env_rate("SIGNUP_DOMAIN_RATE", "60/h"),
    "signup_email": "3/h",
    "signup_failed": env_rate("SIGNUP_FAILED_RATE", "150/h"),
    "confirmation": "5/h",
    "password_reset": "5/h",
    "contact": "5/h",
    "submission": "20/h",
    # The open data channels, read by anyone: exports (CSV, RIS and BibTeX together), the
    # RSS and Atom feeds, and OAI-PMH, whose harvesters page through the whole catalogue.
    "export": env_rate("EXPORT_RATE", "20/h"),
    "feed": env_rate("FEED_RATE", "60/m"),
    "oai": env_rate("OAI_RATE", "60/m"),
}
# Export bodies (live or from the stored whole-catalogue file) each worker process sends
# at once; more answer 503, so that page views always keep a thread
# (resources.opendata.delivery).
HUB_EXPORTS_AT_ONCE = int(os.environ.get("EXPORTS_AT_ONCE", "2"))
if HUB_EXPORTS_AT_ONCE < 1:
    raise ImproperlyConfigured("EXPORTS_AT_ONCE must be at least 1.")
# Seconds between a served worker's checks for published changes, made in a thread of its
# own so that visitors' requests seldom wait for the facet index to be patched
# (resources.facets.current.follow_catalogue); 0 leaves every check to requests.
HUB_CATALOGUE_FOLLOW_SECONDS = float(os.environ.get("CATALOGUE_FOLLOW_SECONDS", "0.1"))

# Sign-in lockout (django-axes): five failures for one account from one client network
# (an IPv4 address or an IPv6 /64) lock that pair out for an hour; a successful sign-in
# clears the count. The "login_account" rate above counts an account from everywhere.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "hub.security.client_network"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
