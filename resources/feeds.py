"""Publish the browse results as RSS 2.0 and Atom feeds."""

from django.http import Http404


def rss_feed(request):
    raise Http404


def atom_feed(request):
    raise Http404
