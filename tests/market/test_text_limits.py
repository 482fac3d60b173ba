"""Issue 11, finding 3: every free text of needs and outcomes has a length limit, checked on
every entry point (service, page, API, workbench) with a clear Chinese message."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token

from market.needs import services
from market.needs.models import Need
from tests.factories import make_need, make_outcome, need_data, term
from tests.market.test_need_pages import form_data

LONG = "镁" * 10_001


def test_the_service_refuses_a_description_over_10000_characters(firm_a, member_a):
    with pytest.raises(ValidationError) as caught:
        services.need_create(
            organization=firm_a,
            user=member_a,
            data=need_data(description="镁" * 2_400_000),
            cooperation_modes=[term("cooperation_mode", "transfer")],
        )
    assert "最多 10000 个字符，当前为 2400000 个" in caught.value.message_dict["description"][0]
    assert not Need.objects.exists()


def test_a_description_of_exactly_10000_characters_is_accepted(firm_a, member_a):
    need = make_need(firm_a, member_a, description="镁" * 10_000)
    assert len(need.description) == 10_000


def test_editing_cannot_grow_a_description_past_the_limit(firm_a, member_a):
    need = make_need(firm_a, member_a)
    with pytest.raises(ValidationError):
        services.need_update(
            need=need,
            user=member_a,
            data=need_data(description=LONG),
            cooperation_modes=[term("cooperation_mode", "transfer")],
        )


def test_the_page_says_the_description_is_too_long(client, member_a):
    client.force_login(member_a)
    response = client.post(reverse("market:need_create"), form_data(description=LONG))
    assert response.status_code == 200
    assert "最多 10000 个字符，当前为 10001 个" in response.content.decode()
    assert not Need.objects.exists()


def test_the_api_answers_400_with_the_limit(client, member_a):
    token, _created = Token.objects.get_or_create(user=member_a)
    response = client.post(
        "/api/v1/needs/",
        {
            **{k: v for k, v in form_data().items() if k not in ("tech_field", "district")},
            "tech_field": "advanced-manufacturing",
            "district": "410611",
            "industry": "auto-parts-electrics",
            "cooperation_modes": ["joint-development"],
            "description": LONG,
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 400
    assert "最多 10000 个字符" in response.json()["description"][0]


def test_a_return_reason_is_limited_too(firm_a, member_a, broker):
    need = make_need(firm_a, member_a, status="submitted")
    with pytest.raises(ValidationError) as caught:
        services.need_return(need=need, user=broker, reason="请" * 2_001)
    assert "最多 2000 个字符" in caught.value.message_dict["reason"][0]


def test_an_outcome_summary_over_1000_characters_is_refused(section_a):
    with pytest.raises(ValidationError) as caught:
        make_outcome(section_a, summary="镁" * 1_001)
    assert "最多 1000 个字符" in caught.value.message_dict["summary"][0]


def test_a_solved_note_is_limited_too(firm_a, member_a, broker):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    with pytest.raises(ValidationError) as caught:
        services.need_mark_solved(need=need, user=member_a, note="好" * 2_001)
    assert "最多 2000 个字符" in caught.value.message_dict["note"][0]


def test_an_outcome_text_block_over_10000_characters_is_refused():
    from wagtail.blocks import StreamBlockValidationError

    from cms.blocks import OutcomeBodyBlock

    body = OutcomeBodyBlock()
    value = body.to_python([{"type": "text", "value": f"<p>{LONG}</p>"}])
    with pytest.raises(StreamBlockValidationError) as caught:
        body.clean(value)
    assert "10000" in str(caught.value.as_json_data())
