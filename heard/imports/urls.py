from __future__ import annotations

from django.urls import path

from heard.imports import meanings, views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.job, name="job"),
    path("words/", meanings.meaning_list, name="meanings"),
    path("words/<int:pk>/", meanings.meaning_edit, name="edit_meaning"),
]
