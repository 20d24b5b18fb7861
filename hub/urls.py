"""Route the hub's public URL contract (PRODUCT.md section 4).

English pages keep their addresses; every page also lives under ``/fr/``, ``/es/``,
``/ar/``, ``/ru/`` and ``/zh-hans/`` (``i18n_patterns`` without an English prefix), and
its feeds and exports with it. Machine channels answer at one address only: the API (its
labels follow ``Accept-Language`` or ``?lang=``), OAI-PMH, the sitemap, robots.txt,
files, health checks, the icon, the language form and the admin.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts.lockout import sign_in_limited

from . import contact, health, icons, views

urlpatterns = [
    path("favicon.ico", icons.favicon, name="favicon"),
    path("health", health.health, name="health"),
    path("health/live", health.live, name="health-live"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("resources.api.urls")),
    path("", include("resources.opendata.urls")),
    path("", include("resources.submission.file_urls")),
    # The admin's sign-in form answers to the same limits as the hub's own.
    path("admin/login/", sign_in_limited(admin.site.login)),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("resources/", include("resources.urls")),
    path("accounts/", include("accounts.urls")),
    path("contact/", contact.contact, name="contact"),
    path("", include("resources.submission.urls")),
    path("", include("review.urls")),
    path("", include("taxonomy.urls")),
    prefix_default_language=False,
)

handler500 = "hub.resilience.server_error"
handler400 = "hub.errors.bad_request"
handler403 = "hub.errors.permission_denied"
