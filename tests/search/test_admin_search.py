"""The workbench's page search finds Chinese pages (Wagtail's backend, taught our analyzer)."""

import pytest
from django.urls import reverse

from tests.factories import make_outcome


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("镁合金", "镁合金精深加工技术"),
        ("光互连", "硅基光互连芯片"),
        ("智能灌溉", "智能灌溉水肥一体化系统"),
    ],
)
def test_workbench_page_search_finds_chinese_pages(client, section_a, approver_a, query, expected):
    make_outcome(section_a, title="镁合金精深加工技术", slug="mg")
    make_outcome(section_a, title="硅基光互连芯片", slug="chip", keywords=("光互连",))
    make_outcome(section_a, title="智能灌溉水肥一体化系统", slug="irrigation")
    client.force_login(approver_a)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    titles = [page.title for page in response.context["pages"]]
    assert titles and titles[0] == expected, titles
