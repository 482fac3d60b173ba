"""Forms for technology contracts: the seller's contract form and the registrar's review.

Money is entered as a number and a unit (元 or 万元) and kept in yuan as an exact Decimal,
to the fen.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.credit_code import normalize as normalize_credit_code
from accounts.credit_code import validate_credit_code
from accounts.models import Organization
from accounts.widgets import DateInput
from market.attachments import check_attachment
from market.contracts.models import SUBTYPES, Contract, ContractType, PartyNature
from market.contracts.permissions import seller_organizations_of
from market.contracts.services import CONTRACT_FIELDS, party_from_organization


def check_contract_pdf(uploaded) -> None:
    """Only a real PDF (by name and by content), within the attachment size limit."""
    name = uploaded.name or ""
    if not name.lower().endswith(".pdf"):
        raise ValidationError(
            _("“%(name)s” is not a PDF: attach the signed contract as a .pdf file."),
            code="type",
            params={"name": name},
        )
    check_attachment(uploaded)


# --- money ---------------------------------------------------------------------------------------

YUAN, WAN = "yuan", "wan"
UNIT_CHOICES = [(YUAN, _("yuan (元)")), (WAN, _("10,000 yuan (万元)"))]
FEN = Decimal("0.01")
MONEY_LIMIT = Decimal("100000000000000")  # 16 digits, 2 of them decimals


def parse_money(text, unit: str = YUAN) -> Decimal:
    """Yuan, exactly, from a number in yuan or 万元; ValidationError saying what is wrong."""
    cleaned = str(text).strip().replace(",", "").replace("，", "").replace(" ", "")
    cleaned = "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in cleaned)
    try:
        value = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(
            _("Enter the amount as a number, e.g. 120000 or 12.5."), code="invalid"
        )
    if value <= 0:
        raise ValidationError(_("An amount must be above zero."), code="min_value")
    yuan = value * 10000 if unit == WAN else value
    if yuan >= MONEY_LIMIT:
        raise ValidationError(_("This amount is too large."), code="max_value")
    if yuan != yuan.quantize(FEN):
        raise ValidationError(
            _(
                "Amounts are kept to the fen: at most 2 decimals in yuan "
                "(at most 6 decimals in 万元)."
            ),
            code="precision",
        )
    return yuan.quantize(FEN)


def yuan_text(value) -> str:
    """A yuan amount as typed back into the form: 123456.00 -> 123456, 12.50 -> 12.5."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class MoneyWidget(forms.MultiWidget):
    """A number and a unit select; posted as ``<name>`` and ``<name>_unit``."""

    def __init__(self, attrs=None):
        widgets = {
            "": forms.TextInput(attrs={"inputmode": "decimal", "class": "money-number"}),
            "unit": forms.Select(choices=UNIT_CHOICES, attrs={"class": "money-unit"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value in (None, ""):
            return [None, YUAN]
        return [yuan_text(value), YUAN]


class MoneyField(forms.MultiValueField):
    """An amount in 元 or 万元, cleaned to yuan as a Decimal with 2 decimals."""

    widget = MoneyWidget

    def __init__(self, **kwargs):
        fields = (
            forms.CharField(max_length=40),
            forms.ChoiceField(choices=UNIT_CHOICES, required=False),
        )
        kwargs.setdefault("error_messages", {"incomplete": _("Enter an amount.")})
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or data_list[0] in self.empty_values:
            return None
        return parse_money(data_list[0], data_list[1] if len(data_list) > 1 else YUAN)


# --- the seller's contract form ------------------------------------------------------------------

BUYER_FIELDS = ("buyer_name", "buyer_credit_code", "buyer_region", "buyer_nature")
DATE_WIDGET = DateInput()


def subtype_choices():
    return [
        ("", "---------"),
        *[
            (ContractType(kind).label, [(s.value, s.label) for s in subtypes])
            for kind, subtypes in SUBTYPES.items()
        ],
    ]


class ContractForm(forms.ModelForm):
    seller = forms.ModelChoiceField(
        label=_("Seller side"),
        queryset=Organization.objects.none(),
        empty_label=None,
        help_text=_("The organization that sells the technology and registers the contract."),
    )
    contract_amount = MoneyField(
        label=_("Contract amount"),
        help_text=_("The total amount of the contract, in 元 or 万元."),
    )
    declared_transaction_amount = MoneyField(
        label=_("Technology transaction amount"),
        help_text=_(
            "The contract amount less non-technical costs such as equipment and materials."
        ),
    )
    document = forms.FileField(
        label=_("Signed contract (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
        help_text=_("A scan of the signed contract as one PDF; needed to submit."),
    )

    class Meta:
        model = Contract
        fields = list(CONTRACT_FIELDS)
        labels = {
            "name": _("Contract name"),
            "contract_type": _("Contract type"),
            "subtype": _("Subtype"),
            "buyer_organization": _("Buyer on the portal"),
            "buyer_name": _("Buyer's name"),
            "buyer_credit_code": _("Buyer's unified social credit code"),
            "buyer_region": _("Buyer's region code"),
            "buyer_nature": _("Buyer's nature"),
            "signed_on": _("Signing date"),
            "term_start": _("Term from"),
            "term_end": _("Term until"),
            "need": _("From the need"),
            "outcome": _("From the outcome"),
        }
        help_texts = {
            "buyer_organization": _(
                "Choose the buyer if it is on the portal; otherwise type in its details below."
            ),
            "buyer_credit_code": _("18 characters, GB 32100-2015."),
            "buyer_region": _("6 digits (GB/T 2260), e.g. 410611."),
        }
        widgets = {
            "signed_on": DATE_WIDGET,
            "term_start": DATE_WIDGET,
            "term_end": DATE_WIDGET,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            del self.fields["seller"]
        else:
            self.fields["seller"].queryset = seller_organizations_of(user)
        self.fields["subtype"].choices = subtype_choices()
        buyer = self.fields["buyer_organization"]
        buyer.queryset = Organization.objects.order_by("name")
        buyer.empty_label = gettext("— Not on the portal: type in the buyer below —")
        for name in BUYER_FIELDS:
            self.fields[name].required = False
        self.fields["buyer_nature"].choices = [("", "---------"), *PartyNature.choices]
        self._limit_origins()

    def _limit_origins(self):
        from cms.selectors import outcomes_published
        from market.needs.selectors import needs_visible_to

        self.fields["need"].queryset = needs_visible_to(self.user).order_by("title")
        self.fields["outcome"].queryset = outcomes_published().order_by("title")

    # --- fields ---

    def clean_document(self):
        uploaded = self.cleaned_data.get("document")
        if isinstance(uploaded, UploadedFile):
            check_contract_pdf(uploaded)
        return uploaded

    def clean_signed_on(self):
        signed_on = self.cleaned_data.get("signed_on")
        if signed_on and signed_on > timezone.localdate():
            raise ValidationError(_("The signing date cannot be in the future."), code="future")
        return signed_on

    def clean_buyer_credit_code(self):
        return normalize_credit_code(self.cleaned_data.get("buyer_credit_code") or "")

    def clean(self):
        data = super().clean()
        kind, subtype = data.get("contract_type"), data.get("subtype")
        if kind and subtype and subtype not in SUBTYPES.get(kind, ()):
            self.add_error(
                "subtype", _("This subtype does not belong to the chosen contract type.")
            )
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term ends before it starts."))
        amount, declared = data.get("contract_amount"), data.get("declared_transaction_amount")
        if amount is not None and declared is not None and declared > amount:
            self.add_error(
                "declared_transaction_amount",
                _("The technology transaction amount cannot exceed the contract amount."),
            )
        self._clean_buyer(data)
        return data

    def _clean_buyer(self, data):
        organization = data.get("buyer_organization")
        if organization is not None:
            for name in BUYER_FIELDS:
                self.errors.pop(name, None)
            data.update(party_from_organization(organization, "buyer"))
            return
        if "buyer_organization" in self.errors:
            return
        missing = {
            "buyer_name": _("Enter the buyer's name, or choose the buyer on the portal."),
            "buyer_credit_code": _("Enter the buyer's unified social credit code."),
            "buyer_region": _("Enter the buyer's region code."),
            "buyer_nature": _("Choose the buyer's nature."),
        }
        for name, message in missing.items():
            if name not in self.errors and not data.get(name):
                self.add_error(name, message)
        code = data.get("buyer_credit_code")
        if code and "buyer_credit_code" not in self.errors:
            try:
                validate_credit_code(code)
            except ValidationError as error:
                self.add_error("buyer_credit_code", error)

    # --- for the services ---

    def service_data(self) -> dict:
        """The fields for contract_create/contract_update; a new PDF only when one is uploaded."""
        data = {name: self.cleaned_data.get(name) for name in CONTRACT_FIELDS}
        if not isinstance(data.get("document"), UploadedFile):
            data.pop("document")
        return data

    def new_document(self):
        document = self.cleaned_data.get("document")
        return document if isinstance(document, UploadedFile) else None


# --- the registrar's review ----------------------------------------------------------------------


class RegisterForm(forms.Form):
    transaction_amount = MoneyField(
        label=_("Verified technology transaction amount"),
        help_text=_("Prefilled with the declared amount; correct it if the contract says less."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give a reason.")},
    )
