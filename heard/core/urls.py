from __future__ import annotations

from django.urls import path

from heard.core import views

app_name = "core"

urlpatterns = [
    path("brand.css", views.brand_css, name="brand_css"),
]
