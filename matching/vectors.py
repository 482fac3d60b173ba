"""The sentence-embedding vectors of published needs and outcomes (search.semantic): computed
when they are published (matching.refresh, in the background) and by `manage.py
refresh_matches`, read by the engine for the candidates of one ranking in one query.

A need is encoded as a query (what it looks for), an outcome as a passage (what it offers); a
vector is recomputed only when its text changed.
"""

import hashlib

import numpy as np
from django.db.models import prefetch_related_objects

from cms.models import OutcomePage
from market.needs.models import Need
from matching.models import TextVector
from search import semantic

ROLES = {TextVector.Kind.NEED: "query", TextVector.Kind.OUTCOME: "passage"}


def need_vector_text(need: Need) -> str:
    return "。".join(t for t in (need.title, need.summary, need.description) if t)


def outcome_vector_text(outcome: OutcomePage) -> str:
    keywords = "、".join(item.tag.name for item in outcome.tagged_items.all())
    return "。".join(t for t in (outcome.title, keywords, outcome.summary) if t)


def _digest(text: str) -> str:
    return hashlib.sha256(f"{semantic.MODEL}\n{text}".encode()).hexdigest()


def vectors_store(*, kind: str, texts: dict[str, str]) -> int:
    """Encode and keep the vectors of ``texts`` (object id -> text) whose text changed since
    their vector was computed; returns how many were encoded."""
    kept = dict(
        TextVector.objects.filter(kind=kind, object_id__in=list(texts)).values_list(
            "object_id", "digest"
        )
    )
    stale = {i: t for i, t in texts.items() if kept.get(i) != _digest(t)}
    if not stale:
        return 0
    ids = list(stale)
    vectors = semantic.encode([stale[i] for i in ids], role=ROLES[kind])
    for object_id, vector in zip(ids, vectors, strict=True):
        TextVector.objects.update_or_create(
            kind=kind,
            object_id=object_id,
            defaults={
                "model": semantic.MODEL,
                "digest": _digest(stale[object_id]),
                "vector": semantic.to_bytes(vector),
            },
        )
    return len(ids)


def need_vectors_store(needs) -> int:
    """Keep the vectors of these needs up to date (no-op when semantic matching is off)."""
    if not semantic.enabled():
        return 0
    texts = {str(n.pk): need_vector_text(n) for n in needs}
    return vectors_store(kind=TextVector.Kind.NEED, texts=texts)


def outcome_vectors_store(outcomes) -> int:
    """Keep the vectors of these outcomes up to date (no-op when semantic matching is off)."""
    if not semantic.enabled():
        return 0
    outcomes = list(outcomes)
    prefetch_related_objects(outcomes, "tagged_items__tag")
    texts = {str(o.pk): outcome_vector_text(o) for o in outcomes}
    return vectors_store(kind=TextVector.Kind.OUTCOME, texts=texts)


def vectors_of(kind: str, ids) -> dict[str, np.ndarray]:
    """object id -> vector, for those of ``ids`` that have one (one query)."""
    rows = TextVector.objects.filter(
        kind=kind, object_id__in=[str(i) for i in ids], model=semantic.MODEL
    ).values_list("object_id", "vector")
    return {object_id: semantic.from_bytes(data) for object_id, data in rows}
