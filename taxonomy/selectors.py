"""Reads of the vocabularies."""

from taxonomy.models import Term


def terms_of(vocabulary: str):
    return Term.objects.of(vocabulary).order_by("position")


def term_get(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def term_names(codes: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    """{vocabulary: [code, ...]} -> {(vocabulary, code): name in the active language}, in one
    query."""
    wanted = [(v, c) for v, cs in codes.items() for c in cs]
    if not wanted:
        return {}
    terms = Term.objects.filter(vocabulary__in=list(codes), code__in=[c for _v, c in wanted])
    return {(t.vocabulary, t.code): t.name for t in terms if (t.vocabulary, t.code) in wanted}
