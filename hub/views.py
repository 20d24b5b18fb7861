"""Serve the home page: search, entry points into the taxonomy, latest items, totals."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from resources.facets.current import current_index
from resources.selectors import catalogue_totals, latest_cards, objectives_with_counts
from taxonomy.models import Country, DocumentType, GuidingPrinciple, Region


def home(request: HttpRequest) -> HttpResponse:
    index = current_index()
    return render(request, "hub/home.html", {
        "catalogue": index,
        "objectives": objectives_with_counts(index=index),
        "principles": GuidingPrinciple.objects.all(),
        "regions": Region.objects.all(),
        "countries": Country.objects.select_related("region").order_by("region__position", "name"),
        "document_types": DocumentType.objects.all(),
        "latest": latest_cards(index=index),
        "totals": catalogue_totals(index=index),
    })
