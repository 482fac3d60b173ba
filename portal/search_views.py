"""/search/: one search box across outcomes (and needs, once they exist), with facets."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from accounts.permissions import audiences_of
from search.backends import SearchUnavailable
from search.documents import SearchQuery
from search.selectors import MAX_RESULTS, search, word_counts
from taxonomy import vocabularies as vocab
from taxonomy.models import Term

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200

# URL parameter -> (index field, heading); the order they show in.
FACETS = {
    "kind": ("kind", _("Type")),
    "field": ("tech_field", _("Technical field")),
    "industry": ("industries", _("Industry")),
    "maturity": ("maturity", _("Maturity")),
    "institution": ("institution", _("Institution")),
    "district": ("district", _("District")),
}
KIND_LABELS = {"outcome": _("Research outcome"), "need": _("Technology need")}
TERM_VOCABULARY = {
    "tech_field": vocab.TECH_FIELD,
    "industries": vocab.INDUSTRY,
    "maturity": vocab.MATURITY,
    "district": vocab.DISTRICT,
}
SUGGESTIONS = ["镁合金", "光互连", "智能灌溉", "5G", "氢燃料电池", "绿色食品"]


def _labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {field: {} for field, _label in FACETS.values()}
    for term in Term.objects.filter(vocabulary__in=TERM_VOCABULARY.values()):
        for field, vocabulary in TERM_VOCABULARY.items():
            if term.vocabulary == vocabulary:
                labels[field][term.code] = term.name
    labels["institution"] = dict(Organization.objects.values_list("slug", "name"))
    labels["kind"] = {k: str(v) for k, v in KIND_LABELS.items()}
    return labels


def search_page(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    filters = {}
    for param, (field, _label) in FACETS.items():
        value = request.GET.get(param, "").strip()
        if value:
            filters[field] = [value]
    # Any page past the last shows the last (search bounds it); anything else, the first.
    page_number = request.GET.get("page", "1").strip()
    if not page_number.isdecimal():
        page_number = 1
    else:
        page_number = int(page_number) if len(page_number) <= 18 else MAX_RESULTS
    context = {"q": text, "suggestions": SUGGESTIONS, "searched": bool(text or filters)}
    if not context["searched"]:
        return render(request, "portal/search.html", context)
    query = SearchQuery(
        text=text,
        filters=filters,
        facets=tuple(field for field, _label in FACETS.values()),
        audiences=tuple(audiences_of(request.user)),
        page=page_number,
        page_size=PAGE_SIZE,
    )
    try:
        results = search(query)
    except SearchUnavailable:
        return render(request, "portal/search_unavailable.html", context, status=503)
    labels = _labels()
    facets = []
    for param, (field, heading) in FACETS.items():
        chosen = request.GET.get(param, "")
        options = [
            {
                "value": value,
                "label": labels[field].get(value, value),
                "count": count,
                "chosen": value == chosen,
                "query": _with(request, param, "" if value == chosen else value),
            }
            for value, count in results.facets.get(field, [])
        ]
        if options:
            facets.append({"param": param, "heading": heading, "options": options})
    paginator = Paginator(range(min(results.total, MAX_RESULTS)), PAGE_SIZE)
    page_obj = paginator.get_page(results.page)
    for hit in results.hits:
        hit.kind_label = labels["kind"].get(hit.kind, hit.kind)
    # Nothing has every word: say so, and offer each word alone with what it finds.
    context["word_counts"] = word_counts(query) if not results.total and text else []
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context.update(
        results=results,
        hits=results.hits,
        facets=facets,
        page_obj=page_obj,
        querystring=querystring.urlencode(),
        filtered=bool(filters),
    )
    return render(request, "portal/search.html", context)


def _with(request, param: str, value: str) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    if value:
        params[param] = value
    else:
        params.pop(param, None)
    return params.urlencode()
