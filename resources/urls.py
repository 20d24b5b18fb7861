from django.urls import path

from . import exports, feeds, views
from .opendata import csv_export

app_name = "resources"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("feed.rss", feeds.rss_feed, name="feed_rss"),
    path("feed.atom", feeds.atom_feed, name="feed_atom"),
    path("export.csv", csv_export.export_csv, name="export_csv"),
    path("export.ris", exports.export_ris, name="export_ris"),
    path("export.bib", exports.export_bib, name="export_bib"),
    path("facets/<slug:parameter>/", views.facet_values, name="facet_values"),
    path("<slug:slug>/cite.<str:format>", exports.cite, name="cite"),
    path("<slug:slug>/", views.detail, name="detail"),
]
