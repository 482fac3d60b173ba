"""Confidentiality holds everywhere: listing, facet counts, detail, search hits, highlights."""

import pytest
from django.urls import reverse

from tests.factories import make_need


@pytest.fixture
def needs(firm_a, member_a, broker, embedded_search, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        public = make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            title="镁渣综合利用",
            summary="寻求镁渣制备建材的技术。",
            description="年产镁渣约5万吨。",
        )
        members = make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            confidentiality="members",
            title="光模块测试效率提升",
            summary="寻求光模块自动化测试方案。",
            description="现有测试工位良率91%，客户为某通信设备商，保密配方代号QX-7。",
        )
        secret = make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            confidentiality="brokers",
            title="新型高压连接器温升控制",
            summary="高压连接器温升控制。",
            description="250A下温升55K，镀银层厚度3微米。",
            industry=None,
        )
    return {"public": public, "members": members, "secret": secret}


def listed(client, **params):
    return [n.title for n in client.get(reverse("market:need_list"), params).context["needs"]]


def search_titles(client, q):
    return [h.title for h in client.get(reverse("search"), {"q": q}).context["hits"]]


def test_anonymous_sees_public_and_members_summaries_only(client, needs):
    assert sorted(listed(client)) == sorted(["镁渣综合利用", "光模块测试效率提升"])
    detail = client.get(reverse("market:need_detail", args=[needs["members"].pk])).content.decode()
    assert "光模块自动化测试方案" in detail
    assert "QX-7" not in detail
    assert "13855501234" not in detail
    assert client.get(reverse("market:need_detail", args=[needs["secret"].pk])).status_code == 404


def test_brokers_only_need_is_not_counted_for_others(client, needs, member_b):
    for user in (None, member_b):
        if user:
            client.force_login(user)
        response = client.get(reverse("market:need_list"))
        assert response.context["result_count"] == 2
        counts = response.context["facet_counts"]
        assert sum(counts["field"].values()) == 2
        assert "新型高压连接器温升控制" not in response.content.decode()
        assert (
            client.get(reverse("market:need_detail", args=[needs["secret"].pk])).status_code == 404
        )


def test_search_respects_confidentiality(client, needs, member_b, broker, member_a):
    # Words only in a members-only description are not found by anonymous visitors...
    assert search_titles(client, "QX-7") == []
    # ...but the public summary is.
    assert search_titles(client, "光模块") == ["光模块测试效率提升"]
    assert search_titles(client, "连接器温升") == []
    facets = client.get(reverse("search"), {"q": "连接器"}).context["facets"]
    assert facets == []  # not even a count gives the brokers-only need away

    client.force_login(member_b)
    assert search_titles(client, "QX-7") == ["光模块测试效率提升"]
    assert search_titles(client, "连接器温升") == []
    assert client.get(reverse("search"), {"q": "镀银"}).context["results"].total == 0

    for user in (broker, member_a):
        client.force_login(user)
        assert search_titles(client, "连接器温升") == ["新型高压连接器温升控制"]


def test_a_signed_in_member_gets_one_hit_per_need(client, needs, member_b):
    client.force_login(member_b)
    hits = client.get(reverse("search"), {"q": "光模块"}).context["hits"]
    assert [h.url for h in hits] == [f"/needs/{needs['members'].pk}/"]


def test_members_see_the_details_of_members_needs(client, needs, member_b):
    client.force_login(member_b)
    detail = client.get(reverse("market:need_detail", args=[needs["members"].pk])).content.decode()
    assert "QX-7" in detail
    assert "13855501234" in detail


def test_broker_and_owner_see_the_brokers_only_need(client, needs, broker, member_a):
    for user in (broker, member_a):
        client.force_login(user)
        assert "新型高压连接器温升控制" in listed(client)
        page = client.get(reverse("market:need_detail", args=[needs["secret"].pk]))
        assert "镀银层厚度" in page.content.decode()


def test_the_workbench_hides_enterprises_drafts_from_brokers(client, firm_a, member_a, broker):
    """The workbench's need list and pages go through the site's visibility rule: a broker sees
    submitted needs there, never an enterprise's draft, its text or its contacts."""
    draft = make_need(
        firm_a,
        member_a,
        title="镁合金轮毂减重草稿",
        description="内部草稿：目标减重18%，供应商为某某铝业。",
        contact_phone="13912340000",
        contact_email="draft-owner@firm.example.com",
    )
    submitted = make_need(firm_a, member_a, status="submitted", title="光纤阵列耦合工艺")
    client.force_login(broker)

    listing = client.get("/admin/needs/", {"status": "draft"})
    assert listing.status_code == 200
    assert "镁合金轮毂减重草稿" not in listing.content.decode()
    everything = client.get("/admin/needs/").content.decode()
    assert "光纤阵列耦合工艺" in everything
    assert "镁合金轮毂减重草稿" not in everything

    for url in (
        f"/admin/needs/inspect/{draft.pk}/",
        f"/admin/needs/history/{draft.pk}/",
        f"/admin/needs/usage/{draft.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "13912340000" not in response.content.decode()
    page = client.get(f"/admin/needs/inspect/{submitted.pk}/")
    assert page.status_code == 200
    assert "光纤阵列耦合工艺" in page.content.decode()


@pytest.fixture
def unverified(db):
    """A fresh sign-up: its enterprise awaits an administrator's verification."""
    from accounts.services import enterprise_signup
    from tests.factories import credit_code, term

    return enterprise_signup(
        username="newcomer",
        email="newcomer@example.com",
        password="a-long-Passw0rd",
        organization_name="鹤壁新来科技有限公司",
        credit_code=credit_code(),
        district=term("district", "410611"),
    )


def test_members_only_means_members_of_verified_organizations(
    client,
    firm_a,
    member_a,
    member_b,
    broker,
    unverified,
    embedded_search,
    django_capture_on_commit_callbacks,
):
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from market.needs import services

    need = make_need(
        firm_a,
        member_a,
        confidentiality="members",
        title="光模块测试效率提升",
        summary="寻求光模块自动化测试方案。",
        description="现有测试工位良率91%，保密配方代号QX-7。",
    )
    attachment = services.attachment_add(
        need=need,
        user=member_a,
        uploaded=SimpleUploadedFile("测试规范.pdf", b"%PDF-1.7\n% QX-7\n"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.need_submit(need=need, user=member_a)
        services.need_publish(need=need, user=broker)
    detail = reverse("market:need_detail", args=[need.pk])
    download = reverse("market:attachment_download", args=[need.pk, attachment.pk])

    client.force_login(unverified)
    page = client.get(detail).content.decode()
    assert "光模块自动化测试方案" in page  # the public summary
    assert "QX-7" not in page and "13855501234" not in page
    assert "已核验单位" in page  # the note says who may see the rest
    assert client.get(download).status_code == 404
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("market:needs_export")).content)
    ).active
    exported = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
    assert "光模块测试效率提升" in exported
    assert "QX-7" not in exported and "13855501234" not in exported
    api = client.get(f"/api/v1/needs/{need.pk}/").json()
    assert api["details"] is None
    hits = client.get(reverse("search"), {"q": "QX-7 良率"}).context["hits"]
    assert all("QX-7" not in (h.summary or "") for h in hits)

    # A member of a verified enterprise, the need's own members and brokers see it all.
    for user in (member_b, member_a, broker):
        client.force_login(user)
        assert "13855501234" in client.get(detail).content.decode()
        assert client.get(download).status_code == 200
