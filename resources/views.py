"""Serve the faceted browse and the item pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from .addresses import current_address_redirect
from .browse import browse_page
from .facets.current import current_index
from .selectors import related_cards, resource_get_published


def browse(request: HttpRequest) -> HttpResponse:
    page = browse_page(params=request.GET)
    return render(
        request,
        "resources/browse.html",
        {"browse": page, "browse_base": reverse("resources:browse")},
        status=400 if page.errors else 200,
    )


def facet_values(request: HttpRequest, parameter: str) -> HttpResponse:
    """List every value of one facet for the current results, with counts and links."""
    page = browse_page(params=request.GET)
    facet = page.facet(parameter)
    if facet is None:
        raise Http404(gettext("There is no such filter."))
    return render(
        request,
        "resources/facet_values.html",
        {"browse": page, "facet": facet, "browse_base": reverse("resources:browse")},
        status=400 if page.errors else 200,
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a published item; a slug it had before a rename answers 301 to its address."""
    index = current_index()  # read once: the item's tags and its related items agree
    try:
        resource = resource_get_published(slug=slug, index=index)
    except Http404:
        return current_address_redirect(request, view_name="resources:detail", slug=slug)
    return render(
        request,
        "resources/detail.html",
        {
            "resource": resource,
            "related": related_cards(resource=resource, index=index),
        },
    )
