"""One contact rule for needs and outcomes (issue 14, item 6): hidden from visitors who are not
signed in, shown after logging in, and the page says so."""

import io

from django.contrib.auth.models import AnonymousUser
from openpyxl import load_workbook

from market.needs import excel
from market.needs.models import Need
from tests.factories import make_need, make_outcome

PHONE = "13855501234"  # tests.factories.need_data's contact phone


def test_a_public_needs_contact_is_for_signed_in_members(
    client, firm_a, member_a, broker, member_b
):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert PHONE not in html and need.contact_email not in html
    assert "技术需求和科技成果的联系方式，登录后可见。" in html
    assert f'href="/accounts/login/?next=/needs/{need.pk}/"' in html

    client.force_login(member_b)
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert PHONE in html and need.contact_email in html


def test_an_outcomes_contact_follows_the_same_rule(client, section_a, member_b):
    outcome = make_outcome(section_a, slug="mg", contact_phone="0392-5550123")
    html = client.get(outcome.url).content.decode()
    assert "0392-5550123" not in html
    assert "登录" in html
    client.force_login(member_b)
    assert "0392-5550123" in client.get(outcome.url).content.decode()


def test_the_api_and_the_export_keep_the_rule(client, firm_a, member_a, broker, member_b):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    details = client.get(f"/api/v1/needs/{need.pk}/").json()["details"]
    assert details["description"] and details["contact"] is None

    workbook = load_workbook(
        io.BytesIO(excel.needs_export(Need.objects.filter(pk=need.pk), user=AnonymousUser()))
    )
    cells = [str(c.value) for c in next(workbook.active.iter_rows(min_row=2, max_row=2))]
    assert PHONE not in cells and "（登录后可见）" in cells

    client.force_login(member_b)
    contact = client.get(f"/api/v1/needs/{need.pk}/").json()["details"]["contact"]
    assert contact["phone"] == PHONE
