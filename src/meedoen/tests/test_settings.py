"""Settings: strict environment variables, and production settings that pass the deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meedoen import env

PROJECT = Path(__file__).resolve().parents[3]


def test_env_helpers_refuse_values_that_do_not_parse(monkeypatch):
    monkeypatch.setenv("MEEDOEN_X", "maybe")
    with pytest.raises(env.EnvError, match="MEEDOEN_X"):
        env.boolean("MEEDOEN_X", False, "test")
    monkeypatch.setenv("MEEDOEN_X", "12a")
    with pytest.raises(env.EnvError, match="whole number"):
        env.integer("MEEDOEN_X", 1, "test")
    monkeypatch.setenv("MEEDOEN_X", "0")
    with pytest.raises(env.EnvError, match="at least"):
        env.integer("MEEDOEN_X", 1, "test", minimum=1)


def test_secrets_may_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret-from-file\n")
    monkeypatch.setenv("MEEDOEN_Y_FILE", str(secret))
    assert env.string("MEEDOEN_Y", "", "test") == "s3cret-from-file"
    assert "MEEDOEN_Y" in env.DOCUMENTED


def _manage(*args, **extra_env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MEEDOEN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(extra_env)
    return subprocess.run(  # noqa: S603
        [sys.executable, str(PROJECT / "manage.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "MEEDOEN_ENVIRONMENT": "production",
    "MEEDOEN_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdef",
    "MEEDOEN_ALLOWED_HOSTS": "meedoen.example.nl",
}


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", MEEDOEN_ENVIRONMENT="production")
    assert result.returncode != 0
    assert "MEEDOEN_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _manage("check", **{**PRODUCTION, "MEEDOEN_SECRET_KEY": "x"})
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_turns_on_two_factor_and_refuses_demo():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.TWO_FACTOR_REQUIRED, s.DEMO_ALLOWED, s.DEBUG, s.SESSION_COOKIE_SECURE)",
        MEEDOEN_DEMO="true",
        **PRODUCTION,
    )
    assert result.stdout.split() == ["True", "False", "False", "True"], result.stderr


def test_debug_pages_are_off_unless_a_developer_asks_for_them():
    show = (
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
    )
    assert _manage(*show).stdout.split() == ["False"]
    assert _manage(*show, MEEDOEN_DEBUG="1").stdout.split() == ["True"]


def test_production_refuses_debug_pages():
    result = _manage("check", **{**PRODUCTION, "MEEDOEN_DEBUG": "1"})
    assert result.returncode != 0
    assert "MEEDOEN_DEBUG" in result.stderr
