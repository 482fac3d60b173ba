from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value) -> str:
    """A Decimal amount in yuan, to the fen, with thousands separators: 1,234,567.80."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(value):,.2f}"


@register.filter
def percent(value) -> str:
    """A share as a percentage: 0.5 -> 50%, 0.125 -> 12.5%."""
    text = f"{Decimal(value) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"
