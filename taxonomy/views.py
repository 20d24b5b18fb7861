"""Serve the objective pages and the landing page of each principle, region, country and type.

A landing page is the browse page with its term's filter preset, headed by the term's
description; its links lead on to the full browse.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from resources.browse import browse_page
from resources.selectors import objective_items_by_kind, objectives_with_counts

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
            "browse_url": f"{reverse('resources:browse')}?objective={objective.code}",
        },
    )


def _landing(request: HttpRequest, *, term, parameter: str, code: str, kind_label: str):
    page = browse_page(params=request.GET, preset={parameter: [code]})
    return render(
        request,
        "taxonomy/landing.html",
        {
            "term": term,
            "term_kind": kind_label,
            "browse": page,
            "browse_base": reverse("resources:browse"),
        },
        status=400 if page.errors else 200,
    )


def principle_detail(request: HttpRequest, slug: str) -> HttpResponse:
    principle = get_object_or_404(GuidingPrinciple, slug=slug)
    return _landing(
        request,
        term=principle,
        parameter="principle",
        code=principle.slug,
        kind_label=GuidingPrinciple._meta.verbose_name,
    )


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, slug=slug)
    return _landing(
        request,
        term=region,
        parameter="region",
        code=region.slug,
        kind_label=Region._meta.verbose_name,
    )


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = get_object_or_404(Country.objects.select_related("region"), iso3=iso3.upper())
    if country.iso3 != iso3:
        return redirect(country, permanent=True)
    return _landing(
        request,
        term=country,
        parameter="country",
        code=country.iso3,
        kind_label=Country._meta.verbose_name,
    )


def document_type_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document_type = get_object_or_404(DocumentType, slug=slug)
    return _landing(
        request,
        term=document_type,
        parameter="type",
        code=document_type.slug,
        kind_label=DocumentType._meta.verbose_name,
    )
