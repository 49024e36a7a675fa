"""Typed readers for environment variables.

Every setting Heard reads from the environment goes through one of these helpers, so a bad
value stops start-up with a message naming the variable, instead of surfacing later as a wrong
deadline. Every variable is documented in docs/configuration.md.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence


class ConfigurationError(ValueError):
    """An environment variable holds a value Heard cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ConfigurationError(f"{name} must be between {minimum} and {maximum}, not {value}")
    return value


def env_choice(name: str, default: str, choices: Sequence[str]) -> str:
    value = os.environ.get(name) or default
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_list(name: str, default: Sequence[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_colour(name: str, default: str) -> str:
    """A colour as #rrggbb; anything else is refused, since it is written into CSS."""
    value = os.environ.get(name) or default
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ConfigurationError(f"{name} must be a colour like #1d70b8, not {value!r}")
    return value.lower()


def env_targets(
    name: str, default: dict[str, int], *, choices: Sequence[str], maximum: int
) -> dict[str, int]:
    """Working-day targets by name, written "corporate=10,children=5"; an unknown name or a
    number out of range is refused at start-up."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return dict(default)
    targets: dict[str, int] = {}
    for part in raw.split(","):
        key, _, days = (piece.strip() for piece in part.partition("="))
        if key not in choices:
            raise ConfigurationError(
                f"{name} names {key!r}: each must be one of {', '.join(choices)}"
            )
        if not days.isdigit() or not 1 <= int(days) <= maximum:
            raise ConfigurationError(
                f"{name} gives {key} {days!r}: a number of working days from 1 to {maximum}"
            )
        targets[key] = int(days)
    return targets
