"""Serve the faceted browse and the item pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .browse import browse_page
from .selectors import resource_get_published, resources_related


def browse(request: HttpRequest) -> HttpResponse:
    page = browse_page(params=request.GET)
    return render(
        request, "resources/browse.html", {"browse": page, "browse_base": ""},
        status=400 if page.errors else 200,
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = resource_get_published(slug=slug)
    return render(request, "resources/detail.html", {
        "resource": resource,
        "related": resources_related(resource=resource),
    })
