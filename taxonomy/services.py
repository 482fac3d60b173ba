"""Writes to the vocabularies."""

from django.db import transaction

from taxonomy.vocabularies import VOCABULARIES


@transaction.atomic
def terms_sync(*, term_model=None) -> int:
    """Create or rename the terms listed in vocabularies.py; returns how many rows changed.

    ``term_model`` lets a data migration pass its historical model.
    """
    if term_model is None:
        from taxonomy.models import Term as term_model
    changed = 0
    for vocabulary, entries in VOCABULARIES.items():
        for position, (code, name_zh, name_en) in enumerate(entries):
            defaults = {"name_zh": name_zh, "name_en": name_en, "position": position}
            term, created = term_model.objects.get_or_create(
                vocabulary=vocabulary, code=code, defaults=defaults
            )
            if created:
                changed += 1
                continue
            if any(getattr(term, k) != val for k, val in defaults.items()):
                for k, val in defaults.items():
                    setattr(term, k, val)
                term.save()
                changed += 1
    return changed
