"""Route the hub's public URL contract (PRODUCT.md section 4)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("resources/", include("resources.urls")),
    path("api/", include("resources.api.urls")),
    path("", include("resources.opendata.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("resources.submission.urls")),
    path("", include("review.urls")),
    path("", include("taxonomy.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
