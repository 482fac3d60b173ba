"""An enterprise posts a need through the pages; a broker reviews it; the history records all."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from market.needs.models import Need, NeedEvent
from taxonomy import vocabularies as vocab
from tests.factories import make_need, term


def form_data(**overrides) -> dict:
    data = {
        "title": "高压连接器温升控制",
        "summary": "寻求新能源汽车高压连接器温升控制方案。",
        "description": "现有连接器在250A下温升超过55K，目标低于40K。",
        "tech_field": term(vocab.TECH_FIELD, "advanced-manufacturing").pk,
        "industry": term(vocab.INDUSTRY, "auto-parts-electrics").pk,
        "district": term(vocab.DISTRICT, "410611").pk,
        "budget_min_wan": "30",
        "budget_max_wan": "100",
        "deadline": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "contact_name": "李经理",
        "contact_phone": "0392-3355501",
        "contact_email": "li@firm.example.com",
        "confidentiality": "public",
        "cooperation_modes": [term(vocab.COOPERATION_MODE, "joint-development").pk],
    }
    data.update(overrides)
    return data


def test_draft_to_published_through_review(
    client, member_a, broker, embedded_search, django_capture_on_commit_callbacks
):
    client.force_login(member_a)
    response = client.post(reverse("market:need_create"), form_data(save="1"))
    need = Need.objects.get(title="高压连接器温升控制")
    assert response.status_code == 302
    assert need.status == "draft"
    assert client.get(reverse("market:need_list")).context["result_count"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("market:need_submit", args=[need.pk]))
    need.refresh_from_db()
    assert need.status == "submitted"
    assert [m.to for m in mail.outbox] == [[broker.email]]

    client.force_login(broker)
    queue = client.get(reverse("market:review_queue"))
    assert [n.pk for n in queue.context["needs"]] == [need.pk]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("market:need_publish", args=[need.pk]))
    need.refresh_from_db()
    assert need.status == "published"
    assert need.reviewed_by == broker
    assert mail.outbox[-1].to == [member_a.email]

    client.logout()
    listing = client.get(reverse("market:need_list"))
    assert [n.pk for n in listing.context["needs"]] == [need.pk]
    hits = client.get(reverse("search"), {"q": "连接器温升"}).context["hits"]
    assert hits and hits[0].url == f"/needs/{need.pk}/"
    actions = list(need.events.values_list("action", flat=True))
    assert actions == ["created", "submitted", "published"]
    assert set(need.events.values_list("actor__username", flat=True)) == {"member_a", "broker"}


def test_return_with_reason_then_edit_and_resubmit(
    client, member_a, broker, django_capture_on_commit_callbacks
):
    need = make_need(member_a.memberships.get().organization, member_a, status="submitted")
    client.force_login(broker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("market:need_return", args=[need.pk]), {"reason": "请补充现有工艺参数"})
    need.refresh_from_db()
    assert need.status == "returned"
    assert need.return_reason == "请补充现有工艺参数"
    assert "请补充现有工艺参数" in mail.outbox[-1].body

    client.force_login(member_a)
    page = client.get(reverse("market:need_detail", args=[need.pk])).content.decode()
    assert "请补充现有工艺参数" in page
    client.post(
        reverse("market:need_edit", args=[need.pk]),
        form_data(title=need.title, description="补充：压铸温度680℃，模温220℃。", submit="1"),
    )
    need.refresh_from_db()
    assert need.status == "submitted"
    edit = need.events.get(action=NeedEvent.Action.UPDATED)
    assert edit.changes["description"][1] == "补充：压铸温度680℃，模温220℃。"


def test_returning_needs_a_reason(client, member_a, broker):
    need = make_need(member_a.memberships.get().organization, member_a, status="submitted")
    client.force_login(broker)
    client.post(reverse("market:need_return", args=[need.pk]), {"reason": ""})
    need.refresh_from_db()
    assert need.status == "submitted"


def test_only_brokers_publish(client, member_a, member_b):
    need = make_need(member_a.memberships.get().organization, member_a, status="submitted")
    for user in (member_a, member_b):
        client.force_login(user)
        response = client.post(reverse("market:need_publish", args=[need.pk]))
        assert response.status_code in (403, 404)
    need.refresh_from_db()
    assert need.status == "submitted"


def test_other_enterprise_never_sees_a_draft(client, member_a, member_b):
    need = make_need(member_a.memberships.get().organization, member_a)
    client.force_login(member_b)
    assert client.get(reverse("market:need_detail", args=[need.pk])).status_code == 404
    assert client.get(reverse("market:need_edit", args=[need.pk])).status_code == 404
    assert need.pk not in [n.pk for n in client.get(reverse("market:my_needs")).context["needs"]]


def test_withdraw_closes_and_removes_from_listing(client, member_a, broker):
    need = make_need(
        member_a.memberships.get().organization, member_a, status="published", broker=broker
    )
    client.force_login(member_a)
    client.post(reverse("market:need_withdraw", args=[need.pk]))
    need.refresh_from_db()
    assert (need.status, need.close_reason) == ("closed", "withdrawn")
    client.logout()
    assert client.get(reverse("market:need_list")).context["result_count"] == 0


def test_expired_needs_close_at_the_deadline(member_a, broker):
    from market.needs.services import needs_expire

    need = make_need(
        member_a.memberships.get().organization, member_a, status="published", broker=broker
    )
    assert needs_expire(today=need.deadline) == 0
    assert needs_expire(today=need.deadline + datetime.timedelta(days=1)) == 1
    need.refresh_from_db()
    assert (need.status, need.close_reason) == ("closed", "expired")
    assert need.events.last().actor is None


def test_unverified_enterprise_cannot_submit(client, member_a):
    organization = member_a.memberships.get().organization
    organization.verified = False
    organization.save()
    need = make_need(organization, member_a)
    client.force_login(member_a)
    response = client.post(reverse("market:need_submit", args=[need.pk]), follow=True)
    assert "等待管理员核验" in response.content.decode()
    need.refresh_from_db()
    assert need.status == "draft"


def test_budget_range_must_be_ordered(client, member_a):
    client.force_login(member_a)
    response = client.post(
        reverse("market:need_create"), form_data(budget_min_wan="100", budget_max_wan="30")
    )
    assert response.status_code == 200
    assert "预算上限低于下限" in response.content.decode()
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.exe", b"MZ\x90\x00", "不接受"),
        ("fake.pdf", b"not a pdf at all", "不像"),
    ],
)
def test_a_wrong_attachment_is_refused_and_nothing_saved(client, member_a, name, content, message):
    client.force_login(member_a)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("market:need_create"), {**form_data(), "attachments": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Need.objects.exists()


def test_an_oversized_attachment_is_refused(client, member_a, settings):
    settings.NEED_ATTACHMENT_MAX_BYTES = 100
    client.force_login(member_a)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7" + b"0" * 200)
    response = client.post(reverse("market:need_create"), {**form_data(), "attachments": upload})
    assert "最大" in response.content.decode()
    assert not Need.objects.exists()


def test_a_good_attachment_is_kept_and_served_to_those_allowed(client, member_a, member_b, broker):
    client.force_login(member_a)
    upload = SimpleUploadedFile(
        "工艺说明.pdf", b"%PDF-1.7\n% demo\n", content_type="application/pdf"
    )
    client.post(
        reverse("market:need_create"),
        {**form_data(confidentiality="brokers"), "attachments": upload},
    )
    need = Need.objects.get()
    attachment = need.attachments.get()
    url = reverse("market:attachment_download", args=[need.pk, attachment.pk])
    assert client.get(url).status_code == 200
    client.force_login(member_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_template_download_and_import_page(client, member_a):
    response = client.get(reverse("market:needs_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(member_a)
    bad = SimpleUploadedFile("needs.xlsx", b"not a workbook")
    page = client.post(reverse("market:needs_import"), {"file": bad})
    assert page.status_code == 200
    assert page.context["result"].errors
    assert not Need.objects.exists()


def test_export_follows_the_listing_filters_and_confidentiality(client, firm_a, member_a, broker):
    import io

    import openpyxl

    make_need(firm_a, member_a, status="published", broker=broker, title="镁渣综合利用")
    make_need(
        firm_a,
        member_a,
        status="published",
        broker=broker,
        confidentiality="brokers",
        title="连接器温升控制",
    )
    response = client.get(reverse("market:needs_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "镁渣综合利用" in text
    assert "连接器温升控制" not in text


def test_workbench_lists_needs_for_brokers_only(client, firm_a, member_a, broker):
    make_need(firm_a, member_a, status="submitted", title="镁渣综合利用")
    client.force_login(broker)
    listing = client.get(reverse("needs:index"))
    assert listing.status_code == 200
    assert "镁渣综合利用" in listing.content.decode()
    need = Need.objects.get()
    assert client.get(reverse("needs:inspect", args=[need.pk])).status_code == 200
    assert client.get(reverse("needs:edit", args=[need.pk])).status_code in (302, 403)
    client.force_login(member_a)
    assert client.get(reverse("needs:index")).status_code in (302, 403)
