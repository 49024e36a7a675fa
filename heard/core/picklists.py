"""Pick lists kept on screen (issue 33): a list of names that cases choose from, such as the
complaint themes or the subject access exemptions. Each item has a name (unique whatever the
capitals), a place in the list, and whether it is offered for new cases; an item stopped is
kept on the cases that have it. The app that owns the model supplies the words and the URL
names; the list page, the form and the access rule are the same for every pick list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from heard.core.configuration import configurer
from heard.core.forms import GovukModelForm


@dataclass(frozen=True)
class PickList:
    """The words and addresses of one pick list."""

    model: type[models.Model]
    title: str  # "Complaint themes"
    noun: str  # "theme"
    intro: str
    list_url: str  # "complaints:themes"
    add_url: str
    edit_url: str
    offered_for: str  # "new points of complaint"
    article: str = "a"  # "an exemption"


class PickItemForm(GovukModelForm):
    """Name, place and whether it is offered; the model is set by `form_for`."""

    pick_list: PickList

    class Meta:
        fields = ["name", "order", "active"]

    def clean_name(self) -> str:
        noun = self.pick_list.noun
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(f"Enter the {noun}'s name")
        other = (
            self.pick_list.model._default_manager.filter(name__iexact=name)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if other is not None:
            article = self.pick_list.article
            raise forms.ValidationError(f"There is already {article} {noun} called {other}")
        return name


def form_for(pick_list: PickList) -> type[PickItemForm]:
    noun = pick_list.noun
    meta = type(
        "Meta",
        (PickItemForm.Meta,),
        {
            "model": pick_list.model,
            "labels": {
                "name": f"{noun.capitalize()}'s name",
                "order": "Place in the list",
                "active": f"Offered for {pick_list.offered_for}",
            },
            "help_texts": {
                "name": "As officers and reports should show it",
                "order": "Lists show the lowest number first; items with the same number "
                "are in alphabetical order",
                "active": "Untick to stop offering it: it stays on the cases that have it",
            },
            "error_messages": {
                "name": {"required": f"Enter the {noun}'s name"},
                "order": {
                    "required": "Enter the place in the list as a whole number",
                    "invalid": "Enter the place in the list as a whole number",
                    "min_value": "The place in the list cannot be less than 0",
                },
            },
        },
    )
    attrs = {"Meta": meta, "pick_list": pick_list}
    return type(f"{pick_list.model.__name__}Form", (PickItemForm,), attrs)


def item_list(request: HttpRequest, pick_list: PickList) -> HttpResponse:
    configurer(request)
    items = pick_list.model._default_manager.order_by("-active", "order", "name")
    return render(request, "core/pick_list.html", {"pick_list": pick_list, "items": items})


def item_edit(request: HttpRequest, pick_list: PickList, pk: int | None) -> HttpResponse:
    configurer(request)
    item: Any = get_object_or_404(pick_list.model, pk=pk) if pk is not None else None
    initial: dict[str, Any] = {"active": True}
    if item is None:
        last = pick_list.model._default_manager.aggregate(last=models.Max("order"))["last"]
        initial["order"] = (last or 0) + 1
    form = form_for(pick_list)(request.POST or None, instance=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        verb = "saved" if item else "added"
        messages.success(request, f"{pick_list.noun.capitalize()} “{saved}” {verb}")
        return redirect(pick_list.list_url)
    return render(
        request, "core/pick_item.html", {"pick_list": pick_list, "form": form, "item": item}
    )
