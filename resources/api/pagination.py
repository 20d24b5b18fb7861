"""Cut API lists into numbered pages: 20 items by default, at most 100 with ``page_size``."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class HubPagination(PageNumberPagination):
    """Number pages as the browse page does, and let clients ask for up to 100 items a page.

    A ``page`` beyond the last one, or not a number, answers 404 with a JSON ``detail``;
    a ``page_size`` that is not a positive number is ignored.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        self.page_size = settings.HUB_PAGE_SIZE
        return super().get_page_size(request)
