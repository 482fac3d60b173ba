"""A service's refusal shown on the form that asked for it: the pages of every app use this."""

from django.core.exceptions import PermissionDenied, ValidationError


def add_service_errors(form, error: ValidationError | PermissionDenied, renamed=None) -> None:
    """Put the service's messages on the form: each on its field where the form has it (a
    service field may go by another name on the form: ``renamed``), else above the form."""
    renamed = renamed or {}
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error))
    elif hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            name = renamed.get(field, field)
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
