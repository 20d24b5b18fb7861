"""Route the JSON API under /api/, its OpenAPI schema and its documentation pages."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"
urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("resources/", views.ResourceListView.as_view(), name="resource-list"),
    path("resources/<slug:slug>/", views.ResourceDetailView.as_view(), name="resource-detail"),
    path("objectives/", views.ObjectiveListView.as_view(), name="objective-list"),
    path("principles/", views.PrincipleListView.as_view(), name="principle-list"),
    path("regions/", views.RegionListView.as_view(), name="region-list"),
    path("countries/", views.CountryListView.as_view(), name="country-list"),
    path("document-types/", views.DocumentTypeListView.as_view(), name="document-type-list"),
    path("kinds/", views.KindListView.as_view(), name="kind-list"),
    path("languages/", views.LanguageListView.as_view(), name="language-list"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("schema/", SpectacularAPIView.as_view(**views.PUBLIC_VIEW_OPTIONS), name="schema"),
    path(
        "docs/",
        views.DocsView.as_view(url_name="api:schema", **views.PUBLIC_VIEW_OPTIONS),
        name="docs",
    ),
    path("guide/", views.guide, name="guide"),
    # Any other address ending in a slash is a JSON 404; without the slash, Django first
    # redirects to the address with one, as everywhere on the site.
    re_path(r"^(?P<path>[\s\S]*)/$", views.not_found),
]
