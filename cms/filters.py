"""The outcome catalogue's filters, shared by /outcomes/ and /api/v1/outcomes/."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from accounts.roles import INSTITUTION_KINDS
from cms.models import InstitutionPage, OutcomePage
from taxonomy import vocabularies as vocab
from taxonomy.models import Term


def _terms(vocabulary: str):
    return Term.objects.of(vocabulary)


class OutcomeFilter(django_filters.FilterSet):
    field = django_filters.ModelChoiceFilter(
        label=_("Technical field"),
        field_name="tech_field",
        to_field_name="code",
        queryset=_terms(vocab.TECH_FIELD),
        empty_label=_("All fields"),
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"),
        field_name="industries",
        to_field_name="code",
        queryset=_terms(vocab.INDUSTRY),
        empty_label=_("All industries"),
    )
    maturity = django_filters.ModelChoiceFilter(
        label=_("Maturity"),
        field_name="maturity",
        to_field_name="code",
        queryset=_terms(vocab.MATURITY),
        empty_label=_("Any maturity"),
    )
    mode = django_filters.ModelChoiceFilter(
        label=_("Transfer mode"),
        field_name="transfer_modes",
        to_field_name="code",
        queryset=_terms(vocab.TRANSFER_MODE),
        empty_label=_("Any mode"),
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"),
        to_field_name="slug",
        queryset=Organization.objects.filter(kind__in=INSTITUTION_KINDS).order_by("name"),
        method="filter_institution",
        empty_label=_("All institutions"),
    )
    order = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("first_published_at", "published"), ("price_wan", "price")),
        choices=[
            ("-published", _("Newest first")),
            ("published", _("Oldest first")),
            ("price", _("Price, low to high")),
            ("-price", _("Price, high to low")),
        ],
        empty_label=None,
    )

    class Meta:
        model = OutcomePage
        fields: list[str] = []

    def filter_institution(self, queryset, name, value: Organization):
        section = InstitutionPage.objects.filter(organization=value).first()
        if section is None:
            return queryset.none()
        return queryset.descendant_of(section)
