"""The committee paper's forms: the council's template (headings, order, committee, logo)
and one report's words (each part, the meeting date, the compliments quoted)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from docx.image.image import Image

from heard.core.forms import DateInputField, GovukForm
from heard.core.text import printable
from heard.reporting.paper import PARTS

#: A part's words, at most.
WORDS_LIMIT = 10_000
#: The logo's file, at most.
LOGO_LIMIT = 1_000_000
#: The first bytes of the images a logo may be: Word and the PDF both draw these.
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
#: Blank rows offered for the council's own headings.
OWN_ROWS = 2


def same_words(a: str, b: str) -> bool:
    """Whether two pieces of words differ only in spacing and line endings."""
    return " ".join(a.split()) == " ".join(b.split())


class PaperWordsForm(GovukForm):
    """One report's words: a box for each part of the paper, holding the manager's words or,
    until they change them, the words Heard writes from the figures."""

    meeting_on = DateInputField(
        what="of the meeting",
        label="Date of the meeting (optional)",
        required=False,
        help_text="Shown on the cover. For example, 7 11 2026",
    )
    quotes = forms.MultipleChoiceField(
        label="Compliments to quote",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only compliments whose givers agreed to publication, in the words you "
        "approved, are offered.",
        error_messages={"invalid_choice": "Choose compliments from the list"},
    )

    def __init__(
        self,
        *args: Any,
        parts: list[dict[str, Any]],
        heard: dict[str, str],
        quotes: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.parts = parts
        self.heard = heard
        choice = self.fields["quotes"]
        assert isinstance(choice, forms.MultipleChoiceField)
        choice.choices = [(quote, quote) for quote in dict.fromkeys(quotes)]
        for part in parts:
            kind = PARTS.get(part["key"])
            self.fields[self.name(part["key"])] = forms.CharField(
                label=part["heading"],
                required=False,
                initial=part["words"],
                help_text=kind.hint if kind else "One of your council's own headings.",
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    @staticmethod
    def name(key: str) -> str:
        return f"part_{key}"

    def part_fields(self) -> list[tuple[forms.BoundField, str]]:
        """Each part's box with the words Heard writes for it (shown beside it)."""
        return [(self[self.name(p["key"])], self.heard.get(p["key"], "")) for p in self.parts]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for part in self.parts:
            name = self.name(part["key"])
            if len(data.get(name) or "") > WORDS_LIMIT:
                self.add_error(
                    name, f"{part['heading']} must be {WORDS_LIMIT:,} characters or fewer"
                )
        return data

    def words(self) -> dict[str, str]:
        """The parts whose words the manager wrote: a box left as Heard's words, or emptied,
        is not kept, so that part goes on following the figures."""
        out = {}
        for part in self.parts:
            words = printable(self.cleaned_data.get(self.name(part["key"])) or "").strip()
            if words and not same_words(words, self.heard.get(part["key"], "")):
                out[part["key"]] = words
        return out


class PaperSetupForm(GovukForm):
    committee = forms.CharField(
        label="Committee the report goes to (optional)",
        required=False,
        max_length=200,
        help_text="For example, Children and Families Overview and Scrutiny Committee",
    )
    report_of = forms.CharField(
        label="Whose report it is (optional)",
        required=False,
        max_length=200,
        help_text="Printed on the cover as “Report of the …”. For example, Director of "
        "Children and Family Services",
    )
    logo = forms.FileField(
        label="Council logo (optional)",
        required=False,
        help_text="A PNG or JPEG file, up to 1 MB. Printed on the cover.",
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)

    def clean_logo(self) -> tuple[bytes, str] | None:
        upload: UploadedFile | None = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size and upload.size > LOGO_LIMIT:
            raise forms.ValidationError("The logo must be 1 MB or smaller")
        content = upload.read()
        for start, content_type in LOGO_TYPES.items():
            if content.startswith(start):
                try:  # the Word edition reads its size; a broken file would stop it
                    Image.from_blob(content)
                except Exception as error:
                    raise forms.ValidationError(
                        "The logo could not be read as an image: save it again as a PNG "
                        "or JPEG file"
                    ) from error
                return content, content_type
        raise forms.ValidationError("The logo must be a PNG or JPEG file")


class PartRowForm(GovukForm):
    """One heading of the paper: its words, where it comes, and whether it is printed."""

    key = forms.CharField(widget=forms.HiddenInput, required=False)
    heading = forms.CharField(label="Heading", required=False, max_length=200)
    order = forms.IntegerField(
        label="Order",
        required=False,
        min_value=1,
        max_value=999,
        error_messages={
            "invalid": "Enter the order as a whole number, like 3",
            "min_value": "The order must be 1 or more",
            "max_value": "The order must be 999 or less",
        },
    )
    included = forms.BooleanField(label="Print this part", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("included") and not (data.get("heading") or "").strip():
            self.add_error("heading", "Enter the heading, or untick “Print this part”")
        return data


PartRows = forms.formset_factory(PartRowForm, extra=0)


def rows(parts: list[tuple[str, str]], offered: list[str]) -> list[dict[str, Any]]:
    """The rows the template screen shows: the paper's parts in order, then the parts Heard
    can write that it leaves out (unticked), then blank rows for the council's own."""
    shown = [
        {"key": key, "heading": heading, "order": n, "included": True}
        for n, (key, heading) in enumerate(parts, start=1)
    ]
    used = {key for key, _ in parts}
    left_out = [
        {"key": key, "heading": PARTS[key].heading, "order": None, "included": False}
        for key in offered
        if key not in used
    ]
    own = [{"key": "", "heading": "", "order": None, "included": False}] * OWN_ROWS
    return shown + left_out + own


def chosen_parts(cleaned: list[dict[str, Any]], offered: list[str]) -> list[dict[str, str]]:
    """The ticked rows in the order given (a row without a number goes last, in the order
    shown); a heading of the council's own (or a part this procedure's paper does not
    offer) gets a key from its words."""
    picked = [
        (row.get("order") or 1000 + n, n, row)
        for n, row in enumerate(cleaned)
        if row and row.get("included")
    ]
    out, keys = [], set()
    for _, _, row in sorted(picked, key=lambda item: (item[0], item[1])):
        given = row.get("key") or ""
        known = given in offered or given.startswith("own-")
        key = (
            given
            if known
            else "own-" + (re.sub(r"[^a-z0-9]+", "-", row["heading"].lower()).strip("-") or "part")
        )
        while key in keys:
            key += "-2"
        keys.add(key)
        out.append({"key": key, "heading": printable(row["heading"], lines=False).strip()})
    return out
