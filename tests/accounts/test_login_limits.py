"""Failed logins are limited on every way in (the site, the workbench, the API token), and API
tokens expire."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD

LOCKED = "登录已被暂时锁定"  # part of the lockout message


def _web(client, password):
    return client.post(reverse("accounts:login"), {"username": "firm_user", "password": password})


def _admin(client, password):
    return client.post("/admin/login/", {"username": "firm_user", "password": password})


def _api(client, password):
    return client.post("/api/v1/auth/token/", {"username": "firm_user", "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("way", [_web, _admin, _api], ids=["site", "workbench", "api"])
def test_after_too_many_wrong_passwords_the_right_one_is_refused_for_a_while(
    client, enterprise_user, settings, way
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = way(client, "wrong-password")
        assert response.status_code in (200, 400)  # the form again, or the API's 400
    assert way(client, "wrong-password").status_code == 429  # the last one allowed

    response = way(client, PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED in body and "15 分钟" in body
    if way is _api:
        assert LOCKED in response.json()["detail"]
        assert not Token.objects.exists()
    assert not _signed_in(client)

    # Once the cool-off has passed, the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = way(client, PASSWORD)
    assert response.status_code in (200, 302)
    assert _signed_in(client) or "token" in response.json()


def test_a_good_login_before_the_limit_starts_the_count_again(client, enterprise_user, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _web(client, "wrong-password")
    assert _web(client, PASSWORD).status_code == 302
    client.logout()
    _web(client, "wrong-password")
    assert _web(client, PASSWORD).status_code == 302


def test_api_tokens_expire(client, enterprise_user, settings):
    token = _api(client, PASSWORD).json()["token"]
    assert (
        client.get("/api/v1/needs/?mine=true", HTTP_AUTHORIZATION=f"Token {token}").status_code
        == 200
    )

    stale = timezone.now() - datetime.timedelta(days=settings.API_TOKEN_TTL_DAYS, minutes=1)
    Token.objects.filter(key=token).update(created=stale)
    response = client.get("/api/v1/needs/?mine=true", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 403  # DRF answers 403 when session auth comes first
    assert "已过期" in response.json()["detail"]

    fresh = _api(client, PASSWORD).json()["token"]
    assert fresh != token
    assert (
        client.get("/api/v1/needs/?mine=true", HTTP_AUTHORIZATION=f"Token {fresh}").status_code
        == 200
    )
