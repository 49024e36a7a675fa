"""The register of appointees on screen: investigating officers, independent persons,
adjudicating officers, panel members and chairs, responding managers and advocacy providers.
The appointment step picks from it; nobody is deleted from it (someone who stops taking work
is made inactive, and keeps their appointments). Changes are audited.

An entry's sign-in decides which account reads the cases the entry is appointed to, so only a
complaints manager links one, only an appointee's account is offered, one entry to an account,
and the change is an event on every case it affects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from heard.accounts.models import User
from heard.accounts.rules import APPOINTEE_ROLES, is_complaints_manager
from heard.complaints.choices import AppointmentRole
from heard.complaints.models import Practitioner
from heard.complaints.models.people import ROLE_FLAGS, FeeBasis
from heard.core.casepages import require_perm
from heard.core.forms import GovukModelForm

#: The register's role boxes: one for each appointment role's flag, then advocacy.
ROLE_FIELDS = [*dict.fromkeys(ROLE_FLAGS.values()), "may_advocate"]

#: The boxes for the roles only someone independent of the council may take, and how the
#: error names each.
INDEPENDENT_FIELDS = {
    ROLE_FLAGS[AppointmentRole.INDEPENDENT_PERSON]: "be the independent person",
    ROLE_FLAGS[AppointmentRole.PANEL_MEMBER]: "sit on a review panel",
}


class AppointeeForm(GovukModelForm):
    class Meta:
        model = Practitioner
        fields = [
            "name",
            "organisation",
            "email",
            "phone",
            "is_external",
            *ROLE_FIELDS,
            "fee_basis",
            "fee",
            "user",
            "active",
        ]
        labels = {
            "name": "Name",
            "organisation": "Organisation (optional)",
            "email": "Email address (optional)",
            "phone": "Phone number (optional)",
            "is_external": "Independent of the council",
            "fee_basis": "Fee",
            "fee": "Fee in pounds (optional)",
            "user": "Their sign-in (optional)",
            "active": "Takes new appointments",
        }
        help_texts = {
            "is_external": "Neither a member nor an officer of the council, for example an "
            "external contractor. Only they may be the independent person or sit on a review "
            "panel",
            "fee": "The daily rate or the fixed fee, for example 350.00",
            "user": "An investigator or panel member who signs in sees the cases they are "
            "appointed to",
            "active": "Untick when they stop taking work: their appointments are kept",
        }
        error_messages = {"name": {"required": "Enter the name"}}

    def __init__(self, *args: Any, may_link_sign_in: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the right format, like name@example.org"
        )
        self.fields["fee"].error_messages["invalid"] = "Enter the fee as an amount, like 350"
        basis = self.fields["fee_basis"]
        assert isinstance(basis, forms.ChoiceField)
        basis.choices = FeeBasis.choices
        user = self.fields["user"]
        assert isinstance(user, forms.ModelChoiceField)
        # An appointee's account that no other entry holds (and the one this entry has).
        user.queryset = User.objects.filter(
            Q(is_active=True, role__in=APPOINTEE_ROLES)
            & (Q(practitioner=None) | Q(practitioner=self.instance.pk))
            | Q(pk=self.instance.user_id)
        ).order_by("first_name", "last_name")
        user.empty_label = "No sign-in"
        user.error_messages["invalid_choice"] = (
            "Choose the sign-in of an investigating officer, independent person, adjudicating "
            "officer or panel member that no other entry has"
        )
        if not may_link_sign_in:
            # Shown, but what is posted for it is ignored: only a complaints manager links it.
            user.disabled = True
            user.help_text = "Only a complaints manager can change which sign-in this is"
        if self.instance.pk is None:
            self.initial.setdefault("active", True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ROLE_FIELDS):
            self.add_error("may_respond", "Choose at least one role they may take")
        # Regulations 17 and 19: the independent person and the panel are neither members
        # nor officers of the council (Stage.appoint refuses anyone else, too).
        ticked = [words for name, words in INDEPENDENT_FIELDS.items() if data.get(name)]
        if ticked and not data.get("is_external"):
            self.add_error(
                "is_external",
                f"Only someone independent of the council may {' or '.join(ticked)}: tick "
                f"“Independent of the council”, or untick "
                f"{'that role' if len(ticked) == 1 else 'those roles'}",
            )
        basis, fee = data.get("fee_basis"), data.get("fee")
        if basis and fee is None and "fee" not in self.errors:
            self.add_error("fee", "Enter the fee, or choose “No fee”")
        elif not basis and fee is not None:
            self.add_error("fee", "Choose whether the fee is a daily rate or fixed")
        elif fee is not None and fee <= 0:
            self.add_error("fee", "The fee must be more than £0")
        return data


@require_GET
def appointee_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "complaints.manage_appointees")
    people = Practitioner.objects.select_related("user").order_by("-active", "name")
    return render(request, "complaints/appointees.html", {"people": people})


@require_http_methods(["GET", "POST"])
def appointee_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    editor = require_perm(request, "complaints.manage_appointees")
    person = get_object_or_404(Practitioner, pk=pk) if pk is not None else None
    before = person.user if person else None
    form = AppointeeForm(
        request.POST or None, instance=person, may_link_sign_in=is_complaints_manager(editor)
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            if saved.user != before:
                saved.record_sign_in_change(by=editor, before=before)
        messages.success(request, f"{saved.name} {'saved' if person else 'added to the register'}")
        return redirect("complaints:appointees")
    return render(request, "complaints/appointee.html", {"form": form, "person": person})
