from __future__ import annotations

from django.urls import path

from heard.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.report, name="report"),
    path("cases/", views.cases, name="cases"),
    path("download/<str:fmt>/", views.download, name="download"),
    path("words/", views.edit, name="edit"),
    path("publish/", views.publish_view, name="publish"),
    path("published/<int:pk>/<str:fmt>/", views.published_download, name="published"),
]
