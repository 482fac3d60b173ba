"""The API's one pagination: every list pages through here (REST_FRAMEWORK's default).

``page`` is a whole number from 1. Left out, the first page; given but empty, a 400 that says
so; not a number, or past the last page, a 404 (DRF's "invalid page"). Django's paginator turns
the number into a slice of the query, so no value of ``page`` allocates anything.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class BoundedPageNumberPagination(PageNumberPagination):
    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not raw.strip():
            raise ValidationError({self.page_query_param: [_("Give a page number from 1.")]})
        return super().get_page_number(request, paginator)
