"""Forms for signing up and signing in."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import UsernameField
from django.utils.translation import gettext_lazy as _

from accounts.credit_code import normalize, validate_credit_code
from accounts.models import Organization, User
from taxonomy import vocabularies as vocab
from taxonomy.models import Term


class EnterpriseSignupForm(forms.Form):
    organization_name = forms.CharField(label=_("Enterprise name"), max_length=120)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=24,
        help_text=_("18 characters, as on the business licence."),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=Term.objects.of(vocab.DISTRICT), empty_label=None
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Term.objects.of(vocab.INDUSTRY),
        required=False,
        empty_label=_("(other)"),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=60)
    phone = forms.CharField(label=_("Phone"), max_length=32)
    username = UsernameField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_organization_name(self) -> str:
        name = self.cleaned_data["organization_name"].strip()
        if Organization.objects.filter(name=name).exists():
            raise forms.ValidationError(
                _("This enterprise is already registered; ask its members to invite you.")
            )
        return name

    def clean_credit_code(self) -> str:
        code = normalize(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        if Organization.objects.filter(credit_code=code).exists():
            raise forms.ValidationError(
                _("An organization with this credit code is already registered.")
            )
        return code

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
