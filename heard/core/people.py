"""Staff accounts on screen: list, add, change, and stop an account signing in. Accounts
are never deleted, since the audit trail and the cases refer to them. A new account has no
password: it is emailed a one-use link to set one (the password reset link, heard.core.
passwords). Changes are audited (django-auditlog, without the password)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.http import require_GET, require_http_methods

from heard.accounts.models import Role, User
from heard.core.casepages import require_perm
from heard.core.forms import GovukModelForm
from heard.core.models import Team

#: The roles that open the configuration admin site (and, for administrators, all of it).
ADMIN_SITE_ROLES = frozenset({Role.ADMINISTRATOR, Role.COMPLAINTS_MANAGER})


class PersonForm(GovukModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "username", "email", "role", "team", "is_active"]
        labels = {
            "first_name": "First name",
            "last_name": "Last name",
            "username": "Username",
            "email": "Email address",
            "role": "Role",
            "team": "Team (optional)",
            "is_active": "Can sign in",
        }
        help_texts = {
            "username": "What they sign in with: letters, numbers and @ . + - _ only",
            "email": "Where the link to set a password, and reminders, are sent",
            "team": "A responding manager sees the cases about their team",
            "is_active": "Untick when they leave: the account and its history are kept",
        }

    def __init__(self, *args: Any, editor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editor = editor
        for name, message in (
            ("first_name", "Enter the first name"),
            ("last_name", "Enter the last name"),
            ("username", "Enter a username"),
            ("email", "Enter an email address"),
        ):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the right format, like name@example.gov.uk"
        )
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [
            ("", "Choose the role"),
            *(
                (value, label)
                for value, label in Role.choices
                if value != Role.ADMINISTRATOR or editor.role == Role.ADMINISTRATOR
            ),
        ]
        role.error_messages["required"] = "Choose the role"
        role.error_messages["invalid_choice"] = "Only an administrator can give that role"
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = Team.objects.filter(Q(active=True) | Q(pk=self.instance.team_id))
        team.empty_label = "No team"
        if self.instance.pk is None:
            self.initial.setdefault("is_active", True)

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        try:
            User.username_validator(username)
        except forms.ValidationError:
            raise forms.ValidationError(
                "A username may contain only letters, numbers and @ . + - _"
            ) from None
        taken = User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                f"There is already an account with the username {taken.get().username}"
            )
        return username

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("There is already an account with that email address")
        return email

    def clean_is_active(self) -> bool:
        active = bool(self.cleaned_data["is_active"])
        if not active and self.instance.pk == self.editor.pk:
            raise forms.ValidationError("You cannot stop your own account")
        return active

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.is_staff = user.role in ADMIN_SITE_ROLES
        user.is_superuser = False  # every permission is the role's (heard.accounts.rules)
        if user.pk is None:
            user.set_unusable_password()
        if commit:
            user.save()
        return user


def _welcome(request: HttpRequest, user: User) -> None:
    """Email the new account a one-use link to set its password (the reset link)."""
    link = request.build_absolute_uri(
        reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )
    context = {"user": user, "link": link}
    send_mail(
        render_to_string("core/welcome_subject.txt", context).strip(),
        render_to_string("core/welcome_email.txt", context),
        None,
        [user.email],
    )


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "core.manage_people")
    people = User.objects.select_related("team").order_by("-is_active", "first_name", "last_name")
    return render(request, "core/people.html", {"people": people})


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    editor = require_perm(request, "core.manage_people")
    person = get_object_or_404(User, pk=pk) if pk is not None else None
    if person and person.role == Role.ADMINISTRATOR and editor.role != Role.ADMINISTRATOR:
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person, editor=editor)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            if person is None:
                transaction.on_commit(lambda: _welcome(request, user))
        name = user.get_full_name()
        if person is None:
            messages.success(
                request,
                f"Account for {name} added. We have emailed {user.email} a link to set a password",
            )
        else:
            messages.success(request, f"Account for {name} saved")
        return redirect("core:people")
    return render(request, "core/person.html", {"form": form, "person": person})
