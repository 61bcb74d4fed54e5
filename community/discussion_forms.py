from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community import attachments
from community.models import Category, ThreadKind
from community.posting import clean_tags
from solutions.single_line import SingleLineField

MAX_BODY = 20000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return attachments.prepare_all(list(files))


class PostFormMixin(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8, "data-mentions": ""}),
        max_length=MAX_BODY,
        help_text=_(
            "Markdown: **bold**, _italic_, [links](https://…), lists, > quotes. Mention someone with @ and their profile address."
        ),
    )
    files = AttachmentsField(
        label=_("Attachments"), required=False, help_text=_("Up to 5 images or documents, 10 MB each.")
    )


class ThreadForm(PostFormMixin):
    title = SingleLineField(label=_("Title"), max_length=200, min_length=3)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    is_question = forms.BooleanField(label=_("This is a question (an answer can be accepted)"), required=False)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300, help_text=_("Separate with commas."))
    solutions = forms.CharField(
        label=_("Linked solutions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Paste the addresses of solutions this thread is about, one per line."),
    )
    field_order = ["category", "title", "is_question", "body", "tags", "solutions", "files"]

    def clean_tags(self):
        return clean_tags(self.cleaned_data["tags"].split(","))

    def clean_solutions(self):
        from solutions.models import SolutionPage

        slugs = [line.rstrip("/").rsplit("/", 1)[-1] for line in self.cleaned_data["solutions"].split() if line.strip()]
        found = list(SolutionPage.objects.live().filter(slug__in=slugs)[:10])
        missing = set(slugs) - {p.slug for p in found}
        if missing:
            raise ValidationError(
                _("No published solution at: %(slugs)s") % {"slugs": ", ".join(sorted(missing))[:200]}
            )
        return found

    @property
    def kind(self) -> str:
        return ThreadKind.QUESTION if self.cleaned_data.get("is_question") else ThreadKind.DISCUSSION


class ReplyForm(PostFormMixin):
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)
    follow = forms.BooleanField(label=_("Follow this thread"), required=False, initial=True)


class EditForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}), max_length=MAX_BODY)


class DeleteForm(forms.Form):
    reason = forms.CharField(label=_("Why is this post deleted?"), max_length=300)
