"""统一社会信用代码 (unified social credit code), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capitals without I, O, S, V, Z):
registration authority (1), organisation type (1), region code GB/T 2260 (6 digits),
organisation code (9), and a check character computed over the first 17.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(rf"^[{ALPHABET}]{{2}}\d{{6}}[{ALPHABET}]{{10}}$")


def check_character(first17: str) -> str:
    """The 18th character for the given first 17."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize(value: str) -> str:
    """Upper case, without spaces; full-width letters and digits folded to ASCII."""
    folded = "".join(
        chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in value or ""
    )
    return re.sub(r"\s+", "", folded).upper()


def validate_credit_code(value: str) -> None:
    """Raise ValidationError with a message that says what is wrong with the code."""
    code = normalize(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="length",
            params={"n": len(code)},
        )
    if not _SHAPE.match(code):
        raise ValidationError(
            _(
                "Only digits and capital letters other than I, O, S, V and Z may appear, "
                "and characters 3 to 8 are the region code (digits)."
            ),
            code="characters",
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        # Never say which character would be right: that would complete any made-up code.
        raise ValidationError(
            _("The check character (the last one) is wrong; please check the code."),
            code="check",
        )


def make_credit_code(prefix17: str) -> str:
    """Complete 17 characters with their check character (for demo data and tests)."""
    return prefix17 + check_character(prefix17)
