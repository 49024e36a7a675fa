"""Settings read from the environment refuse bad values with the variable's name."""

from __future__ import annotations

import pytest

from heard.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_colour,
    env_int,
    env_list,
    env_targets,
)


def test_whole_numbers_must_be_numbers_within_range(monkeypatch):
    monkeypatch.setenv("HEARD_ACKNOWLEDGEMENT_WORKING_DAYS", "4")
    assert env_int("HEARD_ACKNOWLEDGEMENT_WORKING_DAYS", 3, minimum=2, maximum=5) == 4
    monkeypatch.setenv("HEARD_ACKNOWLEDGEMENT_WORKING_DAYS", "9")
    with pytest.raises(ConfigurationError, match="between 2 and 5"):
        env_int("HEARD_ACKNOWLEDGEMENT_WORKING_DAYS", 3, minimum=2, maximum=5)
    monkeypatch.setenv("HEARD_ACKNOWLEDGEMENT_WORKING_DAYS", "three")
    with pytest.raises(ConfigurationError, match="HEARD_ACKNOWLEDGEMENT_WORKING_DAYS"):
        env_int("HEARD_ACKNOWLEDGEMENT_WORKING_DAYS", 3, minimum=2, maximum=5)


def test_unset_variables_take_their_defaults(monkeypatch):
    monkeypatch.delenv("HEARD_X", raising=False)
    assert env_int("HEARD_X", 3, minimum=2, maximum=5) == 3
    assert env_bool("HEARD_X", True) is True
    assert env_list("HEARD_X", ["a"]) == ["a"]


def test_booleans_choices_lists_and_colours(monkeypatch):
    monkeypatch.setenv("HEARD_X", "maybe")
    with pytest.raises(ConfigurationError, match="true or false"):
        env_bool("HEARD_X", False)
    monkeypatch.setenv("HEARD_X", "statement")
    with pytest.raises(ConfigurationError, match="request, statement_agreed"):
        env_choice("HEARD_X", "request", ["request", "statement_agreed"])
    monkeypatch.setenv("HEARD_X", "a.example, b.example ,")
    assert env_list("HEARD_X", []) == ["a.example", "b.example"]
    monkeypatch.setenv("HEARD_X", "red;}body{")
    with pytest.raises(ConfigurationError, match="colour like #1d70b8"):
        env_colour("HEARD_X", "#1d70b8")
    monkeypatch.setenv("HEARD_X", "#00703C")
    assert env_colour("HEARD_X", "#1d70b8") == "#00703c"


def test_working_day_targets_by_procedure(monkeypatch):
    procedures = ["children", "adults", "corporate"]
    monkeypatch.delenv("HEARD_X", raising=False)
    assert env_targets("HEARD_X", {}, choices=procedures, maximum=40) == {}
    monkeypatch.setenv("HEARD_X", "corporate=10, children = 5")
    assert env_targets("HEARD_X", {}, choices=procedures, maximum=40) == {
        "corporate": 10,
        "children": 5,
    }
    monkeypatch.setenv("HEARD_X", "housing=10")
    with pytest.raises(ConfigurationError, match="HEARD_X names 'housing'"):
        env_targets("HEARD_X", {}, choices=procedures, maximum=40)
    monkeypatch.setenv("HEARD_X", "corporate=0")
    with pytest.raises(ConfigurationError, match="from 1 to 40"):
        env_targets("HEARD_X", {}, choices=procedures, maximum=40)
