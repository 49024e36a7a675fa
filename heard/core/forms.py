"""GOV.UK form building blocks shared by every app."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from heard.core import clock, filetypes
from heard.core.errors import DomainError
from heard.core.text import printable


class CaseFileField(forms.FileField):
    """One file for a case, as an officer adds it: judged by its content, not its name
    (heard.core.filetypes), and smaller than HEARD_UPLOAD_MAX_MB. The cleaned upload's
    `content_type` is the one judged from its content, the one to store it with."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Choose the file")
        kwargs.setdefault("help_text", "A PDF, Word document, email (.eml or .msg) or image")
        kwargs.setdefault("widget", forms.FileInput)
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Select a file",
                "empty": "The selected file is empty",
                "max_length": "The selected file's name must be 255 characters or fewer",
            },
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not upload:
            return upload
        limit = settings.HEARD_UPLOAD_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise ValidationError(f"The selected file must be smaller than {limit} MB")
        try:
            upload.content_type = filetypes.check(upload, upload.name)
        except filetypes.FileTypeError as error:
            raise ValidationError(str(error)) from None
        return upload


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    input_type = "govuk_date"

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def id_for_label(self, id_: str) -> str:
        # Errors and labels point at the day box, the first of the three (GOV.UK pattern).
        return f"{id_}_0" if id_ else id_

    def decompress(self, value: date | None) -> list[int | None]:
        return [value.day, value.month, value.year] if value else [None, None, None]


class DateInputField(forms.MultiValueField):
    """A date entered as day, month and year, with the GOV.UK error messages.

    `what` completes the sentences: "Enter the date the response was sent", "The date the
    response was sent must include a month", "... must be a real date".

    `today=True` fills the boxes in with today's date on a new form: most dates an officer
    records are the day they record them (a letter sent, a report received), and the rules
    still judge whatever date is saved.
    """

    widget = DateInputWidget

    def __init__(self, *, what: str, today: bool = False, **kwargs: Any) -> None:
        self.what = what
        if today:
            kwargs.setdefault("initial", clock.today)
        super().__init__(
            fields=[forms.CharField(required=False) for _ in range(3)],
            require_all_fields=False,
            label=kwargs.pop("label", f"Date {what}"),
            error_messages={"required": f"Enter the date {what}"},
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        # A saved date (an initial value) shows as its day, month and year boxes.
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return value

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() for part in data_list)
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise ValidationError(f"The date {self.what} must include a {' and a '.join(missing)}")
        try:
            number_year = int(year)
            if len(year) != 4:
                raise ValueError
            return date(number_year, int(month), int(day))
        except ValueError:
            raise ValidationError(f"The date {self.what} must be a real date") from None


class MoneyField(forms.DecimalField):
    """An amount in pounds and pence, with GOV.UK error wording."""

    def __init__(self, *, label: str, required: bool = True, **kwargs: Any) -> None:
        example = "like 250 or 250.00"
        super().__init__(
            label=label,
            required=required,
            max_digits=10,
            decimal_places=2,
            error_messages={
                "required": "Enter the amount in pounds",
                "invalid": f"Enter the amount in pounds, {example}",
                "max_digits": f"Enter an amount under £100,000,000, {example}",
                "max_whole_digits": f"Enter an amount under £100,000,000, {example}",
                "max_decimal_places": f"Enter the amount in pounds and pence, {example}",
            },
            **kwargs,
        )


class GovukMixin:
    """Form behaviour shared by plain and model forms: length limits read as GOV.UK messages,
    for example "Phone number must be 40 characters or fewer", not Django's default."""

    fields: dict[str, forms.Field]
    add_error: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            # A field that words its own message (CaseFileField: "The selected file's name
            # must be ...") keeps it; Django's default, or none, gives way to GOV.UK's.
            given = field.error_messages.get("max_length")
            default = getattr(type(field), "default_error_messages", {}).get("max_length")
            if limit and given in (None, default):
                name = str(field.label or "This").removesuffix(" (optional)")
                field.error_messages["max_length"] = f"{name} must be {limit} characters or fewer"

    def clean(self) -> dict[str, Any]:
        """Every answer typed is kept without control characters (heard.core.text): tab and
        line breaks only in long text."""
        data: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        for name, value in data.items():
            if isinstance(value, str) and name in self.fields:
                long_text = isinstance(self.fields[name].widget, forms.Textarea)
                data[name] = printable(value, lines=long_text)
        return data

    def add_rule_error(self, error: Any) -> None:
        """Show a broken rule on the field it names, or above the form if it names none.

        `error` is a domain error with `.message` and `.field` (heard.core.errors).
        """
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class GovukForm(GovukMixin, forms.Form):
    """A GOV.UK form."""


class GovukModelForm(GovukMixin, forms.ModelForm):
    """A GOV.UK form over one model instance."""


class CaseStepForm(GovukForm):
    """A form that carries out one step on a case (`perform`); a broken rule shows on the
    field it names, and nothing is saved."""

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case

    def run(self, by: Any) -> bool:
        try:
            self.perform(by, **self.cleaned_data)
        except DomainError as error:
            self.add_rule_error(error)
            return False
        return True

    def perform(self, by: Any, **data: Any) -> None:
        raise NotImplementedError("each step form says what its step does")
