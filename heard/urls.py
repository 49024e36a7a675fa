"""Heard's URLs. Everything needs a signed-in user unless a view opts out."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from heard.core import passwords

admin.site.site_header = "Heard configuration"
admin.site.site_title = "Heard configuration"

urlpatterns = [
    path("", include("heard.dashboard.urls")),
    path("", include("heard.core.urls")),
    path("complaints/", include("heard.complaints.urls")),
    path("compliments/", include("heard.compliments.urls")),
    path("enquiries/", include("heard.enquiries.urls")),
    path("subject-access/", include("heard.sars.urls")),
    path("ombudsman/", include("heard.ombudsman.urls")),
    path("referrals/", include("heard.referrals.urls")),
    path("reports/", include("heard.reporting.urls")),
    path("imports/", include("heard.imports.urls")),
    # The public forms: no sign-in (each view opts out of LoginRequiredMiddleware).
    path("", include("heard.public.urls")),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="core/sign_in.html"),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", passwords.ResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", passwords.SentView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        passwords.NewPasswordView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", passwords.ChangedView.as_view(), name="password_reset_complete"),
    path("admin/", admin.site.urls),
]

handler404 = "heard.core.views.page_not_found"
handler500 = "heard.core.views.server_error"
