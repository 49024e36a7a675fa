"""The council's own words (what each word in its logs means), kept in Admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from heard.accounts.admin import ConfigurationAdmin
from heard.imports.models import WordMeaning
from heard.imports.questions import answers_for, vocabularies


class WordMeaningForm(forms.ModelForm):
    class Meta:
        model = WordMeaning
        fields = ["vocabulary", "word_as_written", "meaning"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vocabulary"] = forms.ChoiceField(choices=vocabularies())
        self.fields["meaning"].help_text = (
            "The code of the choice it means (for a theme, the theme's number). "
            "A word already answered is changed here; the next import uses the new meaning."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        vocabulary, meaning = data.get("vocabulary"), data.get("meaning")
        if vocabulary and meaning is not None:
            allowed = dict(answers_for(vocabulary, new_theme=False))
            if meaning not in allowed:
                shown = ", ".join(f"{code} ({label})" for code, label in allowed.items())
                self.add_error("meaning", f"Choose one of: {shown}")
        return data


@admin.register(WordMeaning)
class WordMeaningAdmin(ConfigurationAdmin):
    form = WordMeaningForm
    list_display = ["word_as_written", "vocabulary", "meaning", "decided_by", "decided_at"]
    list_filter = ["vocabulary"]
    search_fields = ["word_as_written"]
    deletable = True  # a word forgotten is asked about again at the next import

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        obj.decided_by = request.user
        super().save_model(request, obj, form, change)
