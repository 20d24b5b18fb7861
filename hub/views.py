"""Serve the home page: search, entry points into the taxonomy, latest items, totals."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from resources.facets.current import current_index
from resources.selectors import catalogue_totals, latest_cards


def home(request: HttpRequest) -> HttpResponse:
    """Show the home page; its entry points are the ``home-entry-points`` catalogue fragment."""
    index = current_index()
    return render(
        request,
        "hub/home.html",
        {
            "catalogue": index,
            "latest": latest_cards(index=index),
            "totals": catalogue_totals(index=index),
        },
    )
