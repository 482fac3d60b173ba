"""Innovation vouchers (科技创新券) and purchase subsidies (技术交易奖补): the science bureau's
money, paid against contracts the registration office has registered.

A yearly ``Scheme`` holds both budgets and their rules. A ``Voucher`` is applied for by an
enterprise and given a face value by the bureau (committed against the voucher budget); a
listed ``Provider`` claims against it with a registered service contract (``Claim``). A
``Subsidy`` is applied for by an enterprise that bought a technology (a registered transfer or
licence contract). Every step is a ``FundingEvent``. Amounts are yuan, Decimal to the fen.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from market.history import HistoryEntry

ZERO = Decimal("0.00")


def money(label, *, positive: bool = True, **kwargs) -> models.DecimalField:
    """Yuan as Decimal, to the fen; never a float."""
    minimum = Decimal("0.01") if positive else ZERO
    return models.DecimalField(
        label,
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(minimum)],
        **kwargs,
    )


def share(label, **kwargs) -> models.DecimalField:
    """A fraction such as 0.50 (50%), at most 1."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
        **kwargs,
    )


class ServiceCategory(models.TextChoices):
    """What a voucher may pay for (the services the published rules cover)."""

    TESTING = "testing", _("Inspection and testing")
    DESIGN = "design", _("Research and design")
    DEVELOPMENT = "development", _("Technology development")
    CONSULTING = "consulting", _("Technology consulting")
    SERVICE = "service", _("Technology service")
    PILOT = "pilot", _("Pilot-scale testing")
    IP = "ip", _("Intellectual property services")
    INSTRUMENTS = "instruments", _("Shared large instruments")


