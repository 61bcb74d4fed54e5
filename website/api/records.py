"""The public, read-only records API (/api/v1/): solutions with the catalogue's filters and
organisations, cursor-paginated, each answer with an ETag and Last-Modified, rate-limited for
visitors like the search API. Its OpenAPI schema is /api/v1/openapi.json; the page for people
is /<language>/open-data/api/."""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.db.models import Max, Q
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError

from core.page_cache import memoized
from core.params import positive_int
from search.views import too_many
from solutions.catalogue import FACETS, CatalogueQuery, Vocabulary, filter_solutions, published_solutions
from solutions.countries import region_code
from solutions.models import Organisation as OrganisationModel
from solutions.models import OrganisationKind, SolutionPage
from solutions.models.vocab import CooperationType, Language, Status, language_codes
from solutions.records import api_record, last_modified, organisation_entry, with_everything
from solutions.vocabularies import shipped_values
from website.api import schemas
from website.api.conditional import conditional_json, error

api = NinjaAPI(
    title="Minga records API",
    version="1",
    description="Open, read-only access to Minga's solutions and organisations. "
    "Records are shared under the licence each states (CC BY 4.0 unless stated otherwise).",
    docs_url=None,
    openapi_url="/openapi.json",
    urls_namespace="records_api",
)

