from django.urls import path

from . import views

app_name = "taxonomy"
# Objective codes ("10", "general") and ISO codes are slugs; anything else, NUL included
# (which PostgreSQL cannot even compare), is no page at all.
urlpatterns = [
    path("objectives/", views.objective_list, name="objectives"),
    path("objectives/<slug:code>/", views.objective_detail, name="objective"),
    path("principles/<slug:slug>/", views.principle_detail, name="principle"),
    path("regions/<slug:slug>/", views.region_detail, name="region"),
    path("countries/<slug:iso3>/", views.country_detail, name="country"),
    path("types/<slug:slug>/", views.document_type_detail, name="document_type"),
]
