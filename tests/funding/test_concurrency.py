"""Concurrent approvals never commit more than the budget: reviewers approving at the same
moment, each in their own transaction on PostgreSQL, queue on the scheme's row lock."""

import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.roles import Role
from market.funding import services as svc
from market.funding.models import Scheme, Voucher
from tests.factories import OrganizationFactory
from tests.funding.conftest import member

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="row locks need PostgreSQL",
)


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_exceed_the_budget(scheme, provider, bureau, bureau_2):
    Scheme.objects.filter(pk=scheme.pk).update(voucher_budget=Decimal("100000.00"))
    applications = []
    for n in range(8):
        firm = OrganizationFactory(name=f"并发企业{n}", slug=f"concurrent-{n}")
        user = member(firm, Role.ENTERPRISE_MEMBER, f"concurrent{n}")
        applications.append(
            svc.voucher_apply(
                user=user,
                enterprise=firm,
                provider=provider,
                category="testing",
                purpose="检测",
                estimate="60000.00",
            )
        )
    barrier = threading.Barrier(len(applications))
    results = []

    def approve(voucher, reviewer):
        try:
            barrier.wait(10)
            svc.voucher_approve(voucher=voucher, user=reviewer, face_value="30000.00")
            results.append("issued")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(voucher, (bureau, bureau_2)[i % 2]))
        for i, voucher in enumerate(applications)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    scheme.refresh_from_db()
    issued = Voucher.objects.filter(status=Voucher.Status.ISSUED)
    assert results.count("issued") == 3 and results.count("refused") == 5
    assert issued.count() == 3
    assert scheme.voucher_committed == Decimal("90000.00") <= scheme.voucher_budget
    assert sorted(issued.values_list("number", flat=True)) == [
        f"CXQ{scheme.year}{n:05d}" for n in (1, 2, 3)
    ]
