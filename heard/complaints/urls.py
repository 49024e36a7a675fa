from __future__ import annotations

from django.urls import path

from heard.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("<str:reference>/", views.complaint_detail, name="detail"),
    path("<str:reference>/<slug:step>/", views.complaint_step, name="step"),
]
