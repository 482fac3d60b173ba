"""Template filters used across the site."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def amount(value) -> str:
    """A Decimal amount with thousands separators and no trailing zeros: 1,200 / 35.5 / 0.08."""
    if value in (None, ""):
        return ""
    number = Decimal(value)
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or None (facet counts by value)."""
    if not mapping:
        return None
    return mapping.get(key) if hasattr(mapping, "get") else None
