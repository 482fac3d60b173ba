"""One exception handler for the whole API: the services raise Django's exceptions, and every
endpoint answers them the same way (the HackSoft Django Styleguide's approach).

- ``ValidationError`` → 400: ``{field: [messages]}`` (non-field messages under
  ``non_field_errors``) when the service named fields, else ``{"detail": "..."}``;
- ``PermissionDenied`` → 403 with the service's sentence;
- ``ObjectDoesNotExist`` and ``Http404`` → 404.

The API classes call the services without checking permission or state themselves.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def _as_api_error(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            non_field = api_settings.NON_FIELD_ERRORS_KEY
            return exceptions.ValidationError(
                {
                    (non_field if field == NON_FIELD_ERRORS else field): messages
                    for field, messages in exc.message_dict.items()
                }
            )
        return exceptions.ValidationError({"detail": " ".join(exc.messages)})
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, ObjectDoesNotExist | Http404):
        return exceptions.NotFound()
    return exc


def exception_handler(exc, context):
    return drf_exception_handler(_as_api_error(exc), context)
