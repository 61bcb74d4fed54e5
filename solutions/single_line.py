"""Single-line text: titles, names, short notes. A line break in one (pasted, or sent by a script)
breaks whatever puts it on one line: an email's subject (Django refuses the header and the email is
lost), a page title, a notification. Every run of whitespace, line breaks included, becomes one
space, at the form and again in the domain actions, which the admin, the import and the tests call
without a form."""

from __future__ import annotations

from django import forms


def single_line(value: str | None) -> str:
    """``str.split`` splits at CR and LF and at every other line or paragraph separator too."""
    return " ".join((value or "").split())


class SingleLineField(forms.CharField):
    """A CharField for one line: limits and the required check see the normalised text."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if isinstance(value, str) else value
