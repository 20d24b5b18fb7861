"""Serve the hub's icon at ``/favicon.ico``, where browsers ask for it whatever a page links.

Pages link the icon by its static address (``templates/base.html``); browsers, feed readers
and bookmarks still ask for ``/favicon.ico`` first, and a 404 there is logged on every
page. The icon is read once from the static files and kept for a week by browsers.
"""

from functools import cache

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ICON = "img/favicon.ico"
ICON_MAX_AGE_SECONDS = 7 * 24 * 3600


@cache
def icon_bytes() -> bytes:
    """Read the icon from the project's static folder, or from the collected files."""
    found = finders.find(ICON)
    if found:
        with open(found, "rb") as icon:
            return icon.read()
    with staticfiles_storage.open(ICON) as icon:
        return icon.read()


@require_safe
@cache_control(public=True, max_age=ICON_MAX_AGE_SECONDS)
def favicon(request: HttpRequest) -> HttpResponse:
    """Answer the browser's request for the site icon with the hub's own."""
    return HttpResponse(icon_bytes(), content_type="image/vnd.microsoft.icon")
