from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import ContactMessage, FlagReason, SanctionKind
from solutions.countries import country_name
from solutions.models import SDG, Country, Modality, Theme
from solutions.models.vocab import CooperationType, Language, Status
from solutions.names import sorted_by_name
from solutions.single_line import SingleLineField, single_line


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=FlagReason.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Details (needed for “Something else”)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactForm(forms.ModelForm):
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactMessage
        fields = ["topic", "name", "email", "page_url", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"name": SingleLineField, "page_url": SingleLineField}


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices)
    reason = forms.CharField(label=_("Reason (the member sees it)"), max_length=500)
    ends_at = forms.DateTimeField(
        label=_("Until (silence and suspension)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class DecisionForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve / keep")),
        ("hide", _("Hide")),
        ("delete", _("Delete")),
        ("reject", _("Reject")),
        ("request-changes", _("Request changes")),
        ("handled", _("Mark handled")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    items = forms.MultipleChoiceField(choices=[], required=True)
    reason = SingleLineField(required=False, max_length=500)

    def __init__(self, *args, keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(k, k) for k in keys]


def _choices(queryset, label):
    return [(str(item.pk), label(item)) for item in queryset]


# Fields copied as they are between the form, the import record and the page.
SCALAR_FIELDS = (
    "title",
    "summary",
    "language",
    "challenge",
    "solution",
    "results",
    "lessons",
    "sustainability",
    "cooperation_type",
    "status",
    "start_year",
    "end_year",
)


class SubmissionForm(forms.Form):
    """The full record, as a member writes it; validated by the same rules as the import."""

    title = SingleLineField(label=_("Title"), max_length=255)
    summary = forms.CharField(label=_("Summary"), max_length=600, widget=forms.Textarea(attrs={"rows": 3}))
    language = forms.ChoiceField(label=_("Language of the record"), choices=Language.choices)
    challenge = forms.CharField(label=_("The challenge"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    solution = forms.CharField(label=_("The solution"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    results = forms.CharField(label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    lessons = forms.CharField(
        label=_("Lessons learned, including what did not work"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sustainability = forms.CharField(
        label=_("Sustainability and replicability"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    provider_countries = forms.MultipleChoiceField(label=_("Provider countries"), required=False)
    recipient_countries = forms.MultipleChoiceField(label=_("Recipient countries"), required=False)
    cooperation_type = forms.ChoiceField(label=_("Cooperation type"), choices=CooperationType.choices)
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: organisation | provider, recipient or facilitator"),
    )
    sdgs = forms.MultipleChoiceField(label=_("SDGs (at most 5)"), required=False, widget=forms.CheckboxSelectMultiple)
    themes = forms.MultipleChoiceField(label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple)
    modalities = forms.MultipleChoiceField(
        label=_("Knowledge exchange"), required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    start_year = forms.IntegerField(label=_("Start year"), required=False, min_value=1950, max_value=2100)
    end_year = forms.IntegerField(label=_("End year"), required=False, min_value=1950, max_value=2100)
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separate with commas."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Country.objects.values_list("code", flat=True)
        countries = sorted_by_name(((c, country_name(c)) for c in codes), name=lambda c: c[1])
        self.fields["provider_countries"].choices = countries
        self.fields["recipient_countries"].choices = countries
        self.fields["sdgs"].choices = [(str(s.number), str(s)) for s in SDG.objects.all()]
        self.fields["themes"].choices = [(t.slug, t.name) for t in Theme.objects.all()]
        self.fields["modalities"].choices = [(m.slug, m.name) for m in Modality.objects.all()]

    def to_record(self) -> dict:
        data = self.cleaned_data
        partners = []
        for line in filter(None, (line.strip() for line in data["partners"].splitlines())):
            name, _bar, role = line.rpartition("|")
            partners.append({"name": single_line(name or role), "role": role.strip().lower() if name else ""})
        return {
            "external_id": "pending",
            **{key: data[key] for key in SCALAR_FIELDS},
            "provider_countries": data["provider_countries"],
            "recipient_countries": data["recipient_countries"],
            "partners": partners,
            "sdgs": [int(n) for n in data["sdgs"]],
            "themes": data["themes"],
            "modalities": data["modalities"],
            "tags": [single_line(t) for t in data["tags"].split(",") if t.strip()],
        }

    @classmethod
    def initial_for(cls, page) -> dict:
        return {
            **{key: getattr(page, key) for key in SCALAR_FIELDS},
            "provider_countries": [c.code for c in page.provider_countries.all()],
            "recipient_countries": [c.code for c in page.recipient_countries.all()],
            "partners": "\n".join(f"{p.name} | {p.role}" for p in page.partners.all()),
            "sdgs": [str(s.number) for s in page.sdgs.all()],
            "themes": [t.slug for t in page.themes.all()],
            "modalities": [m.slug for m in page.modalities.all()],
            "tags": ", ".join(t.name for t in page.tags.all()),
        }
