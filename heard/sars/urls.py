from __future__ import annotations

from django.urls import path

from heard.sars import exemptions, views

app_name = "sars"

urlpatterns = [
    path("", views.sar_list, name="list"),
    path("new/", views.sar_create, name="create"),
    # Before the case pages: no reference is "exemptions".
    path("exemptions/", exemptions.exemption_list, name="exemptions"),
    path("exemptions/new/", exemptions.exemption_edit, name="add_exemption"),
    path("exemptions/<int:pk>/", exemptions.exemption_edit, name="edit_exemption"),
    path("<str:reference>/", views.sar_detail, name="detail"),
    path("<str:reference>/documents/new/", views.sar_document_add, name="add_document"),
    path("<str:reference>/documents/<int:pk>/", views.sar_document, name="document"),
    path("<str:reference>/note/", views.sar_note, name="note"),
    path("<str:reference>/<slug:name>/", views.sar_step, name="step"),
]
