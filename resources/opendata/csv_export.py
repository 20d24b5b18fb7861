"""Export filtered results as CSV."""

from django.http import Http404


def export_csv(request):
    raise Http404
