"""Knowledge requests in search: open ones, and fulfilled ones with their consolidated reply."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchange.models import FINDABLE, KnowledgeRequest
from search.documents import Document, DocumentType, country_names, in_all_languages, plain_text, register


@register
class RequestType(DocumentType):
    name = "request"
    label = _("Knowledge request")
    model = KnowledgeRequest
    facets = ("language", "region", "country", "sdg", "theme", "modality")

    def searchable(self):
        return KnowledgeRequest.objects.filter(status__in=FINDABLE, is_held=False, is_hidden=False).prefetch_related(
            "countries", "regions", "themes", "sdgs", "modalities"
        )

    def text_matches(self, text: str):
        """The database engine matches every word in some part of the request or its reply."""
        condition = Q()
        for word in text.split()[:8]:
            part = Q()
            for field in ("title", "challenge", "tried", "learn", "reply"):
                part |= Q(**{f"{field}__icontains": word})
            condition &= part
        matches = self.searchable().filter(condition)[:500]
        return [(request, 2.0 if text.lower() in request.title.lower() else 1.0) for request in matches]

    def to_document(self, request: KnowledgeRequest) -> Document:
        countries = [c.code for c in request.countries.all()]
        regions = list(request.regions.all())
        sdgs = list(request.sdgs.all())
        themes = list(request.themes.all())
        modalities = list(request.modalities.all())
        return Document(
            type=self.name,
            object_id=str(request.pk),
            title=request.title,
            url=request.get_absolute_url(),
            language=request.language_codes,
            summary=request.challenge[:600],
            body="\n".join(part for part in (request.tried, request.learn, plain_text(request.reply_html)) if part),
            places=country_names(countries) + " " + in_all_languages(regions),
            topics=" ".join(
                [
                    in_all_languages(sdgs),
                    " ".join(f"SDG {s.number}" for s in sdgs),
                    in_all_languages(themes),
                    in_all_languages(modalities),
                ]
            ),
            date=request.replied_at or request.opened_at or request.created_at,
            year=(request.opened_at or request.created_at).year,
            regions=[r.code for r in regions],
            countries=countries,
            sdgs=[str(s.number) for s in sdgs],
            themes=[t.slug for t in themes],
            modalities=[m.slug for m in modalities],
            quality=0.5 if request.reply else 0.0,
        )
