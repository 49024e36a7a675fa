from __future__ import annotations

from django.urls import path

from heard.core import configuration, people, sessions, teams, views

app_name = "core"

urlpatterns = [
    path("brand.css", views.brand_css, name="brand_css"),
    path("resume/", sessions.resume, name="resume"),
    path("keep-alive/", sessions.keep_alive, name="keep_alive"),
    path("people/", people.person_list, name="people"),
    path("people/new/", people.person_edit, name="add_person"),
    path("people/<int:pk>/", people.person_edit, name="edit_person"),
    path("people/email/<uidb64>/<token>/", people.confirm_email, name="confirm_email"),
    path("configuration/", configuration.configuration_home, name="configuration"),
    path("configuration/audit/", configuration.configuration_audit, name="configuration_audit"),
    path("teams/", teams.team_list, name="teams"),
    path("teams/new/", teams.team_edit, name="add_team"),
    path("teams/<int:pk>/", teams.team_edit, name="edit_team"),
]
