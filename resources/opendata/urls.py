"""Route the channels for crawlers and harvesters: OAI-PMH, the sitemap and robots.txt."""

from django.urls import path

from . import robots, sitemaps
from .oai import views as oai

app_name = "opendata"
urlpatterns = [
    path("oai", oai.endpoint, name="oai"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", robots.robots_txt, name="robots"),
]
