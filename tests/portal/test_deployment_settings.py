"""Issue 11, finding 13: production settings pass `check --deploy` without a warning (HTTPS
only, HSTS, secure cookies), and every link the portal sends follows PORTAL_BASE_URL."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, **environment: str) -> subprocess.CompletedProcess:
    # Neither the test settings nor the browser tests' async switch (tests/browser/conftest.py,
    # set for the whole process once a browser test ran) belong to a deployment.
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def production(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "techmarket.example.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
    }


def test_check_deploy_is_clean_with_production_settings(production):
    result = run("check", "--deploy", "--settings=portal.settings.production", **production)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


SHOW_URLS = (
    "from django.conf import settings; "
    "print(settings.PORTAL_BASE_URL, settings.WAGTAILADMIN_BASE_URL, settings.SECURE_SSL_REDIRECT)"
)


def test_links_follow_portal_base_url(production):
    result = run(
        "shell",
        "--no-imports",
        "-c",
        SHOW_URLS,
        "--settings=portal.settings.production",
        PORTAL_BASE_URL="https://kj.hebi.example.cn/",
        **production,
    )
    assert result.stdout.split() == [
        "https://kj.hebi.example.cn",
        "https://kj.hebi.example.cn",
        "True",
    ], result.stderr


def test_production_links_default_to_the_first_allowed_host(production):
    result = run(
        "shell",
        "--no-imports",
        "-c",
        SHOW_URLS,
        "--settings=portal.settings.production",
        **production,
    )
    assert result.stdout.split()[:2] == ["https://techmarket.example.cn"] * 2, result.stderr


def test_development_links_follow_the_port_served(tmp_path):
    result = run(
        "shell",
        "--no-imports",
        "-c",
        SHOW_URLS,
        "--settings=portal.settings.dev",
        PORTAL_BASE_URL="http://127.0.0.1:8080",
        DATABASE_URL=f"sqlite:///{tmp_path / 'dev.sqlite3'}",
        PORTAL_VAR_DIR=str(tmp_path / "var"),
    )
    assert result.stdout.split()[:2] == ["http://127.0.0.1:8080"] * 2, result.stderr
