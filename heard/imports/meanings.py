"""The council's own words on Heard's own screens (issue 33): what each word an import asked
about means. Changing a meaning changes what the next import reads it as; removing one means
the next import asks about that word again. Kept by whoever may configure Heard."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from heard.core.configuration import configurer
from heard.core.forms import GovukForm
from heard.imports.models import WordMeaning
from heard.imports.questions import answers_for, vocabularies


class MeaningForm(GovukForm):
    meaning = forms.ChoiceField(
        label="What it means",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the word means"},
    )

    def __init__(self, *args: Any, word: WordMeaning, **kwargs: Any) -> None:
        super().__init__(*args, initial={"meaning": word.meaning}, **kwargs)
        field = self.fields["meaning"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = answers_for(word.vocabulary, new_theme=False)
        field.error_messages["invalid_choice"] = "Choose what the word means"


def _in_words(word: WordMeaning) -> str:
    return dict(answers_for(word.vocabulary, new_theme=False)).get(word.meaning, word.meaning)


@require_GET
def meaning_list(request: HttpRequest) -> HttpResponse:
    """Every word answered, by list, with what it means now."""
    configurer(request)
    names = dict(vocabularies())
    words = WordMeaning.objects.select_related("decided_by").order_by("vocabulary", "word")
    page = Paginator(words, 50).get_page(request.GET.get("page"))
    rows = [(w, names.get(w.vocabulary, w.vocabulary), _in_words(w)) for w in page]
    return render(request, "imports/meanings.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
def meaning_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change what a word means, or forget it (the next import asks again)."""
    user = configurer(request)
    word = get_object_or_404(WordMeaning, pk=pk)
    if request.method == "POST" and "remove" in request.POST:
        word.delete()
        messages.success(
            request, f"“{word.word_as_written}” removed: the next import will ask about it again"
        )
        return redirect("imports:meanings")
    form = MeaningForm(request.POST or None, word=word)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["meaning"] != word.meaning:
            word.meaning = form.cleaned_data["meaning"]
            word.decided_by = user
            word.save()
            messages.success(request, f"“{word.word_as_written}” now means {_in_words(word)}")
        else:
            messages.success(request, "Nothing was changed")
        return redirect("imports:meanings")
    return render(
        request,
        "imports/meaning.html",
        {"word": word, "form": form, "vocabulary": dict(vocabularies()).get(word.vocabulary)},
    )
