"""Serve the home page: search, entry points into the taxonomy, latest items, totals."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from resources.selectors import catalogue_totals, objectives_with_counts, resources_latest
from taxonomy.models import Country, DocumentType, GuidingPrinciple, Region


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/home.html", {
        "objectives": objectives_with_counts(),
        "principles": GuidingPrinciple.objects.all(),
        "regions": Region.objects.all(),
        "countries": Country.objects.select_related("region").order_by("region__position", "name"),
        "document_types": DocumentType.objects.all(),
        "latest": resources_latest(),
        "totals": catalogue_totals(),
    })
