from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from core.i18n_urls import ActiveLanguageUrlMixin
from core.shared_pages import SharedPageMixin
from solutions.models.taxonomy import SDG, Country, Modality, Region, Theme
from solutions.models.vocab import (
    FIRST_YEAR,
    LAST_YEAR,
    LICENCE_URLS,
    MAX_SDGS,
    SUMMARY_MAX_LENGTH,
    CooperationType,
    EvidenceLevel,
    Language,
    Licence,
    PartnerRole,
    Status,
)

year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def record_problems(*, sdg_count: int, start_year: int | None, end_year: int | None) -> dict:
    """Rules of the record shared by the admin form and the importer."""
    problems = {}
    if sdg_count > MAX_SDGS:
        problems["sdgs"] = _("Choose at most %(max)d SDGs.") % {"max": MAX_SDGS}
    if start_year and end_year and end_year < start_year:
        problems["end_year"] = _("The end year cannot be before the start year.")
    return problems


class SolutionPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        problems = record_problems(
            sdg_count=len(cleaned.get("sdgs") or []),
            start_year=cleaned.get("start_year"),
            end_year=cleaned.get("end_year"),
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned


class SolutionPageTag(TaggedItemBase):
    content_object = ParentalKey("SolutionPage", related_name="tagged_items", on_delete=models.CASCADE)


class SolutionPage(SharedPageMixin, ActiveLanguageUrlMixin, Page):
    reader_parts = ("comments",)  # shared between readers who see its comments alike

    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("At most 600 characters; shown in listings and search results."),
    )
    challenge = models.TextField(_("challenge"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True, help_text=_("Include what did not work."))
    sustainability = models.TextField(_("sustainability and replicability"), blank=True)

    language = models.CharField(
        _("language of the record"), max_length=2, choices=Language.choices, default=Language.EN
    )
    external_id = models.CharField(_("external ID"), max_length=100, unique=True, null=True, blank=True, editable=False)
    provider_countries = ParentalManyToManyField(
        Country, related_name="provided_solutions", blank=True, verbose_name=_("provider countries")
    )
    recipient_countries = ParentalManyToManyField(
        Country, related_name="received_solutions", blank=True, verbose_name=_("recipient countries")
    )
    # Derived on save from provider and recipient countries, so filters and facets are plain joins.
    countries = ParentalManyToManyField(Country, related_name="solutions", blank=True, editable=False)
    regions = ParentalManyToManyField(Region, related_name="solutions", blank=True, editable=False)

    cooperation_type = models.CharField(_("cooperation type"), max_length=20, choices=CooperationType.choices)
    sdgs = ParentalManyToManyField(SDG, related_name="solutions", blank=True, verbose_name=_("SDGs"))
    themes = ParentalManyToManyField(Theme, related_name="solutions", blank=True, verbose_name=_("themes"))
    modalities = ParentalManyToManyField(Modality, related_name="solutions", blank=True, verbose_name=_("modalities"))
    tags = ClusterTaggableManager(through=SolutionPageTag, blank=True, verbose_name=_("tags"))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COMPLETED)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True, validators=year_validators)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True, validators=year_validators)
    evidence_level = models.CharField(
        _("evidence level"), max_length=30, choices=EvidenceLevel.choices, default=EvidenceLevel.SELF_REPORTED
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False, help_text=_("Shown on the home page."))
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=Licence.choices,
        default=Licence.CC_BY,
        blank=True,
        help_text=_("Under which terms others may reuse the record (CC BY 4.0 when none is chosen)."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("challenge"),
        index.SearchField("solution"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.FilterField("language"),
        index.FilterField("cooperation_type"),
        index.FilterField("status"),
    ]

    base_form_class = SolutionPageForm
    parent_page_types = ["solutions.SolutionIndexPage"]
    subpage_types: list[str] = []

    narrative_panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("language"),
        FieldPanel("challenge"),
        FieldPanel("solution"),
        FieldPanel("results"),
        InlinePanel("key_figures", label=_("Key figures")),
        FieldPanel("lessons"),
        FieldPanel("sustainability"),
    ]
    classification_panels = [
        FieldPanel("cooperation_type"),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("modalities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    geography_panels = [
        FieldPanel("provider_countries"),
        FieldPanel("recipient_countries"),
        InlinePanel("partners", label=_("Partners")),
    ]
    time_panels = [
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        InlinePanel("funding_sources", label=_("Funding sources")),
        MultiFieldPanel([FieldPanel("evidence_level"), FieldPanel("last_reviewed")], heading=_("Evidence")),
        FieldPanel("licence"),
    ]
    people_panels = [
        InlinePanel("contacts", label=_("Contacts")),
        InlinePanel("attachments", label=_("Resources")),
        InlinePanel("images", label=_("Images")),
        InlinePanel("links", label=_("Links")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(narrative_panels, heading=_("Narrative")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(geography_panels, heading=_("Geography and partners")),
            ObjectList(time_panels, heading=_("Time, money and evidence")),
            ObjectList(people_panels, heading=_("People and files")),
            ObjectList(Page.promote_panels + [FieldPanel("featured")], heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, LICENCE_URLS[Licence.CC_BY])

    def get_default_locale(self):
        """A new record lives in the locale of its own language; translations share its key."""
        return Locale.objects.filter(language_code=self.language).first() or super().get_default_locale()

    def clean(self):
        super().clean()
        problems = record_problems(sdg_count=0, start_year=self.start_year, end_year=self.end_year)
        if problems:
            raise ValidationError(problems)

    def save(self, *args, **kwargs):
        self.licence = self.licence or Licence.CC_BY
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"provider_countries", "recipient_countries"} & set(update_fields):
            self.derive_geography()
        return super().save(*args, **kwargs)

    def derive_geography(self) -> None:
        countries = {c.code: c for c in [*self.provider_countries.all(), *self.recipient_countries.all()]}
        self.countries = list(countries.values())
        self.regions = list(Region.objects.filter(code__in=region_codes_for(countries.values())))

    def get_context(self, request, *args, **kwargs):
        from solutions.detail import solution_context

        context = super().get_context(request, *args, **kwargs)
        context.update(solution_context(self, request))
        return context

    def counted_views(self) -> list:
        from solutions.models.counters import PageViewCount

        return [(PageViewCount._meta.label, {"page_id": self.pk})]

    def serve(self, request, *args, **kwargs):
        from core.page_cache import count_view, count_view_on_hits
        from solutions.models.counters import PageViewCount

        response = super().serve(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and not getattr(request, "is_preview", False):
            count_view(PageViewCount, page_id=self.pk)
            count_view_on_hits(response, PageViewCount, page_id=self.pk)
        return response


def region_codes_for(countries) -> set[str]:
    """Every region above the given countries, World excluded, from the M49 hierarchy."""
    parents = dict(Region.objects.values_list("code", "parent_id"))
    codes: set[str] = set()
    for country in countries:
        code = country.region_id
        while code and code != "001":
            codes.add(code)
            code = parents.get(code)
    return codes


class SolutionKeyFigure(Orderable):
    page = ParentalKey(SolutionPage, related_name="key_figures", on_delete=models.CASCADE)
    value = models.CharField(_("value"), max_length=60)
    label = models.CharField(_("label"), max_length=200)

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("label")])]


class SolutionPartner(Orderable):
    """A partner of a solution with its role: an organisation, or only a name typed as text until
    an editor links it to one (the name is kept either way, as the record gave it)."""

    page = ParentalKey(SolutionPage, related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(_("organisation"), max_length=255)
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)
    organisation = models.ForeignKey(
        "solutions.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships",
        verbose_name=_("linked organisation"),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldPanel("organisation")]

    def save(self, *args, **kwargs):
        # A revision saved before a merge names the organisation merged away: publishing it
        # links the one it was merged into, so a merge keeps every link.
        if self.organisation_id and self.organisation.merged_into_id:
            self.organisation_id = self.organisation.merged_into_id
        super().save(*args, **kwargs)


class SolutionFundingSource(Orderable):
    page = ParentalKey(SolutionPage, related_name="funding_sources", on_delete=models.CASCADE)
    name = models.CharField(_("funding source"), max_length=255)


class SolutionContact(Orderable):
    page = ParentalKey(SolutionPage, related_name="contacts", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True, help_text=_("Shown to signed-in members only."))


class SolutionResource(Orderable):
    page = ParentalKey(SolutionPage, related_name="attachments", on_delete=models.CASCADE)
    resource = models.ForeignKey("solutions.Resource", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("resource")]


class SolutionImage(Orderable):
    page = ParentalKey(SolutionPage, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class SolutionLink(Orderable):
    page = ParentalKey(SolutionPage, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("URL"), max_length=500)
