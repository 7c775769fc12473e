"""Strict reading of environment variables.

Every setting that comes from the environment is read here, through one helper per type,
and documented where it is read. A value that does not parse stops the process at start-up
with a message naming the variable; a secret may come from ``NAME_FILE`` instead of ``NAME``.
"""

from __future__ import annotations

import os
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

#: Every variable read, with its documentation line; `manage.py show_settings_env` prints it.
DOCUMENTED: dict[str, str] = {}


class EnvError(ValueError):
    """A variable is set to a value that does not parse."""


def _raw(name: str, doc: str) -> str | None:
    DOCUMENTED[name] = doc
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise EnvError(f"{name}_FILE: cannot read {file_name}: {exc}") from exc
    return os.environ.get(name)


def string(name: str, default: str, doc: str) -> str:
    value = _raw(name, doc)
    return default if value is None else value


def boolean(name: str, default: bool, doc: str) -> bool:
    value = _raw(name, doc)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise EnvError(f"{name}: expected true or false, got {value!r}")


def integer(name: str, default: int, doc: str, *, minimum: int | None = None) -> int:
    value = _raw(name, doc)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise EnvError(f"{name}: expected a whole number, got {value!r}") from exc
    if minimum is not None and number < minimum:
        raise EnvError(f"{name}: must be at least {minimum}, got {number}")
    return number


def string_list(name: str, default: list[str], doc: str) -> list[str]:
    value = _raw(name, doc)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def choice(name: str, default: str, choices: tuple[str, ...], doc: str) -> str:
    value = string(name, default, doc)
    if value not in choices:
        raise EnvError(f"{name}: expected one of {', '.join(choices)}, got {value!r}")
    return value
