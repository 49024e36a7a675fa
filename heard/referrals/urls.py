from __future__ import annotations

from django.urls import path

from heard.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("month/", views.referral_save, name="save"),
    path("import/", views.referral_import, name="import"),
]
