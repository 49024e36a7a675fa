from __future__ import annotations

from django.urls import path

from heard.public import views

app_name = "public"

urlpatterns = [
    path("", views.start, name="start"),
    path("check-your-answers/", views.check, name="check"),
    path("sent/", views.sent, name="sent"),
    path("track/<str:token>/", views.track, name="track"),
    path("<slug:slug>/", views.question, name="question"),
]
