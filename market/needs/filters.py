"""The needs listing's filters, shared by /needs/, its export and /api/v1/needs/."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from market.needs.models import Need
from taxonomy import vocabularies as vocab
from taxonomy.models import Term


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Keywords"), method="filter_text")
    field = django_filters.ModelChoiceFilter(
        label=_("Technical field"),
        field_name="tech_field",
        to_field_name="code",
        queryset=Term.objects.of(vocab.TECH_FIELD),
        empty_label=_("All fields"),
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"),
        field_name="industry",
        to_field_name="code",
        queryset=Term.objects.of(vocab.INDUSTRY),
        empty_label=_("All industries"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        field_name="district",
        to_field_name="code",
        queryset=Term.objects.of(vocab.DISTRICT),
        empty_label=_("All districts"),
    )
    mode = django_filters.ModelChoiceFilter(
        label=_("Cooperation mode"),
        field_name="cooperation_modes",
        to_field_name="code",
        queryset=Term.objects.of(vocab.COOPERATION_MODE),
        empty_label=_("Any mode"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Need.Status.choices, empty_label=_("Any status")
    )
    order = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("published_at", "published"), ("deadline", "deadline")),
        choices=[
            ("-published", _("Newest first")),
            ("deadline", _("Deadline soonest")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Need
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        """A plain title/summary match for the listing; /search/ is the full-text search."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))


class NeedApiFilter(NeedFilter):
    """The API's filters: the listing's, and ``mine`` (true or 1: only your enterprises' needs,
    drafts included; the view picks that set). Anything else for ``mine``, or a status that does
    not exist, is a 400 that says so."""

    mine = django_filters.ChoiceFilter(
        label=_("Only your enterprises' needs"),
        choices=[("true", "true"), ("false", "false"), ("1", "1"), ("0", "0")],
        method="filter_mine",
    )

    def filter_mine(self, queryset, name, value):
        return queryset
