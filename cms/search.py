"""Outcomes in the search index: their documents, and keeping the index in step with the site.

Publishing, unpublishing, moving or deleting an outcome (or a section above it) updates the
index after the transaction commits (a background task: search.tasks).
"""

from django.db.models.signals import post_delete
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import selectors
from cms.models import InstitutionPage, OutcomePage
from search.analysis import register_word_source
from search.documents import PUBLIC, SearchDocument
from search.registry import Source, register_source
from search.tasks import index_after_commit
from taxonomy.models import Term

KIND = "outcome"


def document_id(page_id: int) -> str:
    return f"{KIND}:{page_id}"


def _body_text(outcome: OutcomePage) -> str:
    parts = []
    for block in outcome.body:
        if block.block_type == "heading":
            parts.append(str(block.value))
        elif block.block_type == "text":
            parts.append(block.value.source if hasattr(block.value, "source") else str(block.value))
    return strip_tags(" ".join(parts))


def outcome_document(outcome: OutcomePage) -> SearchDocument:
    """The search document of a live outcome; ``outcome.institution`` attached or looked up."""
    institution = getattr(outcome, "institution", None) or selectors.institution_of(outcome)
    published = outcome.first_published_at or outcome.last_published_at
    return SearchDocument(
        id=document_id(outcome.pk),
        kind=KIND,
        title=outcome.title,
        url=outcome.get_url() or "",
        summary=outcome.summary,
        keywords=[item.tag.name for item in outcome.tagged_items.all()],
        body=_body_text(outcome),
        facets={
            "tech_field": [outcome.tech_field.code],
            "industries": [t.code for t in outcome.industries.all()],
            "maturity": [outcome.maturity.code],
            "modes": [t.code for t in outcome.transfer_modes.all()],
            "institution": [institution.slug] if institution else [],
        },
        audiences=[PUBLIC],
        published=published.timestamp() if published else 0.0,
        attributes={"price_wan": float(outcome.price_wan)} if outcome.price_wan is not None else {},
    )


def outcome_documents():
    """Every live, public outcome, built in chunks with their related rows prefetched."""
    queryset = selectors.outcomes_published().order_by("pk")
    chunk = 500
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:chunk])
        if not batch:
            return
        for outcome in selectors.attach_institutions(batch):
            yield outcome_document(outcome)
        last_pk = batch[-1].pk


def outcome_count() -> int:
    return OutcomePage.objects.live().public().count()


def _outcome_ids_under(page: Page) -> list[int]:
    return list(
        OutcomePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )


def outcomes_update(page_ids: list) -> tuple[list[SearchDocument], list[str]]:
    """The current documents of these outcomes (live and public), and the ids of the others'."""
    live = {
        o.pk: o
        for o in selectors.attach_institutions(
            selectors.outcomes_published().filter(pk__in=page_ids)
        )
    }
    documents = [outcome_document(o) for o in live.values()]
    stale = [document_id(pk) for pk in page_ids if pk not in live]
    return documents, stale


def reindex_outcomes(page_ids: list[int]) -> None:
    """After commit (a task): index those that are live and public, remove the others."""
    index_after_commit(KIND, page_ids)


def _on_published(sender, instance, **kwargs):
    reindex_outcomes([instance.pk])


def _on_unpublished(sender, instance, **kwargs):
    reindex_outcomes([instance.pk])


def _on_deleted(sender, instance, **kwargs):
    reindex_outcomes([instance.pk])


def _on_moved(sender, instance, **kwargs):
    reindex_outcomes(_outcome_ids_under(instance))


def _on_section_changed(sender, instance, **kwargs):
    """A section renamed, (un)published or moved changes its outcomes' URLs or visibility."""
    reindex_outcomes(_outcome_ids_under(instance))


def domain_words() -> list[str]:
    """The user dictionary: vocabulary names and the keywords of published outcomes."""
    from taggit.models import Tag

    names = list(Term.objects.values_list("name_zh", flat=True))
    keywords = Tag.objects.filter(cms_outcomepagetag_items__isnull=False).values_list(
        "name", flat=True
    )
    return names + list(keywords.distinct())


def connect() -> None:
    register_source(
        Source(kind=KIND, documents=outcome_documents, count=outcome_count, update=outcomes_update)
    )
    register_word_source(domain_words)
    page_published.connect(_on_published, sender=OutcomePage, dispatch_uid="outcome-published")
    page_unpublished.connect(_on_unpublished, sender=OutcomePage, dispatch_uid="outcome-unpub")
    post_delete.connect(_on_deleted, sender=OutcomePage, dispatch_uid="outcome-deleted")
    post_page_move.connect(_on_moved, dispatch_uid="outcome-moved")
    for signal, uid in ((page_published, "section-pub"), (page_unpublished, "section-unpub")):
        signal.connect(_on_section_changed, sender=InstitutionPage, dispatch_uid=uid)
