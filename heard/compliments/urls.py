from __future__ import annotations

from django.urls import path

from heard.compliments import views

app_name = "compliments"

urlpatterns = [
    path("", views.compliment_list, name="list"),
    path("new/", views.compliment_create, name="create"),
    # Before the compliment pages: no reference is "quotes".
    path("quotes/", views.quote_list, name="quotes"),
    path("<str:reference>/quote/", views.quote_review, name="review_quote"),
    path("<str:reference>/edit/", views.compliment_edit, name="edit"),
    path("<str:reference>/", views.compliment_detail, name="detail"),
]
