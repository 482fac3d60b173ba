"""Slugs that stay unique, also for names written only in Chinese."""

from django.db import models


def unique_slug(model: type[models.Model], base: str, field: str = "slug") -> str:
    """``base`` if free, else ``base-2``, ``base-3``..."""
    base = (base or "").strip("-")[:50] or "item"
    candidate, n = base, 1
    while model.objects.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