class Scheme(models.Model):
    """One year's vouchers and subsidies, as the science bureau sets them."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    opens_on = models.DateField(_("applications open"))
    closes_on = models.DateField(_("applications close"))
    categories = models.JSONField(
        _("services covered"),
        default=list,
        help_text=_("Codes of the services vouchers pay for."),
    )
    only_listed_enterprises = models.BooleanField(
        _("only listed enterprises qualify"),
        default=False,
        help_text=_(
            "Off: every verified enterprise may apply. On: only the enterprises listed here "
            "(for example registered technology-based SMEs)."
        ),
    )
    qualified_enterprises = models.ManyToManyField(
        "accounts.Organization",
        verbose_name=_("qualified enterprises"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "enterprise"},
    )

    voucher_budget = money(_("voucher budget (yuan)"))
    voucher_committed = money(
        _("voucher budget committed (yuan)"), positive=False, default=ZERO, editable=False
    )
    voucher_share = share(_("share of a fee a voucher pays"), default=Decimal("0.5"))
    enterprise_cap = money(_("cap per enterprise a year (yuan)"), default=Decimal("200000.00"))
    claim_cap = money(_("cap per claim (yuan)"), default=Decimal("100000.00"))
    validity_days = models.PositiveSmallIntegerField(
        _("voucher validity (days)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )

    subsidy_budget = money(_("subsidy budget (yuan)"))
    subsidy_committed = money(
        _("subsidy budget committed (yuan)"), positive=False, default=ZERO, editable=False
    )
    subsidy_rate = share(_("subsidy share of the transaction amount"), default=Decimal("0.1"))
    subsidy_cap_per_contract = money(
        _("subsidy cap per contract (yuan)"), default=Decimal("200000.00")
    )
    subsidy_cap_per_enterprise = money(
        _("subsidy cap per enterprise a year (yuan)"), default=Decimal("1000000.00")
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("funding scheme")
        verbose_name_plural = _("funding schemes")
        constraints = [
            models.CheckConstraint(
                condition=Q(voucher_committed__lte=F("voucher_budget"))
                & Q(voucher_committed__gte=0),
                name="scheme_vouchers_within_budget",
                violation_error_message=_("The vouchers cannot commit more than the budget."),
            ),
            models.CheckConstraint(
                condition=Q(subsidy_committed__lte=F("subsidy_budget"))
                & Q(subsidy_committed__gte=0),
                name="scheme_subsidies_within_budget",
                violation_error_message=_("The subsidies cannot commit more than the budget."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="scheme_window_ordered",
                violation_error_message=_("Applications close before they open."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = [c for c in self.categories or [] if c not in ServiceCategory.values]
        if unknown:
            raise ValidationError({"categories": _("Unknown service: %s") % ", ".join(unknown)})
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Applications close before they open.")})

    @property
    def voucher_left(self) -> Decimal:
        return self.voucher_budget - self.voucher_committed

    @property
    def subsidy_left(self) -> Decimal:
        return self.subsidy_budget - self.subsidy_committed


class Provider(models.Model):
    """An institution or service organization the bureau lists as a voucher provider."""

    organization = models.OneToOneField(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="voucher_provider",
    )
    categories = models.JSONField(_("services offered"), default=list)
    listed = models.BooleanField(_("listed"), default=True)
    listed_on = models.DateField(_("listed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("voucher provider")
        verbose_name_plural = _("voucher providers")

    def __str__(self) -> str:
        return self.organization.name

    def clean(self) -> None:
        unknown = [c for c in self.categories or [] if c not in ServiceCategory.values]
        if unknown:
            raise ValidationError({"categories": _("Unknown service: %s") % ", ".join(unknown)})

    def category_labels(self) -> list[str]:
        labels = dict(ServiceCategory.choices)
        return [str(labels.get(code, code)) for code in self.categories or []]


class Voucher(models.Model):
    """科技创新券: applied for by an enterprise, issued by the bureau with a face value."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Awaiting review")
        REJECTED = "rejected", _("Not approved")
        ISSUED = "issued", _("Issued")
        IN_USE = "in_use", _("In use")
        REDEEMED = "redeemed", _("Redeemed")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="vouchers"
    )
    enterprise = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="vouchers"
    )
    category = models.CharField(_("service"), max_length=16, choices=ServiceCategory.choices)
    purpose = models.TextField(_("what the enterprise needs"), max_length=2000)
    estimate = money(_("estimated fee (yuan)"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED
    )
    number = models.CharField(_("voucher number"), max_length=24, unique=True, null=True)
    face_value = money(_("face value (yuan)"), null=True, blank=True)
    used = money(_("used (yuan)"), positive=False, default=ZERO)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    returned = money(_("returned to the budget (yuan)"), positive=False, default=ZERO)
    decision_note = models.TextField(_("bureau's note"), blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("innovation voucher")
        verbose_name_plural = _("innovation vouchers")
        constraints = [
            models.CheckConstraint(
                condition=Q(face_value__isnull=True) | Q(used__lte=F("face_value")),
                name="voucher_used_within_face_value",
                violation_error_message=_("A voucher cannot pay more than its face value."),
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return self.number or _("Voucher application %(pk)s") % {"pk": self.pk}

    @property
    def left(self) -> Decimal:
        """What the voucher may still pay."""
        if self.face_value is None or self.status not in (self.Status.ISSUED, self.Status.IN_USE):
            return ZERO
        return self.face_value - self.used


# A voucher that may still pay: issued, or in use.
VOUCHER_OPEN = (Voucher.Status.ISSUED, Voucher.Status.IN_USE)


class Claim(models.Model):
    """兑付: the provider claims the voucher's share of a fee, with the registered contract."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        APPROVED = "approved", _("Approved, to be paid")
        REJECTED = "rejected", _("Not approved")
        PAID = "paid", _("Paid")

    voucher = models.ForeignKey(
        Voucher, verbose_name=_("voucher"), on_delete=models.PROTECT, related_name="claims"
    )
    contract = models.ForeignKey(
        "market.Contract",
        verbose_name=_("registered contract"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invoice_number = models.CharField(_("invoice number"), max_length=40)
    fee = money(_("invoiced fee (yuan)"))
    proposed = money(_("payable by the rules (yuan)"), positive=False)
    amount = money(_("approved amount (yuan)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision_note = models.TextField(_("bureau's note"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("claimed at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("voucher claim")
        verbose_name_plural = _("voucher claims")
        constraints = [
            # one live claim per contract: a rejected one may be claimed again, correctly
            models.UniqueConstraint(
                fields=["contract"],
                condition=~Q(status="rejected"),
                name="claim_one_per_contract",
                violation_error_message=_("This contract has already been claimed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} · {self.invoice_number}"


class Subsidy(models.Model):
    """技术交易奖补: an enterprise that bought a technology asks for a share of it back."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        APPROVED = "approved", _("Approved, to be paid")
        REJECTED = "rejected", _("Not approved")
        PAID = "paid", _("Paid")

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="subsidies"
    )
    enterprise = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="subsidies",
    )
    contract = models.OneToOneField(
        "market.Contract",
        verbose_name=_("registered contract"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_to_seller = money(_("amount paid to the seller (yuan)"))
    basis = money(_("basis (yuan)"))
    proposed = money(_("proposed by the rules (yuan)"), positive=False)
    amount = money(_("approved amount (yuan)"), null=True, blank=True)
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision_note = models.TextField(_("bureau's note"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("purchase subsidy")
        verbose_name_plural = _("purchase subsidies")

    def __str__(self) -> str:
        return str(self.contract)


class FundingEvent(HistoryEntry):
    """Every step on a voucher, claim or subsidy: who, when, what, the values."""

    voucher = models.ForeignKey(
        Voucher, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    subsidy = models.ForeignKey(
        Subsidy, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    action = models.CharField(_("action"), max_length=24)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("funding history entry")
        verbose_name_plural = _("funding history")

    def __str__(self) -> str:
        return self.action

    @classmethod
    def subject_field_of(cls, subject) -> str:
        """An entry follows a voucher, a claim or a subsidy: the field named after its model."""
        return subject._meta.model_name

    @classmethod
    def record(cls, subject, actor, action: str, *, changes=None, **fields):
        """HistoryEntry.record, with the changed values kept as text (amounts, dates)."""
        changes = {key: str(value) for key, value in (changes or {}).items()}
        return super().record(subject, actor, action, changes=changes, **fields)
