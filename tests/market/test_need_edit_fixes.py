"""Editing a need keeps what it had: the deadline is offered back in the date input's own format
(issue 14, item 1)."""

import re

from django.urls import reverse

from tests.factories import make_need


def _deadline_value(html: str) -> str:
    tag = re.search(r'<input[^>]*name="deadline"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def test_edit_form_offers_the_deadline_as_iso_date(client, member_a):
    need = make_need(member_a.memberships.get().organization, member_a)
    client.force_login(member_a)
    html = client.get(reverse("market:need_edit", args=[need.pk])).content.decode()
    assert 'type="date"' in html
    assert _deadline_value(html) == need.deadline.isoformat()


def test_saving_a_returned_need_unchanged_keeps_its_deadline(client, member_a, broker):
    need = make_need(
        member_a.memberships.get().organization, member_a, status="returned", broker=broker
    )
    deadline = need.deadline
    client.force_login(member_a)
    page = client.get(reverse("market:need_edit", args=[need.pk]))
    form = page.context["form"]
    data = {}
    for name in form.fields:
        if name == "attachments":
            continue
        value = form[name].value()
        if name == "deadline":
            # A browser's date input keeps only a yyyy-mm-dd value and blanks anything else.
            value = _deadline_value(page.content.decode())
            value = value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else ""
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data["save"] = "1"
    response = client.post(reverse("market:need_edit", args=[need.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    need.refresh_from_db()
    assert need.deadline == deadline
