from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.params import positive_int
from exchange.models import KnowledgeRequest, Offer
from solutions.countries import region_code
from solutions.models import SDG, Country, Modality, Region, Theme
from solutions.models.vocab import Language, language_codes, stored_languages
from solutions.names import sorted_by_name
from solutions.single_line import SingleLineField

# What a search can hand over to a new request: the query becomes the title, filters the fields.
PREFILL = {"theme": "themes", "sdg": "sdgs", "country": "countries", "region": "regions", "modality": "modalities"}


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates in every language."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or "%Y-%m-%d")


class LanguagesFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Language.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class NumberedChoiceField(forms.ModelMultipleChoiceField):
    """Choices keyed by a small number (SDGs): a value that is no such number is refused like any
    unknown choice, before the database is asked about a number wider than its column and fails."""

    def _check_values(self, value):
        for key in value:
            if positive_int(str(key)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                )
        return super()._check_values(value)


class ByNameIterator(forms.models.ModelChoiceIterator):
    """The choices in the order of their names in the reader's language."""

    def __iter__(self):
        yield from sorted_by_name((self.choice(obj) for obj in self.queryset), name=lambda choice: str(choice[1]))


class ByNameChoiceField(forms.ModelMultipleChoiceField):
    """Countries and regions, listed by name in the reader's language rather than by code."""

    iterator = ByNameIterator


class RequestForm(forms.ModelForm):
    languages = LanguagesFormField(label=_("Languages you can work in"))
    countries = ByNameChoiceField(
        label=_("Countries concerned"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    regions = ByNameChoiceField(
        label=_("Regions concerned"),
        queryset=Region.objects.exclude(code="001"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("The regions of the countries you choose are added for you."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    sdgs = NumberedChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=SDG.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    modalities = forms.ModelMultipleChoiceField(
        label=_("Preferred ways of exchanging"),
        queryset=Modality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = KnowledgeRequest
        fields = [
            "title",
            "challenge",
            "tried",
            "learn",
            "countries",
            "regions",
            "themes",
            "sdgs",
            "modalities",
            "languages",
            "deadline",
            "endorsed_by",
        ]
        widgets = {
            "challenge": forms.Textarea(attrs={"rows": 6}),
            "tried": forms.Textarea(attrs={"rows": 4}),
            "learn": forms.Textarea(attrs={"rows": 4}),
            "deadline": DateInput(),
        }
        field_classes = {"title": SingleLineField, "endorsed_by": SingleLineField}
        help_texts = {
            "title": _("One sentence, as a question if you can."),
            "challenge": _("The situation you face and who is affected."),
            "learn": _("What you hope to learn from others' experience."),
            "deadline": _("The request closes on this date unless it is answered first (60 days by default)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["languages"] = language_codes(self.instance.languages)
        # The model's callable default would add a hidden "initial-deadline" input carrying the
        # field's aria-describedby, which hidden inputs may not have; nothing reads it here.
        self.fields["deadline"].show_hidden_initial = False
        self.fields["title"].min_length = 10
        self.fields["challenge"].min_length = 20

    @classmethod
    def prefilled(cls, params) -> RequestForm:
        """Initial values from a search: ?q=…&theme=…&country=… as the search page sends them."""
        initial: dict[str, object] = {}
        text = " ".join(params.get("q", "").split())[:200]
        if text:
            initial["title"] = text
        for param, name in PREFILL.items():
            values = [v.strip() for v in params.getlist(param) if v.strip()][:20]
            if values:
                if param == "region":
                    values = [region_code(v) for v in values]
                initial[name] = [v.upper() for v in values] if param == "country" else values
        languages = [code for code in params.getlist("language") if code in Language.values]
        if languages:
            initial["languages"] = languages
        return cls(initial=initial)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate() and deadline != getattr(self.instance, "deadline", None):
            raise forms.ValidationError(_("Choose a date that has not passed."))
        return deadline

    def fields_for_save(self) -> dict:
        data = dict(self.cleaned_data)
        data["languages"] = stored_languages(data.get("languages") or [])
        return data


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["summary", "modality", "availability"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"availability": SingleLineField}
        help_texts = {"summary": _("Your experience with this, and what you could share: documents, a call, a visit…")}


class StandingOfferForm(OfferForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=True, widget=forms.CheckboxSelectMultiple
    )
    languages = LanguagesFormField(label=_("Languages you can work in"))

    class Meta(OfferForm.Meta):
        fields = ["summary", "themes", "modality", "availability", "languages"]


class AcceptForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput(), initial=timezone.localdate)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput(), required=False)


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Consolidated reply"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        min_length=20,
        help_text=_("Sum up what was learned, so others with the same need can use it. Markdown is allowed."),
    )


class CloseForm(forms.Form):
    note = SingleLineField(label=_("Why close it? (optional)"), max_length=300, required=False)
