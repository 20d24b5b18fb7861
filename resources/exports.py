"""Export filtered results and single items as RIS and BibTeX, and cite single items."""

from django.http import Http404


def export_ris(request):
    raise Http404


def export_bib(request):
    raise Http404


def cite(request, slug, format):
    raise Http404
