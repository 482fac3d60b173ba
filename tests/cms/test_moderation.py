"""Each institution's editors and approvers act on their own section only; editors submit,
approvers publish, through the Wagtail admin as a person would."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import OutcomePage
from taxonomy import vocabularies as vocab
from tests.factories import make_outcome, term


def outcome_form(title: str, slug: str, action: str) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "镁合金半固态压铸成形，适用于汽车轮毂等结构件。",
            "tech_field": term(vocab.TECH_FIELD, "new-materials").pk,
            "maturity": term(vocab.MATURITY, "pilot").pk,
            "price_wan": "",
            "keywords": "镁合金, 压铸",
            "body": streamfield([("text", rich_text("<p>技术简介</p>"))]),
            "patents": inline_formset(
                [{"kind": "invention", "number": "ZL201710601862.3", "title": "一种镁合金"}]
            ),
            "comments": inline_formset([]),
            "contact_name": "王老师",
            "contact_phone": "0392-5550123",
            "contact_email": "",
        }
    )
    # Multiple choices go in as lists, which the test client posts as repeated values.
    data["transfer_modes"] = [term(vocab.TRANSFER_MODE, "licence").pk]
    data["industries"] = [term(vocab.INDUSTRY, "magnesium").pk]
    data[action] = "1"
    return data


def add_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=("cms", "outcomepage", section.pk))


def test_editor_submits_and_own_approver_publishes(client, section_a, editor_a, approver_a):
    client.force_login(editor_a)
    response = client.post(
        add_url(section_a), outcome_form("镁合金轮毂压铸", "mg-wheel", "action-submit")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = OutcomePage.objects.get(slug="mg-wheel")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert page.patents.get().number == "ZL201710601862.3"

    client.force_login(approver_a)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.revisions.count() >= 1
    assert client.get(page.url).status_code == 200


def test_editor_cannot_publish_directly(client, section_a, editor_a):
    client.force_login(editor_a)
    client.post(add_url(section_a), outcome_form("直接发布尝试", "direct", "action-publish"))
    page = OutcomePage.objects.filter(slug="direct").first()
    assert page is None or not page.live


def test_other_institutions_approver_cannot_approve(client, section_a, editor_a, approver_b):
    client.force_login(editor_a)
    client.post(add_url(section_a), outcome_form("光互连芯片封装", "pkg", "action-submit"))
    page = OutcomePage.objects.get(slug="pkg")
    task_state = page.current_workflow_state.current_task_state
    client.force_login(approver_b)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"


def test_editor_cannot_add_or_edit_in_another_section(client, section_a, section_b, editor_b):
    outcome = make_outcome(section_a, title="甲大学的成果", slug="a-outcome")
    client.force_login(editor_b)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(outcome.pk,)))
    assert edit.status_code in (302, 403)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(outcome.pk,)),
        outcome_form("被篡改的标题", "a-outcome", "action-submit"),
    )
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=outcome.pk).title == "甲大学的成果"
    client.post(add_url(section_a), outcome_form("越权新增", "intruder", "action-submit"))
    assert not OutcomePage.objects.filter(slug="intruder").exists()


def test_page_permissions_follow_the_section(section_a, section_b, editor_a, approver_a, editor_b):
    outcome = make_outcome(section_a, title="甲大学的成果", slug="a-outcome")
    from cms.permissions import can_edit_outcome, can_publish_outcome

    assert can_edit_outcome(editor_a, outcome)
    assert not can_publish_outcome(editor_a, outcome)
    assert can_publish_outcome(approver_a, outcome)
    assert not can_edit_outcome(editor_b, outcome)


def test_an_invalid_patent_number_is_refused_with_a_message(client, section_a, editor_a):
    client.force_login(editor_a)
    data = outcome_form("镁合金专利校验", "bad-patent", "action-submit")
    data["patents-0-number"] = "ZL201710601862.4"
    response = client.post(add_url(section_a), data)
    assert response.status_code == 200
    assert not OutcomePage.objects.filter(slug="bad-patent").exists()
    assert "校验位" in response.content.decode()


def test_a_new_institution_gets_its_section_and_workflow(site, django_capture_on_commit_callbacks):
    from cms.models import InstitutionPage
    from tests.factories import InstitutionFactory

    with django_capture_on_commit_callbacks(execute=True):
        university = InstitutionFactory(name="郑州大学", slug="zzu")
    section = InstitutionPage.objects.get(organization=university)
    assert section.live
    assert section.url == "/outcomes/zzu/"
    assert section.get_workflow().name == "郑州大学 成果审核"
