"""Filter, search and sort API lists with the catalogue's one FilterSet, ``ResourceFilter``."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings


class InvalidFilters(APIException):
    """Refuse a request whose filter values cannot be used, saying which and why."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("Some filter values could not be used. Correct or remove them.")
    default_code = "invalid_filters"

    def __init__(self, errors):
        super().__init__(
            {
                "detail": self.default_detail,
                "errors": {
                    (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): [
                        str(message) for message in messages
                    ]
                    for name, messages in errors.items()
                },
            }
        )


class ResourceFilterBackend(DjangoFilterBackend):
    """Apply the browse page's filters, search and order, refusing invalid values with a 400.

    The browse page shows the results of the valid filters next to its error messages; an
    API client gets no partial result, so that a typing error in a code is never mistaken
    for an empty or complete answer. The filter set stays on the view for the facet counts.
    """

    def filter_queryset(self, request, queryset, view):
        filterset = self.valid_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        return filterset.ordered(filterset.filter_queryset(queryset))

    def valid_filterset(self, request, queryset, view):
        """Return the request's filter set, or answer 400 when a value cannot be used."""
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return None
        if not filterset.is_valid():
            raise InvalidFilters(filterset.errors)
        view.filterset = filterset
        return filterset
