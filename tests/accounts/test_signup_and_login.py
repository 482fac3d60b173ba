"""Enterprises sign up and wait for verification; members log in and out and reset passwords."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Membership, Organization, User
from accounts.roles import Role
from taxonomy import vocabularies as vocab
from tests.factories import PASSWORD, term


@pytest.fixture
def signup_data(db):
    return {
        "organization_name": "鹤壁垂天科技有限公司",
        "credit_code": "91350100M000100Y43",
        "district": term(vocab.DISTRICT, "410611").pk,
        "industry": term(vocab.INDUSTRY, "optoelectronics").pk,
        "contact_name": "赵经理",
        "phone": "13855501234",
        "username": "chuitian",
        "email": "contact@chuitian.example.com",
        "password1": "Hebi-market-2020",
        "password2": "Hebi-market-2020",
    }


def test_enterprise_signs_up_and_awaits_verification(client, signup_data):
    response = client.post(reverse("accounts:signup"), signup_data, follow=True)
    assert response.status_code == 200
    organization = Organization.objects.get(name="鹤壁垂天科技有限公司")
    assert organization.kind == "enterprise"
    assert organization.verified is False
    assert organization.district.name_zh == "淇滨区"
    user = User.objects.get(username="chuitian")
    assert Membership.objects.filter(
        user=user, organization=organization, role=Role.ENTERPRISE_MEMBER
    ).exists()
    html = response.content.decode()
    assert "待核验" in html
    assert "鹤壁垂天科技有限公司" in html


def test_signup_with_an_invalid_credit_code_saves_nothing(client, signup_data):
    signup_data["credit_code"] = "91350100M000100Y44"
    response = client.post(reverse("accounts:signup"), signup_data)
    assert response.status_code == 200
    assert "校验" in response.content.decode()
    assert not User.objects.filter(username="chuitian").exists()
    assert not Organization.objects.filter(name="鹤壁垂天科技有限公司").exists()


def test_signup_with_mismatched_passwords_is_refused(client, signup_data):
    signup_data["password2"] = "something-else-1"
    response = client.post(reverse("accounts:signup"), signup_data)
    assert response.status_code == 200
    assert "两次输入的密码不一致" in response.content.decode()
    assert not User.objects.exists()


def test_the_same_credit_code_cannot_register_twice(client, signup_data):
    client.post(reverse("accounts:signup"), signup_data)
    client.logout()
    again = dict(signup_data, organization_name="另一家公司", username="other")
    response = client.post(reverse("accounts:signup"), again)
    assert "已注册" in response.content.decode()
    assert User.objects.count() == 1


def test_login_and_logout(client, enterprise_user):
    response = client.post(
        reverse("accounts:login"), {"username": "firm_user", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_wrong_password_shows_a_message(client, enterprise_user):
    response = client.post(
        reverse("accounts:login"), {"username": "firm_user", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_password_reset_by_email(client, enterprise_user):
    client.post(reverse("accounts:password_reset"), {"email": enterprise_user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "Brand-new-pass-9", "new_password2": "Brand-new-pass-9"})
    assert client.login(username="firm_user", password="Brand-new-pass-9")


def test_unknown_email_gets_the_same_answer_and_no_mail(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []
