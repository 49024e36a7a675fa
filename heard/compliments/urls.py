from __future__ import annotations

from django.urls import path

from heard.compliments import views

app_name = "compliments"

urlpatterns = [
    path("", views.compliment_list, name="list"),
    path("new/", views.compliment_create, name="create"),
    path("<str:reference>/", views.compliment_detail, name="detail"),
]
