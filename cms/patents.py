"""Chinese patent numbers (专利号), checked with their check digit.

An application number has 12 digits (since 2003: year, kind, serial) or 8 digits (before),
then a dot and a check digit: the digits weighted 2,3,4,5,6,7,8,9,2,3,4,5 summed modulo 11,
10 written as X. The prefix ZL or CN is optional.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PATTERN = re.compile(r"^(?:ZL|CN)?\s*(\d{8}|\d{12})\.?([\dX])$")
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def check_digit(digits: str) -> str:
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def normalize_patent_number(value: str) -> str:
    """``ZL202010123456.7`` style: prefix ZL, digits, dot, check digit."""
    match = _PATTERN.match((value or "").strip().upper().replace(" ", ""))
    if not match:
        return (value or "").strip()
    return f"ZL{match.group(1)}.{match.group(2)}"


def validate_patent_number(value: str) -> None:
    match = _PATTERN.match((value or "").strip().upper().replace(" ", ""))
    if not match:
        raise ValidationError(
            _(
                "A patent number looks like ZL202010123456.7 (8 or 12 digits, a dot, a check digit)."  # noqa: E501
            ),
            code="format",
        )
    digits, given = match.groups()
    expected = check_digit(digits)
    if given != expected:
        raise ValidationError(
            _("The patent number's check digit should be %(expected)s; please check it."),
            code="check",
            params={"expected": expected},
        )


def make_patent_number(digits: str) -> str:
    """Complete 8 or 12 digits with their check digit (demo data and tests)."""
    return f"ZL{digits}.{check_digit(digits)}"
