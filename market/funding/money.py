"""The arithmetic of vouchers and subsidies: plain Decimal functions, no database.

Every amount is yuan to the fen. A share of a fee is rounded down to the fen, so the bureau
never pays a fen more than the rule allows.
"""

from decimal import ROUND_DOWN, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def fen(value: Decimal) -> Decimal:
    """Down to the fen (never up)."""
    return Decimal(value).quantize(FEN, rounding=ROUND_DOWN)


def voucher_payable(*, share: Decimal, fee: Decimal, cap: Decimal, left: Decimal) -> Decimal:
    """What a voucher pays towards a fee: min(share × fee, the cap per claim, what the voucher
    has left), never below zero."""
    return max(min(fen(share * fee), fen(cap), fen(left)), ZERO)


def subsidy_proposed(
    *, rate: Decimal, basis: Decimal, cap_per_contract: Decimal, enterprise_left: Decimal
) -> Decimal:
    """A purchase subsidy by the year's rule: min(rate × basis, the cap per contract, what the
    enterprise's yearly cap has left), never below zero."""
    return max(min(fen(rate * basis), fen(cap_per_contract), fen(enterprise_left)), ZERO)


def voucher_suggested(*, share: Decimal, estimate: Decimal, enterprise_left: Decimal) -> Decimal:
    """The face value a voucher application suggests: the share of the estimated fee, within
    what the enterprise's yearly cap has left."""
    return max(min(fen(share * estimate), fen(enterprise_left)), ZERO)
