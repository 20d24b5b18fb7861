"""Serve the objective pages and the landing page of each principle, region, country and type.

A landing page is the browse page with its term's filter preset, headed by the term's
description; its links lead on to the full browse.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from resources.browse import browse_page
from resources.selectors import objective_items_by_kind, objectives_with_counts
from resources.vocabulary import of_model

from .models import Country, DocumentType, GuidingPrinciple, Objective, Region


def objective_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "taxonomy/objective_list.html",
        {
            "objectives": objectives_with_counts(),
        },
    )


def objective_detail(request: HttpRequest, code: str) -> HttpResponse:
    objective = get_object_or_404(
        Objective.objects.prefetch_related("actions", "cross_references__referenced_objective"),
        code=code.lower(),
    )
    groups = objective_items_by_kind(objective=objective)
    return render(
        request,
        "taxonomy/objective_detail.html",
        {
            "objective": objective,
            "groups": groups,
            "has_items": any(group["total"] for group in groups),
            "browse_url": f"{reverse('resources:browse')}?{of_model(Objective).query(objective)}",
        },
    )


def _landing(request: HttpRequest, term) -> HttpResponse:
    """Show the browse page with the term preset, by the parameter its model's terms fill."""
    declared = of_model(type(term))
    page = browse_page(params=request.GET, preset={declared.parameter: [declared.code_of(term)]})
    return render(
        request,
        "taxonomy/landing.html",
        {
            "term": term,
            "term_kind": type(term)._meta.verbose_name,
            "browse": page,
            "browse_base": reverse("resources:browse"),
        },
        status=400 if page.errors else 200,
    )


def principle_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _landing(request, get_object_or_404(GuidingPrinciple, slug=slug))


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _landing(request, get_object_or_404(Region, slug=slug))


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = get_object_or_404(Country.objects.select_related("region"), iso3=iso3.upper())
    if country.iso3 != iso3:
        return redirect(country, permanent=True)
    return _landing(request, country)


def document_type_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _landing(request, get_object_or_404(DocumentType, slug=slug))
