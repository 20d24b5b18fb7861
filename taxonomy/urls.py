from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("objectives/", views.objective_list, name="objectives"),
    path("objectives/<str:code>/", views.objective_detail, name="objective"),
    path("principles/<slug:slug>/", views.principle_detail, name="principle"),
    path("regions/<slug:slug>/", views.region_detail, name="region"),
    path("countries/<str:iso3>/", views.country_detail, name="country"),
    path("types/<slug:slug>/", views.document_type_detail, name="document_type"),
]
