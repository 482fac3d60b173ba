"""The payable amount is min(share × fee, cap, voucher left), to the fen and never a fen more
than any of the three; the subsidy's proposal likewise. Checked at the edges with hypothesis."""

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from market.funding.money import FEN, subsidy_proposed, voucher_payable, voucher_suggested

fen_amounts = st.decimals(
    min_value=Decimal("0.00"), max_value=Decimal("99999999999999.99"), places=2
)
positive = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999999999.99"), places=2)
shares = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("1"), places=4)


@given(share=shares, fee=positive, cap=positive, left=fen_amounts)
@example(share=Decimal("0.5"), fee=Decimal("0.01"), cap=Decimal("1"), left=Decimal("1"))
@example(share=Decimal("0.3333"), fee=Decimal("100.00"), cap=Decimal("33.33"), left=Decimal("1e6"))
@example(share=Decimal("1"), fee=Decimal("500.00"), cap=Decimal("500.00"), left=Decimal("500.00"))
@example(share=Decimal("0.5"), fee=Decimal("60000.00"), cap=Decimal("1e5"), left=Decimal("0.00"))
def test_voucher_payable_is_the_least_of_the_three_to_the_fen(share, fee, cap, left):
    payable = voucher_payable(share=share, fee=fee, cap=cap, left=left)
    assert payable == payable.quantize(FEN)
    assert Decimal("0") <= payable <= cap
    assert payable <= left
    assert payable <= share * fee
    # never a fen short either: it is one of the three limits (the share rounded down)
    assert payable in {(share * fee).quantize(FEN, rounding="ROUND_DOWN"), cap, left}


def test_the_edges_by_hand():
    half = Decimal("0.5")
    assert (
        voucher_payable(share=half, fee=Decimal("0.01"), cap=Decimal("9"), left=Decimal("9")) == 0
    )
    assert voucher_payable(
        share=half, fee=Decimal("0.03"), cap=Decimal("9"), left=Decimal("9")
    ) == Decimal("0.01")
    assert voucher_payable(
        share=half, fee=Decimal("200000.01"), cap=Decimal("100000.00"), left=Decimal("1e6")
    ) == Decimal("100000.00")
    assert voucher_payable(
        share=half, fee=Decimal("200000.00"), cap=Decimal("100000.00"), left=Decimal("99999.99")
    ) == Decimal("99999.99")


@given(rate=shares, basis=positive, cap=positive, left=fen_amounts)
def test_subsidy_proposal_stays_within_the_rule(rate, basis, cap, left):
    proposed = subsidy_proposed(rate=rate, basis=basis, cap_per_contract=cap, enterprise_left=left)
    assert proposed == proposed.quantize(FEN)
    assert Decimal("0") <= proposed <= min(rate * basis, cap, left)


@given(
    share=shares, estimate=positive, left=st.decimals(min_value=-1000, max_value=10**7, places=2)
)
def test_the_suggested_face_value_is_never_negative(share, estimate, left):
    suggested = voucher_suggested(share=share, estimate=estimate, enterprise_left=left)
    assert Decimal("0") <= suggested <= max(left, Decimal("0"))
