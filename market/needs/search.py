"""Needs in the search index, with their confidentiality carried as audiences.

- public: one document, everyone.
- members: two documents. Signed-in members find the full text; signed-out visitors find a
  second document made of the title and public summary only, so nothing confidential can match,
  be highlighted or be counted for them.
- brokers: one document for brokers and the enterprise's own members.
Only published needs are in the index.
"""

from accounts.permissions import ANONYMOUS, BROKERS, MEMBERS
from market.needs.models import Need
from search.documents import PUBLIC, SearchDocument
from search.registry import Source, register_source
from search.tasks import index_after_commit

KIND = "need"
SUMMARY_SUFFIX = "#summary"


def document_ids(need_id: int) -> list[str]:
    return [f"{KIND}:{need_id}", f"{KIND}:{need_id}{SUMMARY_SUFFIX}"]


def need_id_of(document_id: str) -> int:
    return int(document_id.split(":", 1)[1].removesuffix(SUMMARY_SUFFIX))


def _facets(need: Need) -> dict[str, list[str]]:
    return {
        "tech_field": [need.tech_field.code],
        "industries": [need.industry.code] if need.industry else [],
        "modes": [t.code for t in need.cooperation_modes.all()],
        "district": [need.district.code],
    }


def _attributes(need: Need) -> dict[str, float | str]:
    """For rankers: the top of the budget in 万元 (none: 面议) and the enterprise's id."""
    attributes: dict[str, float | str] = {"organization": str(need.organization_id)}
    high = need.budget_max_wan or need.budget_min_wan
    if high is not None:
        attributes["budget_wan"] = float(high)
    return attributes


def need_documents_for(need: Need) -> list[SearchDocument]:
    """The documents a published need is found by (none for any other status)."""
    if need.status != Need.Status.PUBLISHED:
        return []
    published = need.published_at.timestamp() if need.published_at else 0.0
    full_id, summary_id = document_ids(need.pk)
    full = SearchDocument(
        id=full_id,
        kind=KIND,
        title=need.title,
        url=f"/needs/{need.pk}/",
        summary=need.summary,
        body=need.description,
        facets=_facets(need),
        attributes=_attributes(need),
        published=published,
    )
    if need.confidentiality == Need.Confidentiality.PUBLIC:
        full.audiences = [PUBLIC]
        return [full]
    if need.confidentiality == Need.Confidentiality.BROKERS:
        full.audiences = [BROKERS, f"org:{need.organization_id}"]
        return [full]
    full.audiences = [MEMBERS]
    summary_only = SearchDocument(
        id=summary_id,
        kind=KIND,
        title=need.title,
        url=full.url,
        summary=need.summary,
        facets=full.facets,
        attributes=full.attributes,
        audiences=[ANONYMOUS],
        published=published,
    )
    return [full, summary_only]


def _published():
    return (
        Need.objects.filter(status=Need.Status.PUBLISHED)
        .select_related("tech_field", "industry", "district")
        .prefetch_related("cooperation_modes")
    )


def need_documents():
    for need in _published().order_by("pk").iterator(chunk_size=500):
        yield from need_documents_for(need)


def need_document_count() -> int:
    published = _published()
    members = published.filter(confidentiality=Need.Confidentiality.MEMBERS).count()
    return published.count() + members


def needs_update(need_ids: list) -> tuple[list[SearchDocument], list[str]]:
    """The current documents of these needs (published ones), and the ids of their stale ones."""
    documents = [
        d for need in _published().filter(pk__in=need_ids) for d in need_documents_for(need)
    ]
    kept = {d.id for d in documents}
    stale = [i for need_id in need_ids for i in document_ids(need_id) if i not in kept]
    return documents, stale


def reindex_need(need_id: int) -> None:
    """After commit (a task): the need's current documents in, its stale ones out."""
    index_after_commit(KIND, [need_id])


def connect() -> None:
    register_source(
        Source(
            kind=KIND,
            documents=need_documents,
            count=need_document_count,
            update=needs_update,
        )
    )
