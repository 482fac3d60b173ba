"""A new enterprise is told where it stands (issue 14, item 5): what verification is before
it can submit a need, and how to ask for an introduction before it has a published need."""

import pytest
from django.urls import reverse

from accounts.models import Organization
from market.needs.models import Need
from tests.factories import make_need, make_outcome


@pytest.fixture
def unverified(member_a):
    Organization.objects.filter(pk=member_a.memberships.get().organization_id).update(
        verified=False
    )
    return member_a


def test_an_unverified_enterprise_is_not_offered_a_submit_that_fails(client, unverified):
    need = make_need(unverified.memberships.get().organization, unverified)
    client.force_login(unverified)
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert f'action="/needs/{need.pk}/submit/"' not in html
    assert 'id="verification-note"' in html
    assert "两个工作日" in html
    form = client.get(f"/needs/{need.pk}/edit/").content.decode()
    assert 'name="submit"' not in form and 'id="verification-note"' in form
    assert 'id="verification-note"' in client.get("/needs/mine/").content.decode()
    assert 'id="verification-note"' in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(f"/needs/{need.pk}/submit/", follow=True)
    need.refresh_from_db()
    assert need.status == Need.Status.DRAFT
    assert "贵企业正在等待管理员核验，核验通过后即可提交。" in response.content.decode()


def test_a_verified_enterprise_submits(client, member_a):
    need = make_need(member_a.memberships.get().organization, member_a)
    client.force_login(member_a)
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert f'action="/needs/{need.pk}/submit/"' in html
    assert 'id="verification-note"' not in html


def test_an_enterprise_without_a_published_need_learns_how_to_ask(client, section_a, member_a):
    outcome = make_outcome(section_a, slug="mg")
    client.force_login(member_a)
    html = client.get(outcome.url).content.decode()
    assert 'class="card interest-box"' in html
    assert 'href="/needs/new/"' in html
    assert 'class="interest-form"' not in html
    client.logout()
    assert 'class="card interest-box"' not in client.get(outcome.url).content.decode()
