"""Forms for vouchers, claims and subsidies. Amounts are typed in yuan and checked by the
services (``amount_of``), so the pages and the API refuse the same input with one message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from market.funding.models import ServiceCategory
from market.funding.selectors import listed_providers
from market.funding.services import claimable_contracts


def money_input(label, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=24,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class VoucherApplyForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None)
    category = forms.ChoiceField(label=_("Service"), choices=())
    purpose = forms.CharField(
        label=_("What your enterprise needs"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    estimate = money_input(
        _("Estimated fee (yuan)"), help_text=_("The provider's quoted fee for the whole service.")
    )

    def __init__(self, *args, enterprises, scheme, **kwargs):
        """``enterprises``: those the user applies for (market.funding.services.
        voucher_enterprise decides); a member of several chooses one."""
        super().__init__(*args, **kwargs)
        if enterprises.count() > 1:
            self.fields = {
                "enterprise": forms.ModelChoiceField(
                    label=_("Enterprise"),
                    queryset=enterprises.order_by("name"),
                    help_text=_("You belong to several enterprises: the voucher is this one's."),
                ),
                **self.fields,
            }
        self.fields["provider"].queryset = listed_providers()
        labels = dict(ServiceCategory.choices)
        codes = scheme.categories if scheme is not None else []
        self.fields["category"].choices = [(code, labels.get(code, code)) for code in codes]


class FaceValueForm(forms.Form):
    face_value = money_input(_("Face value (yuan)"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContractChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.registration_number} · {obj.name} · {obj.contract_amount:,.2f}"


class ClaimForm(forms.Form):
    contract = ContractChoice(
        label=_("Registered contract"),
        queryset=None,
        help_text=_(
            "A registered service, consulting or development contract between you and the "
            "enterprise, signed while the voucher is valid."
        ),
    )
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=40)
    fee = money_input(
        _("Invoiced fee (yuan)"), help_text=_("The whole fee on the invoice, in yuan.")
    )

    def __init__(self, *args, voucher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = claimable_contracts(voucher)


class AmountForm(forms.Form):
    amount = money_input(
        _("Approved amount (yuan)"),
        required=False,
        help_text=_("Leave empty to approve the amount the rules give."),
    )
    note = forms.CharField(
        label=_("Reason for a different amount"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    reference = forms.CharField(label=_("Payment reference"), max_length=60)


class SubsidyApplyForm(forms.Form):
    contract = ContractChoice(
        label=_("Registered contract"),
        queryset=None,
        help_text=_("A registered technology transfer or licence contract your enterprise bought."),
    )
    paid_to_seller = money_input(
        _("Amount paid to the seller (yuan)"),
        help_text=_("What your enterprise has actually paid on the contract, as invoiced."),
    )

    def __init__(self, *args, contracts, **kwargs):
        """``contracts``: those the user's enterprises bought (services.subsidy_contracts_of)."""
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
