"""Forms for posting and reviewing needs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from market.needs.models import Need
from market.needs.services import EDITABLE_FIELDS
from taxonomy import vocabularies as vocab
from taxonomy.models import Term


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service that stores it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.jpg,.jpeg,.png"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class NeedForm(forms.ModelForm):
    cooperation_modes = forms.ModelMultipleChoiceField(
        label=_("Cooperation modes"),
        queryset=Term.objects.of(vocab.COOPERATION_MODE),
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word or images, up to 10 MB each."),
    )

    class Meta:
        model = Need
        fields = [*EDITABLE_FIELDS]
        widgets = {
            "deadline": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "confidentiality": forms.RadioSelect,
        }

    def __init__(self, *args, enterprises=None, **kwargs):
        """``enterprises``: those a new need may be posted for; a member of several chooses
        (market.needs.services.need_enterprise decides)."""
        super().__init__(*args, **kwargs)
        if enterprises is not None and enterprises.count() > 1:
            self.fields = {
                "organization": forms.ModelChoiceField(
                    label=_("Enterprise"),
                    queryset=enterprises.order_by("name"),
                    help_text=_("You belong to several enterprises: the need is this one's."),
                ),
                **self.fields,
            }
        self.fields["tech_field"].queryset = Term.objects.of(vocab.TECH_FIELD)
        self.fields["industry"].queryset = Term.objects.of(vocab.INDUSTRY)
        self.fields["district"].queryset = Term.objects.of(vocab.DISTRICT)
        if self.instance.pk:
            self.fields["cooperation_modes"].initial = list(
                self.instance.cooperation_modes.values_list("pk", flat=True)
            )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the enterprise change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
