from __future__ import annotations

from django.urls import path

from heard.dashboard import search_views, views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search, name="search"),
]
