"""Reads of vouchers, claims and subsidies: what each person sees, the payment lists, the
dashboard's figures. Amounts are Decimal yuan; sums are taken in whole fen in the database
(SQLite keeps decimals as floating point; integer sums are exact)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext as _

from market.funding.models import Claim, FundingEvent, Provider, Scheme, Subsidy, Voucher
from market.funding.permissions import is_bureau, subsidies_q, vouchers_q

FEN = Decimal("0.01")


def _sum_fen(field: str, **extra) -> Sum:
    return Sum(Cast(Round(F(field) * 100), output_field=BigIntegerField()), **extra)


def _yuan(fen) -> Decimal:
    return (Decimal(fen or 0) / 100).quantize(FEN)


def vouchers_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return Voucher.objects.none()
    return (
        Voucher.objects.filter(vouchers_q(user))
        .select_related("scheme", "enterprise", "provider__organization")
        .order_by("-created_at", "-pk")
    )


def claims_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return Claim.objects.none()
    visible = vouchers_visible_to(user).values("pk")
    return (
        Claim.objects.filter(voucher__in=visible)
        .select_related(
            "voucher__scheme",
            "voucher__enterprise",
            "voucher__provider__organization",
            "contract",
        )
        .order_by("-created_at", "-pk")
    )


def subsidies_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return Subsidy.objects.none()
    return (
        Subsidy.objects.filter(subsidies_q(user))
        .select_related("scheme", "enterprise", "contract")
        .order_by("-created_at", "-pk")
    )


def listed_providers():
    return Provider.objects.filter(listed=True).select_related("organization")


def _payments_seen_by(user) -> None:
    if not is_bureau(user):
        raise PermissionDenied(_("Only the science bureau sees the payment lists."))


def voucher_payments(user):
    """Claims approved (to be paid) and paid: the finance office's list, the bureau's only."""
    _payments_seen_by(user)
    return (
        Claim.objects.filter(status__in=(Claim.Status.APPROVED, Claim.Status.PAID))
        .select_related("voucher__enterprise", "voucher__provider__organization", "contract")
        .order_by("status", "created_at", "pk")
    )


def subsidy_payments(user):
    """Subsidies approved (to be paid) and paid, the bureau's only."""
    _payments_seen_by(user)
    return (
        Subsidy.objects.filter(status__in=(Subsidy.Status.APPROVED, Subsidy.Status.PAID))
        .select_related("enterprise", "contract")
        .order_by("status", "created_at", "pk")
    )


def history_of(**subject):
    """A voucher's, claim's or subsidy's steps, oldest first, with their actors."""
    return FundingEvent.objects.filter(**subject).select_related("actor").order_by("at", "pk")


def year_summary(year: int) -> dict | None:
    """The year's vouchers (issued, redeemed, budget left) and subsidies (approved, paid), for
    the dashboard; None when the bureau has set no scheme for the year. Four queries."""
    scheme = Scheme.objects.filter(year=year).first()
    if scheme is None:
        return None
    issued = ~Q(status__in=(Voucher.Status.APPLIED, Voucher.Status.REJECTED))
    vouchers = Voucher.objects.filter(scheme=scheme).aggregate(
        applied=Count("pk", filter=Q(status=Voucher.Status.APPLIED)),
        issued=Count("pk", filter=issued),
        issued_fen=_sum_fen("face_value", filter=issued),
        redeemed=Count("pk", filter=Q(status=Voucher.Status.REDEEMED)),
        used_fen=_sum_fen("used"),
    )
    claims = Claim.objects.filter(voucher__scheme=scheme).aggregate(
        paid_fen=_sum_fen("amount", filter=Q(status=Claim.Status.PAID)),
        approved_fen=_sum_fen(
            "amount", filter=Q(status__in=(Claim.Status.APPROVED, Claim.Status.PAID))
        ),
    )
    subsidies = Subsidy.objects.filter(scheme=scheme).aggregate(
        submitted=Count("pk", filter=Q(status=Subsidy.Status.SUBMITTED)),
        approved=Count("pk", filter=Q(status__in=(Subsidy.Status.APPROVED, Subsidy.Status.PAID))),
        approved_fen=_sum_fen(
            "amount", filter=Q(status__in=(Subsidy.Status.APPROVED, Subsidy.Status.PAID))
        ),
        paid=Count("pk", filter=Q(status=Subsidy.Status.PAID)),
        paid_fen=_sum_fen("amount", filter=Q(status=Subsidy.Status.PAID)),
    )
    return {
        "scheme": scheme,
        "voucher_budget": scheme.voucher_budget,
        "voucher_left": scheme.voucher_left,
        "vouchers_applied": vouchers["applied"],
        "vouchers_issued": vouchers["issued"],
        "vouchers_issued_amount": _yuan(vouchers["issued_fen"]),
        "vouchers_redeemed": vouchers["redeemed"],
        "vouchers_used_amount": _yuan(vouchers["used_fen"]),
        "claims_approved_amount": _yuan(claims["approved_fen"]),
        "claims_paid_amount": _yuan(claims["paid_fen"]),
        "subsidy_budget": scheme.subsidy_budget,
        "subsidy_left": scheme.subsidy_left,
        "subsidies_submitted": subsidies["submitted"],
        "subsidies_approved": subsidies["approved"],
        "subsidies_approved_amount": _yuan(subsidies["approved_fen"]),
        "subsidies_paid": subsidies["paid"],
        "subsidies_paid_amount": _yuan(subsidies["paid_fen"]),
    }
