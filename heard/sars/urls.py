from __future__ import annotations

from django.urls import path

from heard.sars import views

app_name = "sars"

urlpatterns = [
    path("", views.sar_list, name="list"),
    path("new/", views.sar_create, name="create"),
    path("<str:reference>/", views.sar_detail, name="detail"),
    path("<str:reference>/documents/new/", views.sar_document_add, name="add_document"),
    path("<str:reference>/documents/<int:pk>/", views.sar_document, name="document"),
    path("<str:reference>/note/", views.sar_note, name="note"),
    path("<str:reference>/<slug:name>/", views.sar_step, name="step"),
]
