"""Factories for the ground floor's own models, for every app's tests."""

from __future__ import annotations

import factory

from heard.core.models import Team


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = "Children in care"
