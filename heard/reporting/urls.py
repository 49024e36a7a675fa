from __future__ import annotations

from django.urls import path

from heard.reporting import paper_views, views

app_name = "reporting"

urlpatterns = [
    path("", views.menu, name="menu"),
    path("complaints/", views.report, name="report"),
    path("complaints/cases/", views.cases, name="cases"),
    path("council/", views.council, name="council"),
    path("tables/", views.table, name="table"),
    path("tables/cases/", views.table_cases, name="table_cases"),
    path("tables/download/<str:fmt>/", views.table_download, name="table_download"),
    path("complaints/download/<str:fmt>/", views.download, name="download"),
    path("complaints/words/", paper_views.edit, name="edit"),
    path("complaints/paper/", paper_views.template, name="template"),
    path("complaints/code/", paper_views.assessment, name="assessment"),
    path("complaints/publish/", views.publish_view, name="publish"),
    path("complaints/published/<int:pk>/<str:fmt>/", views.published_download, name="published"),
]
