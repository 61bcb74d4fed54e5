from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from community.models import VISIBLE_FIELDS, Profile
from community.photos import process_photo
from solutions.countries import country_name
from solutions.models import Country, Organisation, Theme
from solutions.models.vocab import Language
from solutions.names import sorted_by_name
from solutions.single_line import SingleLineField, single_line

MAX_LINKS = 5


def country_choices():
    codes = Country.objects.values_list("code", flat=True)
    return [("", _("Choose a country"))] + sorted_by_name(
        ((code, country_name(code)) for code in codes), name=lambda c: c[1]
    )


class SignupForm(forms.Form):
    """Extra sign-up fields (allauth adds email and password, and the honeypot)."""

    name = SingleLineField(label=_("Your name"), max_length=120)
    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation = SingleLineField(label=_("Organisation"), max_length=200, required=False)
    accept_terms = forms.BooleanField(label=_("I accept the Terms of Service"))
    accept_conduct = forms.BooleanField(label=_("I will follow the Code of Conduct"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()

    def signup(self, request, user) -> None:
        from community.profiles import create_profile

        create_profile(
            user,
            display_name=self.cleaned_data["name"],
            country_code=self.cleaned_data.get("country") or None,
            organisation=self.cleaned_data.get("organisation", ""),
        )


class ProfileForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo"), required=False, help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB.")
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    links_text = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: a title, a vertical bar, the address. For example: My organisation | https://example.org"
        ),
    )
    expertise_themes = forms.ModelMultipleChoiceField(
        label=_("Expertise"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Profile
        fields = ["display_name", "organisation", "role", "bio", "expertise_themes", "expertise_tags"] + [
            f"{field}_visibility" for field in VISIBLE_FIELDS
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"display_name": SingleLineField, "organisation": SingleLineField, "role": SingleLineField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.initial.setdefault("country", self.instance.country_id or "")
        self.initial.setdefault("languages", self.instance.language_codes)
        self.initial.setdefault(
            "links_text", "\n".join(f"{link['title']} | {link['url']}" for link in self.instance.links)
        )
        for field in VISIBLE_FIELDS:
            self.fields[f"{field}_visibility"].label = _("Who sees this")

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if upload:
            self.processed_photo = process_photo(upload)
        return upload

    def clean_links_text(self):
        links = []
        for line in filter(None, (line.strip() for line in self.cleaned_data["links_text"].splitlines())):
            title, _bar, url = (part.strip() for part in line.rpartition("|")) if "|" in line else ("", "", line)
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise ValidationError(_("“%(url)s” is not a web address.") % {"url": url[:80]}) from None
            links.append({"title": single_line(title or url)[:100], "url": url[:300]})
        if len(links) > MAX_LINKS:
            raise ValidationError(_("At most %(max)d links.") % {"max": MAX_LINKS})
        return links

    def clean_country(self):
        code = self.cleaned_data.get("country")
        return Country.objects.filter(code=code).first() if code else None

    def visibility_rows(self):
        """Pairs each hideable field with its visibility select, for the template."""
        return [(field, self[f"{field}_visibility"]) for field in VISIBLE_FIELDS]


class OrganisationForm(forms.ModelForm):
    """What an organisation's editors change on its page; the logo is checked and re-encoded
    as members' photos are."""

    logo_upload = forms.FileField(label=_("Logo"), required=False, help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB."))
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(label=_("Countries"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"name": SingleLineField, "short_name": SingleLineField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = country_choices()[1:]
        self.initial.setdefault("languages", self.instance.language_codes)
        if self.instance.pk:
            self.initial.setdefault("countries", list(self.instance.countries.values_list("code", flat=True)))

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            self.processed_logo = process_photo(upload)["photo"]
        return upload
