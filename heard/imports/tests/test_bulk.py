"""heard.imports.bulk: the bulk inserter's rows, and the collector paused during an import."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from django.db import connection

from heard.complaints.models import Complainant, Stage, Theme
from heard.imports.bulk import Inserter, allocate_ids, cycle_collection_paused


@pytest.mark.django_db
def test_the_inserter_writes_the_values_given_and_the_defaults_of_the_rest():
    table = Inserter(Complainant, ["id", "name", "ethnicity"])
    (first,) = allocate_ids(Complainant, 1)
    table.add(id=first, name="A. Person", ethnicity="white_british")
    table.write()
    saved = Complainant.objects.get(pk=first)
    assert (saved.name, saved.ethnicity, saved.gender, saved.email) == (
        "A. Person",
        "white_british",
        "",
        "",
    )


@pytest.mark.django_db
def test_the_inserter_refuses_a_row_with_a_value_missing_or_one_it_does_not_know():
    table = Inserter(Theme, ["name", "active"])
    with pytest.raises(KeyError):
        table.add(name="Delay again", colour="red")
    with pytest.raises(TypeError, match="missing"):
        table.add(name="Delay again")
    with pytest.raises(TypeError, match="colour"):
        table.add(name="Delay again", active=True, colour="red")
    assert table.rows == []


def _import_that_fails() -> None:
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():  # a second import at once
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first is still running
        raise RuntimeError


def test_the_collector_is_paused_during_an_import_and_resumed_after_even_on_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        _import_that_fails()
    assert gc.isenabled()


def test_the_collector_is_left_off_when_it_was_off_before():
    gc.disable()
    try:
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_each_date_is_adapted_the_same_every_time_it_is_given():
    stages = Inserter(Stage, ["started_on", "ended_on"])
    for _ in range(2):
        stages.add(started_on=date(2021, 4, 6), ended_on=None)
    # As Django itself adapts a date for this database: text on SQLite, a date on PostgreSQL.
    adapted = connection.ops.adapt_datefield_value(date(2021, 4, 6))
    assert stages.rows[0][:2] == stages.rows[1][:2] == [adapted, None]
