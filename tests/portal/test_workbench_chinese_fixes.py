"""The workbench (Wagtail's admin) in Chinese: the pages a new editor or administrator opens
first show none of the English that Wagtail's own zh-hans catalogue lacks (issue 14, item 2)."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.services import membership_grant
from cms.models import OutcomePage
from tests.cms.test_moderation import add_url, outcome_form
from tests.factories import OrganizationFactory, UserFactory, make_outcome

WORDS = re.compile(
    r"(?<![A-Za-z0-9])"  # not inside a code
    r"[A-Za-z][A-Za-z'’]+(?:[ ,.:*-]+[A-Za-z][A-Za-z'’]+)*[*]?"
    r"(?![A-Za-z0-9])"
)


class _Text(HTMLParser):
    """Visible text and the attributes people read (title, placeholder, aria-label), outside
    scripts, templates, icons and hidden elements."""

    SKIP = {"script", "style", "template", "svg"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._open: list[bool] = []  # for each open element: is the text inside it unseen?

    def _unseen(self) -> bool:
        return bool(self._open) and self._open[-1]

    def handle_starttag(self, tag, attrs):
        unseen = self._unseen() or tag in self.SKIP or any(n == "hidden" for n, _v in attrs)
        if not unseen:
            for name, value in attrs:
                if name in ("title", "placeholder", "aria-label", "alt") and value:
                    self.parts.append(value)
        if tag not in self.VOID:
            self._open.append(unseen)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if not self._unseen() and data.strip():
            self.parts.append(data.strip())


def english_phrases(html: str) -> set[str]:
    """Runs of English words (a code such as 91410600MA44 is no word)."""
    parser = _Text()
    parser.feed(html)
    found = set()
    for part in parser.parts:
        for run in WORDS.findall(part):
            found.add(run)
    return found


@pytest.fixture
def administrator(site):
    user = UserFactory(username="admin_cn")
    office = OrganizationFactory(kind="government", name="鹤壁市科学技术局", slug="bureau")
    membership_grant(user=user, organization=office, role=Role.ADMINISTRATOR)
    return user


# Names and codes that stay as they are; the administrator's own user name.
ALLOWED = {"JavaScript", "URL", "CSV", "XLSX", "admin", "cn"}


def chrome_english(html: str) -> set[str]:
    return english_phrases(html) - ALLOWED


def test_the_login_page_is_chinese(db, site):
    html = Client().get("/admin/login/").content.decode()
    assert "登录工作台" in html and "登录Wagtail" not in html
    assert "<title>登录 - 工作台</title>" in html
    assert ">密码<" in html.replace("\n", "").replace(" ", "")
    assert not chrome_english(html), chrome_english(html)


def test_the_dashboard_explorer_and_organizations_are_chinese(client, administrator, section_a):
    make_outcome(section_a, slug="mg")
    OrganizationFactory(name="鹤壁待核验企业", slug="pending", verified=False)
    client.force_login(administrator)
    pages = {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{section_a.pk}/",
        "organizations": reverse("organizations:index"),
        "locked pages": "/admin/reports/locked/",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert not chrome_english(html), (name, chrome_english(html))
        # the menu's "Pages" is 页面 (the sidebar's labels are JSON), not 分页 (pagination)
        assert '"label": "\\u9875\\u9762"' in html, name
        assert '"label": "\\u5206\\u9875"' not in html, name
    dashboard = client.get("/admin/").content.decode()
    assert "个页面" in dashboard
    organizations = client.get(reverse("organizations:index")).content.decode()
    assert "待核验" in organizations and "已核验" in organizations


def test_an_editor_sees_the_workflow_panel_and_errors_in_chinese(client, editor_a, section_a):
    client.force_login(editor_a)
    response = client.post(add_url(section_a), outcome_form("", "no-title", "action-submit"))
    text = response.content.decode()
    assert "The page could not be created due to validation errors" not in text
    assert "存在校验错误，页面未能创建。" in text

    client.post(add_url(section_a), outcome_form("镁合金半固态压铸", "semi-solid", "action-save"))
    outcome = OutcomePage.objects.get(slug="semi-solid")
    edit_url = reverse("wagtailadmin_pages:edit", args=[outcome.pk])
    text = client.post(edit_url, outcome_form("", "semi-solid", "action-save")).content.decode()
    assert "The page could not be saved due to validation errors" not in text
    assert "存在校验错误，页面未能保存。" in text

    client.post(edit_url, outcome_form("镁合金半固态压铸", "semi-solid", "action-submit"))
    html = client.get("/admin/").content.decode()
    assert "您在工作流中的页面和片段" in html
    assert "Your pages and snippets in a workflow" not in html


def test_every_filled_workbench_string_has_its_chinese():
    from django.utils import translation

    from portal.workbench_strings import WAGTAIL_FILLS

    with translation.override("en"):
        english = [str(item) for item in WAGTAIL_FILLS]
    with translation.override("zh-hans"):
        chinese = [str(item) for item in WAGTAIL_FILLS]
    # plural entries (ngettext_lazy without a number) read as empty here
    untranslated = [en for en, zh in zip(english, chinese, strict=True) if en and en == zh]
    assert len(english) > 150
    assert not untranslated, untranslated
