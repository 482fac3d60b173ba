"""Technology contracts (技术合同) and their registration (认定登记), and the year's targets.

Models of the app `market` (market/models.py registers them), next to needs (market/needs/).
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.credit_code import validate_credit_code
from accounts.text import tidy
from market.attachments import private_storage
from market.history import HistoryEntry

REGION_DIGITS = re.compile(r"[0-9]{6}")
# Technology contracts are registered under the 1987 law; no term runs past 2100.
EARLIEST_DATE = datetime.date(1987, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
REGION_CODE = RegexValidator(
    r"^\d{6}$", _("A region code has 6 digits (GB/T 2260), e.g. 410611."), code="region"
)


class ContractType(models.TextChoices):
    DEVELOPMENT = "development", _("Technology development")
    TRANSFER = "transfer", _("Technology transfer")
    LICENCE = "licence", _("Technology licence")
    CONSULTING = "consulting", _("Technology consulting")
    SERVICE = "service", _("Technology service")


class ContractSubtype(models.TextChoices):
    COMMISSIONED = "commissioned", _("Commissioned development")
    COOPERATIVE = "cooperative", _("Cooperative development")
    PATENT_RIGHT = "patent_right", _("Patent right transfer")
    PATENT_APPLICATION = "patent_application", _("Patent application right transfer")
    KNOW_HOW = "know_how", _("Technical secret transfer")
    OTHER_TRANSFER = "other_transfer", _("Other technology transfer")
    PATENT_LICENCE = "patent_licence", _("Patent licence")
    KNOW_HOW_LICENCE = "know_how_licence", _("Technical secret licence")
    CONSULTING = "consulting", _("Technology consulting")
    SERVICE = "service", _("Technology service")
    TRAINING = "training", _("Technical training")
    BROKERAGE = "brokerage", _("Technology brokerage")


SUBTYPES = {
    ContractType.DEVELOPMENT: (ContractSubtype.COMMISSIONED, ContractSubtype.COOPERATIVE),
    ContractType.TRANSFER: (
        ContractSubtype.PATENT_RIGHT,
        ContractSubtype.PATENT_APPLICATION,
        ContractSubtype.KNOW_HOW,
        ContractSubtype.OTHER_TRANSFER,
    ),
    ContractType.LICENCE: (ContractSubtype.PATENT_LICENCE, ContractSubtype.KNOW_HOW_LICENCE),
    ContractType.CONSULTING: (ContractSubtype.CONSULTING,),
    ContractType.SERVICE: (
        ContractSubtype.SERVICE,
        ContractSubtype.TRAINING,
        ContractSubtype.BROKERAGE,
    ),
}


class PartyNature(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    OTHER = "other", _("Other")


def money_field(label, **kwargs):
    """Yuan as Decimal, to the fen; never a float."""
    return models.DecimalField(
        label,
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        **kwargs,
    )


class Contract(models.Model):
    """A technology contract submitted by its seller side for registration."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        SECOND_REVIEW = "second_review", _("Awaiting second review")
        RETURNED = "returned", _("Returned for correction")
        REGISTERED = "registered", _("Registered")
        REJECTED = "rejected", _("Not registered")

    name = models.CharField(_("contract name"), max_length=200)
    contract_type = models.CharField(_("type"), max_length=16, choices=ContractType.choices)
    subtype = models.CharField(_("subtype"), max_length=24, choices=ContractSubtype.choices)

    seller_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("seller on the portal"),
        on_delete=models.PROTECT,
        related_name="contracts_sold",
        null=True,
        blank=True,
    )
    seller_name = models.CharField(_("seller"), max_length=120)
    seller_credit_code = models.CharField(
        _("seller's credit code"), max_length=18, validators=[validate_credit_code]
    )
    seller_region = models.CharField(
        _("seller's region code"), max_length=6, validators=[REGION_CODE]
    )
    seller_nature = models.CharField(
        _("seller's nature"), max_length=16, choices=PartyNature.choices
    )
    buyer_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("buyer on the portal"),
        on_delete=models.PROTECT,
        related_name="contracts_bought",
        null=True,
        blank=True,
    )
    buyer_name = models.CharField(_("buyer"), max_length=120)
    buyer_credit_code = models.CharField(
        _("buyer's credit code"), max_length=18, validators=[validate_credit_code]
    )
    buyer_region = models.CharField(
        _("buyer's region code"), max_length=6, validators=[REGION_CODE]
    )
    buyer_nature = models.CharField(_("buyer's nature"), max_length=16, choices=PartyNature.choices)

    signed_on = models.DateField(_("signing date"))
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"))
    contract_amount = money_field(_("contract amount (yuan)"))
    declared_transaction_amount = money_field(
        _("declared technology transaction amount (yuan)"),
        help_text=_(
            "The contract amount less non-technical costs such as equipment and materials."
        ),
    )
    transaction_amount = money_field(
        _("verified technology transaction amount (yuan)"), null=True, blank=True
    )
    document = models.FileField(
        _("signed contract (PDF)"), upload_to="contracts/%Y/", storage=private_storage, blank=True
    )
    need = models.ForeignKey(
        "market.Need",
        verbose_name=_("from the need"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
    )
    outcome = models.ForeignKey(
        "cms.OutcomePage",
        verbose_name=_("from the outcome"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
    )

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(_("reviewer's note"), blank=True)
    registration_point = models.CharField(_("registration point"), max_length=6, blank=True)
    registration_year = models.PositiveSmallIntegerField(
        _("registration year"), null=True, blank=True
    )
    registration_serial = models.PositiveIntegerField(_("serial"), null=True, blank=True)
    registration_number = models.CharField(
        _("registration number"), max_length=24, unique=True, null=True, blank=True
    )
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    first_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    second_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-registered_on", "-created_at"]
        verbose_name = _("technology contract")
        verbose_name_plural = _("technology contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(declared_transaction_amount__lte=F("contract_amount")),
                name="contract_declared_within_amount",
                violation_error_message=_(
                    "The technology transaction amount cannot exceed the contract amount."
                ),
            ),
            models.CheckConstraint(
                condition=Q(transaction_amount__isnull=True)
                | Q(transaction_amount__lte=F("contract_amount")),
                name="contract_verified_within_amount",
                violation_error_message=_(
                    "The technology transaction amount cannot exceed the contract amount."
                ),
            ),
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")),
                name="contract_term_ordered",
                violation_error_message=_("The term ends before it starts."),
            ),
            models.UniqueConstraint(
                fields=["registration_point", "registration_year", "registration_serial"],
                name="contract_serial_unique_per_point_and_year",
            ),
        ]
        indexes = [models.Index(fields=["status", "registered_on"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        tidy(self, lines=("name", "seller_name", "buyer_name"))
        errors = {}
        for name in ("seller_region", "buyer_region"):
            # Full-width digits (４１０６１１) are stored as ASCII; other scripts' digits refused.
            value = unicodedata.normalize("NFKC", getattr(self, name) or "").strip()
            setattr(self, name, value)
            if value and not REGION_DIGITS.fullmatch(value):
                errors[name] = REGION_CODE.message
        for name in ("signed_on", "term_start", "term_end"):
            day = getattr(self, name)
            if day and not EARLIEST_DATE <= day <= LATEST_DATE:
                errors[name] = _("Give a date from %(earliest)s to %(latest)s.") % {
                    "earliest": EARLIEST_DATE.isoformat(),
                    "latest": LATEST_DATE.isoformat(),
                }
        if errors:
            raise ValidationError(errors)


class RegistrationCounter(models.Model):
    """The last serial used at a registration point in a year: numbers are gap-free."""

    point = models.CharField(max_length=6)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["point", "year"], name="counter_unique_point_year")
        ]

    def __str__(self) -> str:
        return f"{self.point}/{self.year}: {self.last_serial}"


class ContractEvent(HistoryEntry):
    """The audit trail of a contract: who, when, what, old and new values."""

    subject_field = "contract"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=24)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("contract history entry")
        verbose_name_plural = _("contract history")

    def __str__(self) -> str:
        return f"{self.contract_id} {self.action}"


class YearTarget(models.Model):
    """The city's targets for a year (the 2020 plan: 5000万元 registered, 2 events a quarter)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount_target = money_field(
        _("registered contract amount target (yuan)"), default=Decimal("50000000.00")
    )
    events_per_quarter = models.PositiveSmallIntegerField(
        _("matchmaking events per quarter"), default=2
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("year's targets")
        verbose_name_plural = _("years' targets")

    def __str__(self) -> str:
        return str(self.year)
