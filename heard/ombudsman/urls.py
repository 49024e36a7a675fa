from __future__ import annotations

from django.urls import path

from heard.ombudsman import views

app_name = "ombudsman"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/note/", views.case_note, name="note"),
    path("<str:reference>/<slug:name>/", views.case_step, name="step"),
]
