"""Route the hub's public URL contract (PRODUCT.md section 4)."""

from django.contrib import admin
from django.urls import include, path

from accounts.lockout import sign_in_limited

from . import contact, health, icons, views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", icons.favicon, name="favicon"),
    path("health", health.health, name="health"),
    path("health/live", health.live, name="health-live"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("resources/", include("resources.urls")),
    path("api/", include("resources.api.urls")),
    path("", include("resources.opendata.urls")),
    path("accounts/", include("accounts.urls")),
    path("contact/", contact.contact, name="contact"),
    path("", include("resources.submission.urls")),
    path("", include("review.urls")),
    path("", include("taxonomy.urls")),
    # The admin's sign-in form answers to the same limits as the hub's own.
    path("admin/login/", sign_in_limited(admin.site.login)),
    path("admin/", admin.site.urls),
]

handler500 = "hub.resilience.server_error"
handler400 = "hub.errors.bad_request"
handler403 = "hub.errors.permission_denied"
