from __future__ import annotations

from django.urls import path

from heard.enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("", views.enquiry_list, name="list"),
    path("new/", views.enquiry_create, name="create"),
    path("<str:reference>/", views.enquiry_detail, name="detail"),
    path("<str:reference>/respond/", views.enquiry_respond, name="respond"),
    path("<str:reference>/note/", views.enquiry_note, name="note"),
]
