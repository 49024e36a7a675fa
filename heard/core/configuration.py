"""Configuration on Heard's own screens (issue 33): the access rule every configuration
screen shares, and the register of those screens that the configuration page lists and whose
changes its audit page reads.

Each app registers its own screens in `AppConfig.ready()`, so this module, in the ground
layer, names no app above it: the themes and letter wording live in `heard.complaints`, the
exemptions in `heard.sars`, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from heard.accounts.models import User
from heard.core.audit_words import in_words

#: Who may configure Heard: the administrator and the complaints manager (accounts.rules).
PERMISSION = "accounts.configure"


def configurer(request: HttpRequest) -> User:
    """The signed-in user, if they may configure Heard. For anyone else every configuration
    address answers exactly as one that does not exist (404), so a role that may not
    configure learns nothing of what there is to configure."""
    user = request.user
    if not isinstance(user, User) or not user.has_perm(PERMISSION):
        raise Http404
    return user


@dataclass(frozen=True)
class Screen:
    """One configuration screen: its name, where it is, what it keeps and which models'
    changes the configuration audit shows."""

    label: str
    url_name: str
    description: str
    models: tuple[type[models.Model], ...]


SCREENS: dict[str, Screen] = {}


def register(label: str, url_name: str, description: str, *kept: type[models.Model]) -> None:
    """Add a screen to the configuration page (once, however often an app is made ready)."""
    SCREENS[url_name] = Screen(label, url_name, description, tuple(kept))


def screens() -> list[Screen]:
    return sorted(SCREENS.values(), key=lambda screen: screen.label)


def audited_models() -> list[type[models.Model]]:
    return [model for screen in screens() for model in screen.models]


@require_GET
def configuration_home(request: HttpRequest) -> HttpResponse:
    """Every configuration screen, for the roles that may configure."""
    configurer(request)
    return render(request, "core/configuration.html", {"screens": screens()})


@require_GET
def configuration_audit(request: HttpRequest) -> HttpResponse:
    """Every change to the configuration on these screens, in words: who, when, and each
    field's old and new values, newest first."""
    configurer(request)
    kinds = ContentType.objects.get_for_models(*audited_models()).values()
    entries = (
        LogEntry.objects.filter(content_type__in=kinds)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/configuration_audit.html",
        {"page": page, "entries": in_words(list(page.object_list))},
    )
