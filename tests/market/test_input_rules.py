"""Issue 11, finding 13: dates in sane ranges, region codes in ASCII digits, no invisible or
direction-reversing characters in titles, a credit-code error that gives nothing away, and
emails whose subjects read as plain text (the credit code: tests/accounts)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import OutcomePage
from market.contracts.services import contract_create
from market.needs import services
from tests.factories import make_need, make_outcome, need_data, term
from tests.market.test_contracts import seller, seller_org, service_data  # noqa: F401

ZERO_WIDTH_ONLY = "\u200b\u200c\u200d\ufeff"
RLO = "\u202e"


def create_need(organization, user, **overrides):
    return services.need_create(
        organization=organization,
        user=user,
        data=need_data(**overrides),
        cooperation_modes=[term("cooperation_mode", "transfer")],
    )


# --- dates ---------------------------------------------------------------------------------------


def test_a_deadline_in_the_year_9999_is_refused(firm_a, member_a):
    with pytest.raises(ValidationError) as caught:
        create_need(firm_a, member_a, deadline=datetime.date(9999, 12, 31))
    assert "五年" in caught.value.message_dict["deadline"][0]


def test_a_deadline_four_years_ahead_is_fine(firm_a, member_a):
    deadline = timezone.localdate() + datetime.timedelta(days=4 * 365)
    assert create_need(firm_a, member_a, deadline=deadline).deadline == deadline


@pytest.mark.parametrize(
    ("field", "day"),
    [
        ("signed_on", datetime.date(1, 1, 1)),
        ("term_start", datetime.date(1, 1, 1)),
        ("term_end", datetime.date(9999, 12, 31)),
    ],
)
def test_contract_dates_outside_sane_years_are_refused(seller_org, seller, field, day):  # noqa: F811
    data = {**service_data(), field: day}
    if field == "term_start":
        data["term_end"] = datetime.date(2, 1, 1)
    with pytest.raises(ValidationError) as caught:
        contract_create(user=seller, seller=seller_org, data=data)
    assert "1987-01-01" in caught.value.message_dict[field][0]


# --- region codes --------------------------------------------------------------------------------


def test_full_width_region_digits_are_stored_as_ascii(seller_org, seller):  # noqa: F811
    data = {**service_data(), "buyer_region": "４１０６１１"}
    contract = contract_create(user=seller, seller=seller_org, data=data)
    contract.refresh_from_db()
    assert contract.buyer_region == "410611"


def test_digits_of_another_script_are_refused(seller_org, seller):  # noqa: F811
    data = {**service_data(), "buyer_region": "٤١٠٦١١"}
    with pytest.raises(ValidationError) as caught:
        contract_create(user=seller, seller=seller_org, data=data)
    assert "buyer_region" in caught.value.message_dict


# --- invisible characters ------------------------------------------------------------------------


def test_a_need_titled_with_zero_width_characters_only_is_refused(firm_a, member_a):
    with pytest.raises(ValidationError) as caught:
        create_need(firm_a, member_a, title=ZERO_WIDTH_ONLY)
    assert "看得见" in caught.value.message_dict["title"][0]


def test_direction_overrides_are_stripped_from_a_need(firm_a, member_a):
    need = create_need(
        firm_a,
        member_a,
        title=f"镁合金{RLO}压铸\u2066件",
        description=f"说明{RLO}文字",
    )
    need.refresh_from_db()
    assert need.title == "镁合金压铸件"
    assert need.description == "说明文字"


def test_an_outcome_titled_with_zero_width_characters_only_is_refused(section_a):
    with pytest.raises(ValidationError):
        make_outcome(section_a, title=ZERO_WIDTH_ONLY, slug="zw")
    assert not OutcomePage.objects.filter(slug="zw").exists()


def test_an_outcome_title_loses_its_direction_override(section_a):
    outcome = make_outcome(section_a, title=f"{RLO}镁合金精深加工", slug="rlo")
    assert OutcomePage.objects.get(pk=outcome.pk).title == "镁合金精深加工"


def test_a_contract_name_of_invisible_characters_is_refused(seller_org, seller):  # noqa: F811
    data = {**service_data(), "name": ZERO_WIDTH_ONLY}
    with pytest.raises(ValidationError) as caught:
        contract_create(user=seller, seller=seller_org, data=data)
    assert "name" in caught.value.message_dict


# --- emails --------------------------------------------------------------------------------------


def test_an_email_subject_shows_quotes_as_quotes(
    firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    need = make_need(firm_a, member_a, title='“镁”合金 "AZ91D" & <压铸>')
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.need_submit(need=need, user=member_a)
    subjects = [message.subject for message in mail.outbox]
    assert subjects, "the brokers were not told"
    assert all('"AZ91D" & <压铸>' in subject for subject in subjects), subjects
    assert all("&quot;" not in subject and "&amp;" not in subject for subject in subjects)
    assert '"AZ91D" & <压铸>' in mail.outbox[0].body
