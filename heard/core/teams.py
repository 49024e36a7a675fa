"""The teams and service areas screens: list, add, rename, and stop offering a team for new
cases (it stays on the cases it has, and in the lists' filters). Changes are audited."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from heard.core.casepages import require_perm
from heard.core.forms import GovukModelForm
from heard.core.models import Team


class TeamForm(GovukModelForm):
    class Meta:
        model = Team
        fields = ["name", "service", "service_area", "active"]
        labels = {
            "name": "Team's name",
            "service": "Service",
            "service_area": "Service area (optional)",
            "active": "Offered for new cases",
        }
        widgets = {"service": forms.RadioSelect}
        help_texts = {
            "name": "As officers and reports should show it, for example Children in care",
            "service": "Whose annual report counts the team's compliments",
            "service_area": "The directorate or service area the team sits in, for example "
            "Early help: reports count cases by it as well as by team",
            "active": "Untick when the team closes: it stays on the cases it has",
        }
        error_messages = {
            "name": {"required": "Enter the team's name"},
            "service": {"required": "Choose the team's service"},
        }

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError("Enter the team's name")
        other = Team.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(f"There is already a team called {other.name}")
        return name

    def clean_service_area(self) -> str:
        area = str(self.cleaned_data["service_area"])
        return Team.areas_as_held([area])[area]


@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "core.manage_teams")
    teams = Team.objects.annotate(staff=Count("members")).order_by("-active", "name")
    return render(request, "core/teams.html", {"teams": teams})


@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_perm(request, "core.manage_teams")
    team = get_object_or_404(Team, pk=pk) if pk is not None else None
    form = TeamForm(request.POST or None, instance=team, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Team “{saved.name}” {'saved' if team else 'added'}")
        return redirect("core:teams")
    return render(request, "core/team.html", {"form": form, "team": team})