VALUES = shipped_values()
REGION = Literal[tuple(VALUES["region"])]
COUNTRY = Literal[tuple(VALUES["country"])]
SDG = Literal[tuple(VALUES["sdg"])]
THEME = Literal[tuple(VALUES["theme"])]
MODALITY = Literal[tuple(VALUES["modality"])]
COOPERATION = Literal[tuple(CooperationType.values)]
STATUS = Literal[tuple(Status.values)]
LANGUAGE = Literal[tuple(Language.values)]
KIND = Literal[tuple(OrganisationKind.values)]
MAX_ID = 10**18 - 1
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
ERRORS = {304: None, 400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


class BadParameter(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field, self.message = field, message


@api.exception_handler(BadParameter)
def bad_parameter(request, exc: BadParameter):
    return error(400, exc.message, exc.field)


@api.exception_handler(ValidationError)
def unreadable(request, exc: ValidationError):
    """What the schema refuses before a view runs is a 400 in the API's one error shape."""
    location = (exc.errors[0].get("loc") or ()) if exc.errors else ()
    names = [part for part in location[1:] if isinstance(part, str)]  # ("query", "sdg", 0)
    field = names[0] if names else None
    return error(400, _("This parameter cannot be read."), field)


def decode_cursor(raw: int | None) -> int:
    """The cursor is the id of the last record of the page before: records come in id order."""
    return raw or 0


def read_language(chosen: str | None) -> str:
    return chosen or (translation.get_language() or "en")[:2]


def in_language(response, chosen: str | None):
    """An answer in a language the address names is the same for every visitor."""
    if chosen:
        response.language_chosen = True
        response["Content-Language"] = chosen
    return response


def strict_catalogue_query(params) -> CatalogueQuery:
    """The catalogue's filters, refused with a 400 where the catalogue page drops them quietly."""
    vocab = memoized("catalogue-vocabulary", Vocabulary.load)
    for facet in FACETS:
        valid = vocab.valid(facet.param)
        for raw in params.getlist(facet.param):
            value = raw.strip().upper() if facet.param == "country" else raw.strip()
            value = region_code(value) if facet.param == "region" else value
            if value not in valid:
                raise BadParameter(facet.param, _("Unknown value: %(value)s") % {"value": raw[:50]})
    return CatalogueQuery.from_params(params, vocab, MAX_LIMIT)


def next_url(request, rows: list, limit: int) -> str | None:
    if len(rows) <= limit:
        return None
    params = request.GET.copy()
    params["cursor"] = str(rows[limit - 1].pk)
    return request.build_absolute_uri(request.path) + "?" + params.urlencode()


@api.get("/solutions/", response={200: schemas.SolutionList, **ERRORS}, summary="Solutions, filtered as the catalogue")
def list_solutions(
    request,
    region: list[REGION] = Query(None, description="UN M49 region code; repeat for either"),
    country: list[COUNTRY] = Query(None, description="ISO 3166-1 alpha-2 code; repeat for either"),
    sdg: list[SDG] = Query(None, description="SDG number, 1-17"),
    theme: list[THEME] = Query(None),
    modality: list[MODALITY] = Query(None),
    type: list[COOPERATION] = Query(None, description="Cooperation type"),
    status: list[STATUS] = Query(None),
    language: list[LANGUAGE] = Query(None, description="Language the record was written in"),
    year_from: int = Query(None, alias="from", ge=1900, le=2100, description="Active in or after this year"),
    year_to: int = Query(None, alias="to", ge=1900, le=2100, description="Active in or before this year"),
    lang: LANGUAGE = Query(None, description="The language to answer in: a record's translation where it exists"),
    cursor: int = Query(None, ge=1, le=MAX_ID, description="From `next`: the page after this id"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Records per page"),
):
    if limited := too_many(request, "records-api"):
        return limited
    query = strict_catalogue_query(request.GET)
    after, size, chosen = decode_cursor(cursor), limit, read_language(lang)
    with translation.override(chosen):
        matching = filter_solutions(published_solutions(chosen), query)
        rows = list(with_everything(matching.filter(pk__gt=after).order_by("pk"))[: size + 1])
        data = {
            "count": matching.count(),
            "next": next_url(request, rows, size),
            "results": [api_record(page, request.build_absolute_uri) for page in rows[:size]],
        }
    stamps = [last_modified(page) for page in rows[:size] if last_modified(page)]
    return in_language(conditional_json(request, data, max(stamps) if stamps else None), lang)


@api.get("/solutions/{solution_id}/", response={200: schemas.Solution, **ERRORS}, summary="One solution")
def get_solution(
    request,
    solution_id: str = Path(..., pattern=r"^[0-9]{1,18}$", description="The solution's id"),
    lang: LANGUAGE = Query(None, description="The language to answer in"),
):
    if limited := too_many(request, "records-api"):
        return limited
    pk = positive_int(solution_id)
    chosen = read_language(lang)
    found = SolutionPage.objects.live().public().filter(pk=pk).first() if pk else None
    if found is None:
        return error(404, _("No published solution has this id."), "solution_id")
    translated = found.get_translations(inclusive=True).live().filter(locale__language_code=chosen).first()
    with translation.override(chosen):
        page = with_everything(SolutionPage.objects.filter(pk=(translated or found).pk)).get()
        answer = conditional_json(request, api_record(page, request.build_absolute_uri), last_modified(page))
    return in_language(answer, lang)


def organisation_record(organisation: OrganisationModel, absolute) -> dict:
    return {
        **organisation_entry(organisation, absolute),
        "website": organisation.website,
        "description": organisation.description,
        "languages": language_codes(organisation.languages),
        "last_modified": organisation.updated_at.isoformat(),
    }


@api.get("/organisations/", response={200: schemas.OrganisationList, **ERRORS}, summary="Organisations")
def list_organisations(
    request,
    kind: KIND = Query(None, description="The kind of organisation"),
    country: COUNTRY = Query(None, description="ISO 3166-1 alpha-2 code"),
    q: str = Query(None, max_length=100, pattern=r"^[^\x00-\x1f]*$", description="Part of the name or short name"),
    cursor: int = Query(None, ge=1, le=MAX_ID, description="From `next`: the page after this id"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Organisations per page"),
):
    if limited := too_many(request, "records-api"):
        return limited
    after, size = decode_cursor(cursor), limit
    matching = OrganisationModel.objects.filter(merged_into=None)
    if kind:
        matching = matching.filter(kind=kind)
    if country:
        matching = matching.filter(countries=country)
    if q:
        matching = matching.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    rows = list(matching.filter(pk__gt=after).order_by("pk").prefetch_related("countries")[: size + 1])
    with translation.override(settings.LANGUAGE_CODE):  # one answer for every reader
        data = {
            "count": matching.count(),
            "next": next_url(request, rows, size),
            "results": [organisation_record(o, request.build_absolute_uri) for o in rows[:size]],
        }
    newest = matching.aggregate(newest=Max("updated_at"))["newest"]
    response = conditional_json(request, data, newest)
    response.language_chosen = True  # organisations are the same in every language
    return response


def url_patterns():
    """The API's URLs. Its views read every parameter through the schema, which refuses control
    characters with the API's own 400, so the site-wide NUL check (an HTML page) leaves them be."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.cleans_its_own_text = True
    return patterns, app_name, namespace
