"""Plain-text rules every app's forms and services share: length limits with clear messages.

A TextField's ``max_length`` only sizes the form's textarea; Django does not check it when a
service calls ``full_clean()``. ``max_chars`` is the validator that does, on every entry point
(pages, the API, spreadsheet imports, the workbench).
"""

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# A need's detailed description; a reviewer's reason or note.
DESCRIPTION_MAX = 10_000
REASON_MAX = 2_000


def max_chars(limit: int) -> MaxLengthValidator:
    """At most ``limit`` characters, with a message that says how many there are."""
    return MaxLengthValidator(
        limit,
        message=_("At most %(limit_value)d characters, please; this has %(show_value)d."),
    )
