"""Forms for the broker's work on a match and the enterprise's request for an introduction."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from market.contracts.models import Contract
from matching.models import Match


class InterestForm(forms.Form):
    need = forms.ModelChoiceField(label=_("For which of your needs?"), queryset=None)

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    next_step = forms.CharField(label=_("Next step"), max_length=500, required=False)
    due_date = forms.DateField(label=_("Follow up by"), required=False, widget=DateInput())


class AdvanceForm(NoteForm):
    status = forms.ChoiceField(
        label=_("Move to"),
        choices=[(s.value, s.label) for s in Match.Status if s != Match.Status.SUGGESTED],
    )
    contract_number = forms.CharField(
        label=_("Registration number of the contract"),
        max_length=24,
        required=False,
        help_text=_("Needed to mark the match as signed."),
    )
    close_reason = forms.CharField(
        label=_("Reason for closing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    field_order = ["status", "note", "next_step", "due_date", "contract_number", "close_reason"]

    def clean_contract_number(self):
        number = self.cleaned_data["contract_number"].strip()
        if not number:
            return None
        contract = Contract.objects.filter(registration_number=number).first()
        if contract is None:
            raise forms.ValidationError(_("No registered contract has this number."))
        return contract
