"""Staff accounts on screen: list, add, change, and stop an account signing in. Accounts
are never deleted, since the audit trail and the cases refer to them. A new account has no
password: it is emailed a one-use link to set one (the password reset link, heard.core.
passwords). Changes are audited (django-auditlog, without the password).

Whoever controls an account's email address can take the account over through "Forgotten your
password?", so (docs/casework.md, "People"):
- an administrator keeps every account, a complaints manager only the roles
  `heard.accounts.rules.KEPT_BY_COMPLAINTS_MANAGERS` names (and their own);
- an address given by anyone but the holder takes effect only once confirmed from it (a
  one-use link), and the old address is told; until then reset links go to the old one;
- re-enabling a stopped account cancels its password and emails a fresh link to set one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.http import require_GET, require_http_methods

from heard.accounts.models import Role, User
from heard.accounts.rules import may_change_account, roles_given_by
from heard.core import links, passwords
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
        #: What the account held before this change (blank for a new one).
        self.is_new = self.instance.pk is None
        self.confirmed_email = self.instance.email
        self.was_active = self.instance.is_active
        given = set(roles_given_by(editor))
        if self.instance.pk == editor.pk:
            given.add(editor.role)  # their own account keeps its role
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [
            ("", "Choose the role"),
            *((value, label) for value, label in Role.choices if value in given),
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
        others = User.objects.exclude(pk=self.instance.pk)
        if others.filter(Q(email__iexact=email) | Q(pending_email__iexact=email)).exists():
            raise forms.ValidationError("There is already an account with that email address")
        return email

    @property
    def email_to_confirm(self) -> bool:
        """A new address given to an existing account by someone other than its holder."""
        return (
            not self.is_new
            and self.instance.pk != self.editor.pk
            and self.cleaned_data["email"].lower() != self.confirmed_email.lower()
        )

    @property
    def re_enabled(self) -> bool:
        return not self.is_new and not self.was_active and self.instance.is_active

    def clean_is_active(self) -> bool:
        active = bool(self.cleaned_data["is_active"])
        if not active and self.instance.pk == self.editor.pk:
            raise forms.ValidationError("You cannot stop your own account")
        return active

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.is_staff = user.role in ADMIN_SITE_ROLES
        user.is_superuser = False  # every permission is the role's (heard.accounts.rules)
        if self.email_to_confirm:
            # Until the holder of the new address confirms it, the account keeps the old one.
            user.pending_email, user.email = user.email, self.confirmed_email
        elif "email" in self.changed_data:
            user.pending_email = ""
        if self.is_new or self.re_enabled:
            # A re-enabled account's old password (and any link to reset it) is cancelled.
            user.set_unusable_password()
        if commit:
            user.save()
        return user


class EmailTokens(PasswordResetTokenGenerator):
    """A one-use link that confirms a new address: it ends once the address is confirmed or
    changed again, or the account is stopped."""

    key_salt = "heard.core.people.EmailTokens"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.pending_email}{user.is_active}{timestamp}"


email_tokens = EmailTokens()


def _email(template: str, to: str, **context: object) -> None:
    """Send `core/<template>_subject.txt` and `_email.txt` to one address."""
    send_mail(
        render_to_string(f"core/{template}_subject.txt", context).strip(),
        render_to_string(f"core/{template}_email.txt", context),
        None,
        [to],
    )


def _welcome(user: User) -> None:
    """Email the account a one-use link to set its password (the reset link)."""
    _email("welcome", user.email, user=user, link=passwords.set_password_link(user))


def _ask_to_confirm(user: User, editor: User) -> None:
    """Email the new address a link to confirm it, and tell the address still in use."""
    link = links.absolute_url(
        "core:confirm_email",
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=email_tokens.make_token(user),
    )
    _email("confirm_address", user.pending_email, user=user, editor=editor, link=link)
    _email("address_changing", user.email, user=user, editor=editor)


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    editor = require_perm(request, "core.manage_people")
    people = list(
        User.objects.select_related("team").order_by("-is_active", "first_name", "last_name")
    )
    for person in people:
        person.changeable = may_change_account(editor, person)  # type: ignore[attr-defined]
    return render(request, "core/people.html", {"people": people})


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    editor = require_perm(request, "core.manage_people")
    person = get_object_or_404(User, pk=pk) if pk is not None else None
    if person and not may_change_account(editor, person):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person, editor=editor)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            said = [f"Account for {user.get_full_name()} {'saved' if person else 'added'}."]
            if person is None or form.re_enabled:
                transaction.on_commit(lambda: _welcome(user))
                said.append(f"We have emailed {user.email} a link to set a password.")
            if form.email_to_confirm:
                transaction.on_commit(lambda: _ask_to_confirm(user, editor))
                said.append(
                    f"The new email address takes effect once confirmed: we have emailed "
                    f"{user.pending_email} a link to confirm it, and told {user.email}."
                )
        messages.success(request, " ".join(said).removesuffix("."))
        return redirect("core:people")
    return render(request, "core/person.html", {"form": form, "person": person})


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link sent to a new address: a page with one button (so a mail scanner that opens
    links confirms nothing), which makes the new address the account's."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    valid = (
        user is not None
        and user.is_active
        and bool(user.pending_email)
        and email_tokens.check_token(user, token)
    )
    if not valid:
        return render(request, "core/confirm_email.html", {"valid": False}, status=404)
    assert user is not None
    if request.method == "POST":
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=user.pk)
            if User.objects.filter(email__iexact=user.pending_email).exclude(pk=user.pk).exists():
                return render(request, "core/confirm_email.html", {"taken": True}, status=409)
            user.email, user.pending_email = user.pending_email, ""
            user.save(update_fields=["email", "pending_email"])
        return render(request, "core/confirm_email.html", {"confirmed": user})
    return render(request, "core/confirm_email.html", {"valid": True, "person": user})
