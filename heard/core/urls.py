from __future__ import annotations

from django.urls import path

from heard.core import teams, views

app_name = "core"

urlpatterns = [
    path("brand.css", views.brand_css, name="brand_css"),
    path("teams/", teams.team_list, name="teams"),
    path("teams/new/", teams.team_edit, name="add_team"),
    path("teams/<int:pk>/", teams.team_edit, name="edit_team"),
]
