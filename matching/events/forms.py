"""Forms of the event pages: the broker's event, a registration, a request, a meeting's result."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from accounts.roles import INSTITUTION_KINDS
from accounts.widgets import DateInput, DateTimeInput
from market.needs.models import Need
from matching.events.models import Event, Meeting
from matching.events.services import EVENT_FIELDS
from taxonomy import vocabularies as vocab
from taxonomy.models import Term


def _slot_numbers(text: str) -> list[int]:
    try:
        return sorted({int(part) for part in text.replace("，", ",").split(",") if part.strip()})
    except ValueError:
        raise forms.ValidationError(
            _("Write slot numbers separated by commas, e.g. 4, 8.")
        ) from None


class EventForm(forms.ModelForm):
    industries = forms.ModelMultipleChoiceField(
        label=_("Industries"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner institutions"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    break_slots = forms.CharField(
        label=_("Break slots"),
        required=False,
        help_text=_("Numbers of the slots kept free for breaks, separated by commas, e.g. 4."),
    )

    class Meta:
        model = Event
        fields = [name for name in EVENT_FIELDS if name != "break_slots"]
        widgets = {
            "date": DateInput(),
            "starts_at": forms.TimeInput(attrs={"type": "time"}),
            "ends_at": forms.TimeInput(attrs={"type": "time"}),
            "meetings_start": forms.TimeInput(attrs={"type": "time"}),
            "registration_deadline": DateTimeInput(),
            "requests_close_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industries"].queryset = Term.objects.of(vocab.INDUSTRY)
        self.fields["partners"].queryset = Organization.objects.filter(
            kind__in=INSTITUTION_KINDS
        ).order_by("name")
        for name in ("registration_deadline", "requests_close_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            self.fields["industries"].initial = list(self.instance.industries.all())
            self.fields["partners"].initial = list(self.instance.partners.all())
            self.initial["break_slots"] = ", ".join(map(str, self.instance.break_slots or []))

    def clean_break_slots(self) -> list[int]:
        return _slot_numbers(self.cleaned_data["break_slots"])

    def _post_clean(self):
        # The service validates the whole event; the form only parses input.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EVENT_FIELDS}


class RegistrationForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Register for"), queryset=None)
    need = forms.ModelChoiceField(
        label=_("A need you bring"),
        queryset=None,
        required=False,
        help_text=_("One of your enterprise's published needs."),
    )
    outcome = forms.ModelChoiceField(
        label=_("An outcome you bring"),
        queryset=None,
        required=False,
        help_text=_("One of your institution's published outcomes."),
    )
    brings = forms.CharField(
        label=_("What you bring"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wants_to_meet = forms.CharField(
        label=_("Whom you want to meet"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    unavailable_slots = forms.TypedMultipleChoiceField(
        label=_("Slots you are not available"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event: Event, organizations, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:  # most people belong to one: nothing to choose
            self.fields["organization"].empty_label = None
        self.fields["need"].queryset = (
            Need.objects.filter(organization__in=organizations, status=Need.Status.PUBLISHED)
            .exclude(confidentiality=Need.Confidentiality.BROKERS)
            .order_by("title")
        )
        self.fields["outcome"].queryset = outcomes
        self.fields["unavailable_slots"].choices = [
            (slot["number"], f"{slot['number']} · {slot['starts']:%H:%M}")
            for slot in event.slots
            if not slot["is_break"]
        ]
        if not self.fields["need"].queryset.exists():
            del self.fields["need"]
        if not outcomes.exists():
            del self.fields["outcome"]


class MeetingRequestForm(forms.Form):
    recipient = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("A short message"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(forms.Form):
    slot = forms.IntegerField(label=_("Slot"), min_value=1)
    table = forms.IntegerField(label=_("Table"), min_value=1)


class ResultForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Result"), choices=Meeting.Outcome.choices)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)
