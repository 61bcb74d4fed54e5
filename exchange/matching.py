"""Matching a request with solutions, members and standing offers.

Candidates come from the search service (the node, or the database engine when the node is down):
one text query on the request's title and one query per facet it names. Each candidate is then
scored by what it shares with the request, and every point of the score is a reason the reader
sees ("theme: Social protection", "SDG 1", "speaks Portuguese"). Members are matched only on what
they made visible to everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from community.models import NotificationKind, Profile, Visibility
from community.notifications import notify
from core import page_cache
from exchange.models import (
    KnowledgeRequest,
    Match,
    MatchKind,
    MatchNotice,
    Offer,
    OfferStatus,
    RequestAlerts,
)
from search.query import SearchQuery

PER_KIND = 5
CANDIDATES = 30
# What one shared item is worth; text similarity adds up to WORDS for the best text hit.
WEIGHTS = {"theme": 3.0, "sdg": 2.0, "country": 2.0, "region": 1.0, "modality": 1.0, "language": 0.5}
WORDS = 3.0
# A candidate needs more than a shared language to count as a match.
MIN_SCORE = 1.5


@dataclass
class Candidate:
    obj: object
    score: float = 0.0
    reasons: list[list[str]] = field(default_factory=list)

    def add(self, kind: str, value: str, weight: float | None = None) -> None:
        self.score += WEIGHTS[kind] if weight is None else weight
        self.reasons.append([kind, value])


@dataclass
class Wanted:
    """What a request asks for, as sets of codes."""

    text: str
    themes: set[str]
    sdgs: set[str]
    countries: set[str]
    regions: set[str]
    modalities: set[str]
    languages: set[str]
    requester_id: int | None

    @classmethod
    def of(cls, request: KnowledgeRequest) -> Wanted:
        return cls(
            text=request.title,
            themes={t.slug for t in request.themes.all()},
            sdgs={str(s.number) for s in request.sdgs.all()},
            countries={c.code for c in request.countries.all()},
            regions={r.code for r in request.regions.all()},
            modalities={m.slug for m in request.modalities.all()},
            languages=set(request.language_codes),
            requester_id=request.requester_id,
        )


def ranked_ids(doc_type: str, wanted: Wanted) -> tuple[dict[str, float], set[str]]:
    """Object ids the search service finds: text ranks (1.0 for the best hit) and facet hits."""
    from search import service

    text_rank: dict[str, float] = {}
    if wanted.text:
        query = SearchQuery(text=wanted.text, filters={"type": [doc_type]}, page_size=CANDIDATES)
        results = service.search(query, background=True)
        for position, hit in enumerate(results.hits):
            text_rank.setdefault(hit.object_id, 1.0 - position / CANDIDATES)
    by_facet: set[str] = set()
    for name, values in (("theme", wanted.themes), ("sdg", wanted.sdgs), ("country", wanted.countries)):
        if values:
            query = SearchQuery(filters={"type": [doc_type], name: sorted(values)}, page_size=CANDIDATES)
            results = service.search(query, background=True)
            by_facet.update(hit.object_id for hit in results.hits)
    return text_rank, by_facet


def match_solutions(wanted: Wanted) -> list[Candidate]:
    from solutions.models import SolutionPage

    text_rank, by_facet = ranked_ids("solution", wanted)
    ids = [int(pk) for pk in set(text_rank) | by_facet]
    pages = (
        SolutionPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .prefetch_related("themes", "sdgs", "countries", "regions", "modalities")
    )
    candidates = []
    for page in pages:
        candidate = Candidate(page)
        for theme in page.themes.all():
            if theme.slug in wanted.themes:
                candidate.add("theme", theme.slug)
        for sdg in page.sdgs.all():
            if str(sdg.number) in wanted.sdgs:
                candidate.add("sdg", str(sdg.number))
        shared_countries = [c.code for c in page.countries.all() if c.code in wanted.countries]
        for code in shared_countries:
            candidate.add("country", code)
        if not shared_countries:
            shared_regions = [r.code for r in page.regions.all() if r.code in wanted.regions]
            if shared_regions:
                candidate.add("region", max(shared_regions))
        for modality in page.modalities.all():
            if modality.slug in wanted.modalities:
                candidate.add("modality", modality.slug)
        if page.language in wanted.languages:
            candidate.add("language", page.language)
        if str(page.pk) in text_rank:
            candidate.add("words", "", WORDS * text_rank[str(page.pk)])
        candidates.append(candidate)
    return best(candidates)


def match_members(wanted: Wanted) -> list[Candidate]:
    text_rank, by_facet = ranked_ids("member", wanted)
    ids = [int(pk) for pk in set(text_rank) | by_facet]
    public = Visibility.PUBLIC
    profiles = (
        Profile.objects.filter(pk__in=ids, user__is_active=True, is_hidden=False)
        .exclude(user_id=wanted.requester_id)
        .prefetch_related("expertise_themes")
    )
    candidates = []
    for profile in profiles:
        candidate = Candidate(profile)
        if profile.expertise_visibility == public:
            for theme in profile.expertise_themes.all():
                if theme.slug in wanted.themes:
                    candidate.add("theme", theme.slug)
        if profile.country_visibility == public and profile.country_id in wanted.countries:
            candidate.add("country", profile.country_id)
        if profile.languages_visibility == public:
            for code in sorted(set(profile.language_codes) & wanted.languages):
                candidate.add("speaks", code, WEIGHTS["language"] * 2)
        if str(profile.pk) in text_rank:
            candidate.add("words", "", WORDS * text_rank[str(profile.pk)])
        candidates.append(candidate)
    return best(candidates)


def match_offers(wanted: Wanted) -> list[Candidate]:
    """Standing offers (made to nobody in particular) whose themes or modality fit."""
    offers = (
        Offer.objects.filter(request__isnull=True, status=OfferStatus.OPEN, author__is_active=True)
        .exclude(author_id=wanted.requester_id)
        .filter(Q(themes__slug__in=wanted.themes) | Q(modality_id__in=wanted.modalities))
        .distinct()
        .select_related("author__profile", "modality")
        .prefetch_related("themes")
    )
    candidates = []
    for offer in offers[:200]:
        candidate = Candidate(offer)
        for theme in offer.themes.all():
            if theme.slug in wanted.themes:
                candidate.add("theme", theme.slug)
        if offer.modality_id in wanted.modalities:
            candidate.add("modality", offer.modality_id)
        for code in sorted(set(offer.language_codes) & wanted.languages):
            candidate.add("speaks", code, WEIGHTS["language"] * 2)
        candidates.append(candidate)
    return best(candidates)


def best(candidates: list[Candidate]) -> list[Candidate]:
    kept = [c for c in candidates if c.score >= MIN_SCORE]
    kept.sort(key=lambda c: (-c.score, str(getattr(c.obj, "pk", ""))))
    return kept[:PER_KIND]


def find_matches(request: KnowledgeRequest) -> dict[str, list[Candidate]]:
    wanted = Wanted.of(request)
    return {
        MatchKind.SOLUTION: match_solutions(wanted),
        MatchKind.MEMBER: match_members(wanted),
        MatchKind.OFFER: match_offers(wanted),
    }


def standing_matches(request: KnowledgeRequest):
    """The request's matches that still hold. Matching runs when the request changes, so a
    solution unpublished, a profile hidden or an offer withdrawn since would still be named."""
    from solutions.models import SolutionPage

    return Match.objects.filter(
        Q(solution__isnull=True) | Q(solution__in=SolutionPage.objects.live().public()),
        Q(profile__isnull=True) | Q(profile__is_hidden=False, profile__user__is_active=True),
        Q(offer__isnull=True) | Q(offer__status=OfferStatus.OPEN, offer__author__is_active=True),
        request=request,
    )


@transaction.atomic
def refresh_matches(request: KnowledgeRequest) -> list[Match]:
    """Replaces the request's matches and tells newly matched members who opted in. Two matchings
    of one request at once (the task runs on every change) take turns from here, on the request's
    row: the second replaces the first's matches, and sees whom it told."""
    found = find_matches(request)
    KnowledgeRequest.locked(request.pk)
    Match.objects.filter(request=request).delete()
    matches = []
    for kind, candidates in found.items():
        for rank, candidate in enumerate(candidates, start=1):
            matches.append(
                Match(
                    request=request,
                    kind=kind,
                    rank=rank,
                    score=round(candidate.score, 3),
                    reasons=candidate.reasons,
                    **{
                        {MatchKind.SOLUTION: "solution", MatchKind.MEMBER: "profile", MatchKind.OFFER: "offer"}[
                            kind
                        ]: candidate.obj
                    },
                )
            )
    Match.objects.bulk_create(matches)
    KnowledgeRequest.objects.filter(pk=request.pk).update(matched_at=timezone.now())
    page_cache.invalidate()  # bulk writes send no signals
    tell_matched_members(request, found)
    return matches


def tell_matched_members(request: KnowledgeRequest, found: dict[str, list[Candidate]]) -> int:
    users = {c.obj.user_id for c in found[MatchKind.MEMBER]} | {c.obj.author_id for c in found[MatchKind.OFFER]}
    users.discard(request.requester_id)
    opted_in = set(RequestAlerts.objects.filter(user_id__in=users).values_list("user_id", flat=True))
    told = set(MatchNotice.objects.filter(request=request, user_id__in=opted_in).values_list("user_id", flat=True))
    for user_id in sorted(opted_in - told):
        MatchNotice.objects.create(request=request, user_id=user_id)
        notify(
            user_id,
            NotificationKind.MATCH,
            text=lambda: _("A knowledge request matches your expertise: “%(title)s”") % {"title": request.title},
            url=request.get_absolute_url(),
        )
    return len(opted_in - told)


@task()
def refresh_matches_task(request_id: int) -> None:
    request = KnowledgeRequest.objects.filter(pk=request_id).first()
    if request is not None and request.is_active and not request.is_withheld:
        refresh_matches(request)
