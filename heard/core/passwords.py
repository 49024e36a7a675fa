"""Forgotten passwords, through Django's own reset views: an email with a one-use link, the
same answer whether or not an account has the address, and a limit per connection
(HEARD_PASSWORD_RESETS_PER_HOUR) on how many emails can be asked for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from heard.core import ratelimit


class ResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address your account is registered with",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@example.gov.uk",
        },
    )


class NewPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": "The passwords do not match"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters; a few words work well"
        self.fields["new_password2"].label = "The new password again"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "core/password_reset.html"
    email_template_name = "core/password_reset_email.txt"
    subject_template_name = "core/password_reset_subject.txt"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = f"password-reset:{ratelimit.client_address(request)}"
        if not ratelimit.allow(key, limit=settings.HEARD_PASSWORD_RESETS_PER_HOUR, seconds=3600):
            return render(request, "core/password_reset_too_many.html", status=429)
        return super().post(request, *args, **kwargs)


class SentView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_sent.html"


class NewPasswordView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class ChangedView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"
