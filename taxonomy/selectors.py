"""Reads of the vocabularies."""

from taxonomy.models import Term


def terms_of(vocabulary: str):
    return Term.objects.of(vocabulary).order_by("position")


def term_get(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)
