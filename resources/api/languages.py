"""Answer the API in the language a client asks for: ``?lang=``, else ``Accept-Language``.

The API has one address in every language (``hub.urls``), so the language of its labels
(term names, facet labels, choices) is negotiated: ``?lang=`` wins, then the first of the
hub's languages the ``Accept-Language`` header lists, then English. An unknown ``?lang=``
answers 400 like any other parameter that cannot be used. Every answer says its language
in ``Content-Language`` and varies on ``Accept-Language``.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response

from hub.languages import preferred_language

from .filtering import InvalidFilters

PARAMETER = "lang"
CODES = [code for code, _name in settings.LANGUAGES]

LANGUAGE_PARAMETER = OpenApiParameter(
    PARAMETER,
    {"type": "string", "enum": CODES},
    OpenApiParameter.QUERY,
    description=_(
        "Language of the labels (term names, facet labels, choices). Without it, the first "
        "of these languages the Accept-Language header lists, otherwise English."
    ),
)


def activate_requested_language(request: Request) -> str:
    """Activate the language the request asks for and return it; refuse an unknown ``lang``."""
    language = preferred_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    translation.activate(language or settings.LANGUAGE_CODE)
    asked = request.query_params.get(PARAMETER)
    if asked is not None:
        if asked.lower() not in CODES:
            raise InvalidFilters(
                {
                    PARAMETER: [
                        gettext(
                            "Select a valid choice. %(value)s is not one of the available choices."
                        )
                        % {"value": asked[:100]}
                    ]
                }
            )
        translation.activate(asked.lower())
    return translation.get_language()


def mark_language(response: Response) -> Response:
    """Say which language the answer is in, and that it depends on ``Accept-Language``."""
    response["Content-Language"] = translation.get_language()
    patch_vary_headers(response, ("Accept-Language",))
    return response
