"""Forgotten passwords, through Django's own reset views: an email with a one-use link, the
same answer whether or not an account has the address, and a limit per connection
(HEARD_PASSWORD_RESETS_PER_HOUR) on how many emails can be asked for.

A link stops working once it has been used, once the account's password or email address
changes, and once the account is stopped (`tokens`); a stopped account's link sets nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from heard.accounts.models import User
from heard.core import links, ratelimit


class AccountTokens(PasswordResetTokenGenerator):
    """Django's one-use reset token (which already ends with a new password, a new email
    address or a sign-in), also ended by stopping the account. Re-enabling an account cancels
    its password (heard.core.people), so a link sent before it was stopped never works again.
    """

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


#: The links that set a password: the welcome email's and "Forgotten your password?"'s.
tokens = AccountTokens()


def set_password_link(user: User) -> str:
    """A one-use link that lets `user` choose a password, at HEARD_BASE_URL."""
    return links.absolute_url(
        "password_reset_confirm",
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=tokens.make_token(user),
    )


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

    def get_users(self, email: str) -> Any:
        """The active accounts with this address, including a new one that has not set a
        password yet (Django's form leaves those out), so an expired welcome link can be
        replaced as the welcome email says."""
        return User.objects.filter(email__iexact=email, is_active=True)


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
    token_generator = tokens

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = f"password-reset:{ratelimit.client_address(request)}"
        if not ratelimit.allow(key, limit=settings.HEARD_PASSWORD_RESETS_PER_HOUR, seconds=3600):
            return render(request, "core/password_reset_too_many.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        # The link is built from HEARD_BASE_URL, never from the request's Host header.
        self.extra_email_context = {"base_url": links.absolute("")}
        return super().form_valid(form)


class SentView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_sent.html"


class NewPasswordView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    token_generator = tokens

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        # A stopped account sets no password, whatever link it holds.
        return user if user is not None and user.is_active else None


class ChangedView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"
