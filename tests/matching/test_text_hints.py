"""While a need is typed: the field and industry its closest outcomes share, and a prompt for
more than a title."""

import pytest

URL = "/api/v1/text-hints/"


@pytest.fixture
def outcomes(matching_outcomes):
    return matching_outcomes


def test_a_need_text_gets_the_field_and_industry_of_its_closest_outcomes(
    client, outcomes, member_a
):
    client.force_login(member_a)
    text = "镁合金压铸件气孔率高，希望引进真空压铸或熔体净化技术，把气孔率降到2%以下。"
    hints = client.get(URL, {"text": text}).json()
    assert hints["tech_field"]["code"] == "new-materials"
    assert hints["tech_field"]["name"] == "新材料"
    assert hints["industry"]["name"] == "镁精深加工"
    assert hints["more_please"] is False


def test_a_bare_title_is_asked_for_more_and_nothing_in_common_suggests_nothing(
    client, outcomes, member_a
):
    client.force_login(member_a)
    assert client.get(URL, {"text": "镁合金压铸"}).json()["more_please"] is True
    nothing = client.get(URL, {"text": "古籍修复用纸的酸碱度检测"}).json()
    assert nothing["tech_field"] is None and nothing["industry"] is None


def test_hints_are_for_signed_in_users(client, outcomes):
    assert client.get(URL, {"text": "镁合金"}).status_code in (401, 403)


def test_the_need_form_asks_for_hints(client, member_a, site):
    client.force_login(member_a)
    html = client.get("/needs/new/").content.decode()
    assert 'data-text-hints="/api/v1/text-hints/"' in html
    assert 'id="text-hints"' in html


def test_keywords_are_the_closest_outcomes_keywords_the_text_uses_then_its_shared_words(
    client, outcomes, member_a
):
    client.force_login(member_a)
    text = "鎂合金压铸件气孔率高，希望引进真空压铸或熔体净化技术。"  # 鎂: traditional
    keywords = client.get(URL, {"text": text}).json()["keywords"]
    # the outcomes' own keywords first (压铸, two outcomes' keyword, leads), as the text writes
    # them; then specific words the text shares with them, up to five, all from the text
    assert keywords[0] == "压铸"
    assert set(keywords[:3]) == {"鎂合金", "压铸", "气孔"}
    assert len(keywords) == 5 and all(word in text for word in keywords)
    assert "希望" not in keywords and "技术" not in keywords
    nothing = client.get(URL, {"text": "古籍修复用纸的酸碱度检测"}).json()
    assert nothing["keywords"] == []


def test_the_outcome_editor_loads_the_hints(client, outcomes, section_a):
    from tests.factories import UserFactory

    admin = UserFactory(username="editor-root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(f"/admin/pages/{outcomes['mg'].pk}/edit/").content.decode()
    assert "matching/editor_hints" in html
    assert 'data-url="/api/v1/text-hints/"' in html
