"""Workbench wiring: the science bureau sets up the year's scheme (budgets, shares, caps, the
window, the services covered) and keeps the provider directory. Vouchers, claims and subsidies
are decided on the site's pages (/vouchers/, /subsidies/), whose services keep the history and
lock the budget; the workbench does not change them."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from market.funding.models import Provider, Scheme, ServiceCategory


class SchemeForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("services covered"),
        choices=ServiceCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Scheme
        fields = [
            "year",
            "name",
            "opens_on",
            "closes_on",
            "categories",
            "only_listed_enterprises",
            "qualified_enterprises",
            "voucher_budget",
            "voucher_share",
            "enterprise_cap",
            "claim_cap",
            "validity_days",
            "subsidy_budget",
            "subsidy_rate",
            "subsidy_cap_per_contract",
            "subsidy_cap_per_enterprise",
        ]

    def clean_voucher_budget(self):
        budget = self.cleaned_data["voucher_budget"]
        if self.instance.pk and budget < self.instance.voucher_committed:
            raise forms.ValidationError(_("Vouchers already hold more than this budget."))
        return budget

    def clean_subsidy_budget(self):
        budget = self.cleaned_data["subsidy_budget"]
        if self.instance.pk and budget < self.instance.subsidy_committed:
            raise forms.ValidationError(_("Subsidies already hold more than this budget."))
        return budget


class ProviderForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("services offered"),
        choices=ServiceCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Provider
        fields = ["organization", "categories", "listed", "listed_on", "note"]


class SchemeViewSet(ModelViewSet):
    model = Scheme
    name = "funding_schemes"
    url_prefix = "funding/schemes"

    def get_form_class(self, for_update=False):
        return SchemeForm

    icon = "date"
    menu_label = _("Funding schemes")
    list_display = ["year", "name", "voucher_budget", "voucher_committed", "subsidy_budget"]
    inspect_view_enabled = True


class ProviderViewSet(ModelViewSet):
    model = Provider
    name = "voucher_providers"
    url_prefix = "funding/providers"

    def get_form_class(self, for_update=False):
        return ProviderForm

    icon = "group"
    menu_label = _("Voucher providers")
    list_display = ["organization", "listed", "listed_on"]


class FundingGroup(ViewSetGroup):
    menu_label = _("Vouchers and subsidies")
    menu_icon = "tick-inverse"
    items = (SchemeViewSet, ProviderViewSet)


@hooks.register("register_admin_viewset")
def register_funding_viewsets():
    return FundingGroup()
