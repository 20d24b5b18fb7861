"""Answer an item's former addresses with a permanent redirect to its current one."""

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext

from .selectors import resource_current_slug


def current_address_redirect(
    request: HttpRequest, *, view_name: str, slug: str, **kwargs: str
) -> HttpResponsePermanentRedirect:
    """Redirect (301) to the same view at the published item's current slug, else raise 404.

    The query string is kept, so a cited link with parameters lands where it pointed.
    """
    current = resource_current_slug(slug=slug)
    if current is None:
        raise Http404(gettext("No published resource has this address."))
    location = reverse(view_name, kwargs={"slug": current, **kwargs})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)
