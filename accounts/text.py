"""Plain-text rules every app's forms and services share: length limits with clear messages,
and no invisible characters in what people read.

A TextField's ``max_length`` only sizes the form's textarea; Django does not check it when a
service calls ``full_clean()``. ``max_chars`` is the validator that does, on every entry point
(pages, the API, spreadsheet imports, the workbench).

``tidy`` runs from the models' ``clean()``, so every ``full_clean()`` applies it: titles and
other one-line texts lose invisible format characters (zero-width spaces and joiners, byte-order
marks, direction marks, overrides and isolates), so a title of nothing visible is refused and
no name can be shown reversed; longer texts lose the direction overrides and isolates.
"""

import unicodedata

from django.core.exceptions import ValidationError
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


# U+202A-U+202E (embeddings and overrides), U+2066-U+2069 (isolates): they reorder what follows.
DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def plain_line(text: str) -> str:
    """One line as it is read: no invisible format characters (Unicode category Cf), trimmed."""
    return "".join(ch for ch in text or "" if unicodedata.category(ch) != "Cf").strip()


def tidy(instance, *, lines=(), texts=()) -> None:
    """Clean the instance's one-line fields (``lines``) and longer texts (``texts``) in place;
    a required line that held only invisible characters raises ValidationError naming it."""
    errors = {}
    for name in lines:
        given = getattr(instance, name) or ""
        value = plain_line(given)
        setattr(instance, name, value)
        # An empty field is the blank check's to report (or not, when a form leaves it out).
        if given and not value and not instance._meta.get_field(name).blank:
            errors[name] = _("Write something visible here; invisible characters do not count.")
    for name in texts:
        setattr(instance, name, (getattr(instance, name) or "").translate(DIRECTION_CONTROLS))
    if errors:
        raise ValidationError(errors)
