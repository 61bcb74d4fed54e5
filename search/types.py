"""The built-in searchable types: solutions, news posts, resources (with their PDFs' text) and
organisations."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from search.documents import Document, DocumentType, country_names, in_all_languages, plain_text, register
from solutions.models import NewsPage, Organisation, Resource, ResourceDocument, SolutionPage, SolutionPartner
from solutions.models.solution import region_codes_for
from solutions.models.vocab import EvidenceLevel

EVIDENCE_QUALITY = {
    EvidenceLevel.SELF_REPORTED: 0.0,
    EvidenceLevel.EVALUATED: 0.5,
    EvidenceLevel.INDEPENDENTLY_EVALUATED: 1.0,
}


@register
class SolutionType(DocumentType):
    name = "solution"
    label = _("Solution")
    model = SolutionPage
    facets = ("language", "region", "country", "sdg", "theme", "modality", "year", "status")

    def searchable(self):
        return (
            SolutionPage.objects.live()
            .public()
            .select_related("locale")
            .prefetch_related("countries", "regions", "sdgs", "themes", "modalities", "tags", "partners", "key_figures")
        )

    def to_document(self, page: SolutionPage) -> Document:
        countries = [c.code for c in page.countries.all()]
        regions = list(page.regions.all())
        narrative = [page.challenge, page.solution, page.results, page.lessons, page.sustainability]
        narrative += [f"{k.value} {k.label}" for k in page.key_figures.all()]
        narrative += [p.name for p in page.partners.all()]
        sdgs = list(page.sdgs.all())
        return Document(
            type=self.name,
            object_id=str(page.pk),
            title=page.title,
            url=page.url or "",
            language=[page.language],
            summary=page.summary,
            body="\n".join(part for part in narrative if part),
            places=country_names(countries) + " " + in_all_languages(regions),
            topics=" ".join(
                [
                    in_all_languages(sdgs),
                    " ".join(f"SDG {s.number}" for s in sdgs),
                    in_all_languages(page.themes.all()),
                    in_all_languages(page.modalities.all()),
                ]
            ),
            tags=[t.name for t in page.tags.all()],
            date=page.first_published_at,
            year=page.start_year,
            status=page.status,
            regions=[r.code for r in regions],
            countries=countries,
            sdgs=[str(s.number) for s in sdgs],
            themes=[t.slug for t in page.themes.all()],
            modalities=[m.slug for m in page.modalities.all()],
            quality=EVIDENCE_QUALITY.get(page.evidence_level, 0.0) + (0.5 if page.results else 0.0),
        )


@register
class NewsType(DocumentType):
    name = "news"
    label = _("News")
    model = NewsPage
    facets = ("language", "year")

    def searchable(self):
        return NewsPage.objects.live().public().select_related("locale").prefetch_related("updates")

    def to_document(self, post: NewsPage) -> Document:
        body = " ".join(plain_text(str(block.render())) for block in post.body)
        updates = " ".join(u.text for u in post.updates.all())
        return Document(
            type=self.name,
            object_id=str(post.pk),
            title=post.title,
            url=post.url or "",
            language=[post.locale.language_code],
            summary=post.intro,
            body=f"{body} {updates}".strip(),
            date=post.date,
            year=post.date.year,
        )


@register
class ResourceType(DocumentType):
    name = "resource"
    label = _("Resource")
    model = Resource
    facets = ("language", "theme")

    def searchable(self):
        versions = Prefetch("versions", queryset=ResourceDocument.objects.order_by("language"))
        return Resource.objects.filter(versions__isnull=False).distinct().prefetch_related(versions, "themes")

    def models(self):
        return (Resource, ResourceDocument)

    def affected_ids(self, instance):
        if isinstance(instance, ResourceDocument):
            return [instance.resource_id] if instance.resource_id else []
        return [instance.pk]

    def to_document(self, resource: Resource) -> Document:
        versions = list(resource.versions.all())
        return Document(
            type=self.name,
            object_id=str(resource.pk),
            title=resource.title,
            url=versions[0].url if versions else "",
            language=sorted({v.language for v in versions}),
            summary=resource.description,
            body=" ".join([*(v.title for v in versions), *(v.extracted_text for v in versions)]),
            topics=in_all_languages(resource.themes.all()),
            date=resource.created_at,
            year=resource.created_at.year if resource.created_at else None,
            themes=[t.slug for t in resource.themes.all()],
        )


@register
class OrganisationType(DocumentType):
    """Organisations, with the places they work in and the themes of their published solutions."""

    name = "organisation"
    label = _("Organisation")
    model = Organisation
    title_field = "name"
    facets = ("language", "region", "country", "theme")

    def searchable(self):
        live = SolutionPartner.objects.filter(page__live=True).prefetch_related("page__themes")
        return Organisation.objects.filter(merged_into=None).prefetch_related(
            "countries", Prefetch("partnerships", queryset=live, to_attr="live_partnerships")
        )

    def models(self):
        return (Organisation, SolutionPartner)

    def affected_ids(self, instance):
        if isinstance(instance, SolutionPartner):
            return [instance.organisation_id] if instance.organisation_id else []
        return [instance.pk]

    def text_matches(self, text: str):
        """Organisations are not in Wagtail's index: the database engine matches every word in
        the name, short name or description."""
        condition = Q()
        for word in text.split()[:8]:
            condition &= Q(name__icontains=word) | Q(short_name__icontains=word) | Q(description__icontains=word)
        folded = text.lower()
        return [
            (found, 2.0 if folded in found.name.lower() or folded == found.short_name.lower() else 1.0)
            for found in self.searchable().filter(condition)[:500]
        ]

    def to_document(self, organisation: Organisation) -> Document:
        countries = [c.code for c in organisation.countries.all()]
        themes = {t.slug: t for p in organisation.live_partnerships for t in p.page.themes.all()}
        regions = sorted(region_codes_for(organisation.countries.all()))
        return Document(
            type=self.name,
            object_id=str(organisation.pk),
            title=organisation.label,
            url=organisation.get_absolute_url(),
            language=organisation.language_codes,
            summary=(organisation.get_kind_display() if organisation.kind else "")
            + (" · " if organisation.kind and organisation.description else "")
            + organisation.description[:500],
            body=organisation.description,
            places=country_names(countries),
            topics=in_all_languages(list(themes.values())),
            tags=[organisation.short_name] if organisation.short_name else [],
            date=organisation.updated_at,
            regions=regions,
            countries=countries,
            themes=list(themes),
            quality=min(1.0, len(organisation.live_partnerships) / 10),
        )
