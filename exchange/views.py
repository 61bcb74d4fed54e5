"""Knowledge request pages: the list, asking, one request with its matches and offers, standing
offers and the demand overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community.permissions import allows, can_take_part, is_author, is_moderator
from community.ratelimits import too_many
from core.filter_chips import ActiveFilter, filter_chips
from exchange import lifecycle, reasons
from exchange.demand import demand_map, demand_rows
from exchange.forms import AcceptForm, CloseForm, OfferForm, ReplyForm, RequestForm, StandingOfferForm
from exchange.matching import standing_matches
from exchange.models import (
    ACTIVE,
    KnowledgeRequest,
    MatchKind,
    Offer,
    OfferStatus,
    RequestEvent,
    RequestStatus,
)
from exchange.unmet_searches import unmet_by_topic
from solutions.countries import country_name
from solutions.known_values import known_country, known_region, known_theme
from solutions.models import Region, Theme
from solutions.models.vocab import stored_languages
from solutions.names import sorted_by_name

PER_PAGE = 20
LISTS = {
    "active": (gettext_lazy("Open requests"), ACTIVE),
    "fulfilled": (gettext_lazy("Fulfilled requests"), (RequestStatus.FULFILLED,)),
    "ended": (gettext_lazy("Closed and expired requests"), (RequestStatus.CLOSED, RequestStatus.EXPIRED)),
}


def request_list_chips(shown: str, theme: str, region: str, country: str = "") -> list[dict]:
    names = [
        ("theme", theme, _("Theme"), lambda v: getattr(Theme.objects.filter(slug=v).first(), "name", v)),
        ("region", region, _("Region"), lambda v: getattr(Region.objects.filter(code=v).first(), "name", v)),
        ("country", country, _("Country"), country_name),
    ]
    active = [ActiveFilter(param, value, str(facet), str(name(value))) for param, value, facet, name in names if value]
    return filter_chips(active, kept=[("show", shown if shown in LISTS else "")])


def sign_in_first(request):
    """To sign-in, and back to the same page with its query string (a pre-filled form)."""
    return redirect_to_login(request.get_full_path(), reverse("account_login"))


@require_safe
def index(request):
    shown = request.GET.get("show", "active")
    heading, statuses = LISTS.get(shown, LISTS["active"])
    requests = (
        KnowledgeRequest.objects.filter(status__in=statuses, is_held=False, is_hidden=False)
        .select_related("requester__profile")
        .prefetch_related("themes", "countries")
        .annotate(offer_count=Count("offers", filter=Q(offers__status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED])))
        .order_by("-opened_at", "-pk")
    )
    # A value that names no theme, region or country is dropped: no filter, and no chip for it.
    theme = known_theme(request.GET.get("theme", ""))
    if theme:
        requests = requests.filter(themes__slug=theme)
    region = known_region(request.GET.get("region", ""))
    if region:
        requests = requests.filter(regions__code=region)
    country = known_country(request.GET.get("country", ""))  # from the demand page's map
    if country:
        requests = requests.filter(countries__code=country)
    mine = []
    if request.user.is_authenticated:
        mine = list(
            KnowledgeRequest.objects.filter(requester=request.user)
            .exclude(status__in=[RequestStatus.CLOSED, RequestStatus.EXPIRED])
            .order_by("-created_at")[:10]
        )
    return render(
        request,
        "exchange/index.html",
        {
            "requests": Paginator(requests, PER_PAGE).get_page(request.GET.get("page")),
            "heading": heading,
            "shown": shown,
            "lists": [(key, label) for key, (label, _statuses) in LISTS.items()],
            "themes": Theme.objects.all(),
            "regions": sorted_by_name(Region.objects.filter(parent__parent_id="001"), name=lambda r: r.name),
            "theme": theme,
            "region": region,
            "chips": request_list_chips(shown, theme, region, country),
            "mine": mine,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def new(request):
    if not request.user.is_authenticated:
        return sign_in_first(request)
    if not can_take_part(request.user):
        raise PermissionDenied(_("Verify your email address before taking part."))
    if request.method != "POST":
        return render(request, "exchange/form.html", {"form": RequestForm.prefilled(request.GET), "new": True})
    if limited := too_many(request):
        return limited
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            knowledge_request = lifecycle.create(request.user, publish="open" in request.POST, **form.fields_for_save())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if knowledge_request.is_held:
                messages.info(request, _("Thank you. A moderator will look at your request before others see it."))
            elif knowledge_request.status == RequestStatus.OPEN:
                messages.success(request, _("Your request is open. Matches will appear on it shortly."))
            else:
                messages.success(request, _("Your draft is saved. Only you can see it."))
            return redirect(knowledge_request.get_absolute_url())
    return render(request, "exchange/form.html", {"form": form, "new": True}, status=400)


def load(request, pk: int, for_page: bool = False) -> KnowledgeRequest:
    """The request if the reader may see it; ``for_page`` also loads what its page shows."""
    requests = KnowledgeRequest.objects.select_related("requester__profile")
    if for_page:
        requests = requests.select_related("reply_by__profile").prefetch_related(
            "themes", "sdgs", "countries", "regions", "modalities"
        )
    knowledge_request = get_object_or_404(requests, pk=pk)
    if not lifecycle.can_view(request.user, knowledge_request):
        raise Http404
    return knowledge_request


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk: int):
    knowledge_request = load(request, pk)
    lifecycle.check_can_manage(request.user, knowledge_request)
    if request.method == "POST" and (limited := too_many(request, group="editing")):
        return limited  # each edit matches the request again and may notify
    form = RequestForm(request.POST or None, instance=knowledge_request)
    if request.method == "POST" and form.is_valid():
        data = form.fields_for_save()
        try:
            lifecycle.update(request.user, KnowledgeRequest.objects.get(pk=pk), **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(knowledge_request.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "exchange/form.html", {"form": form, "knowledge_request": knowledge_request}, status=status)


def detail_context(request, knowledge_request: KnowledgeRequest, **forms) -> dict:
    user = request.user
    vocabulary = reasons.vocabulary()
    matches = (
        standing_matches(knowledge_request)
        .select_related("solution", "profile", "offer__author__profile", "offer__modality")
        .order_by("kind", "rank")
    )
    grouped: dict[str, list] = {kind: [] for kind in MatchKind.values}
    for match in matches:
        grouped[match.kind].append((match, reasons.labels(match.reasons, vocabulary)))
    offers = (
        Offer.objects.filter(request=knowledge_request)
        .exclude(status=OfferStatus.WITHDRAWN)
        .select_related("author__profile", "modality")
    )
    is_requester = is_author(user, knowledge_request)
    can_manage = allows(lifecycle.check_can_manage, user, knowledge_request)
    return {
        "knowledge_request": knowledge_request,
        "events": RequestEvent.objects.filter(request=knowledge_request).select_related("actor__profile"),
        "solution_matches": grouped[MatchKind.SOLUTION],
        "member_matches": grouped[MatchKind.MEMBER],
        "offer_matches": grouped[MatchKind.OFFER],
        "offers": offers,
        "exchanges": knowledge_request.exchanges.select_related("provider__profile", "requester__profile", "modality"),
        "is_requester": is_requester,
        "can_manage": can_manage,
        "can_offer": allows(lifecycle.check_can_offer, user, knowledge_request),
        "is_moderator": is_moderator(user),
        "offer_form": forms.get("offer_form") or OfferForm(),
        "accept_form": forms.get("accept_form") or AcceptForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(initial={"reply": knowledge_request.reply}),
        "close_form": CloseForm(),
    }


@require_safe
def detail(request, pk: int, slug: str = ""):
    knowledge_request = load(request, pk, for_page=True)
    return render(request, "exchange/detail.html", detail_context(request, knowledge_request))


@login_required
@require_POST
def change_status(request, pk: int):
    knowledge_request = load(request, pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            lifecycle.open_request(request.user, knowledge_request)
            if knowledge_request.is_held:
                messages.info(request, _("Thank you. A moderator will look at your request before others see it."))
            else:
                messages.success(request, _("Your request is open. Matches will appear on it shortly."))
        elif action == "close":
            form = CloseForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            lifecycle.close(request.user, knowledge_request, note)
            messages.success(request, _("The request is closed."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(knowledge_request.get_absolute_url())


@login_required
@require_POST
def offer(request, pk: int):
    knowledge_request = load(request, pk)
    if limited := too_many(request):
        return limited
    lifecycle.check_can_offer(request.user, knowledge_request)
    form = OfferForm(request.POST)
    if form.is_valid():
        try:
            lifecycle.make_offer(request.user, knowledge_request, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you. Your offer has been sent."))
            return redirect(knowledge_request.get_absolute_url() + "#offers")
    return render(
        request, "exchange/detail.html", detail_context(request, knowledge_request, offer_form=form), status=400
    )


@login_required
@require_POST
def decide_offer(request, pk: int, offer_id: int):
    knowledge_request = load(request, pk)
    chosen = get_object_or_404(Offer, pk=offer_id, request=knowledge_request)
    action = request.POST.get("action")
    try:
        if action == "accept":
            form = AcceptForm(request.POST)
            if not form.is_valid():
                return render(
                    request,
                    "exchange/detail.html",
                    detail_context(request, knowledge_request, accept_form=form),
                    status=400,
                )
            lifecycle.accept_offer(request.user, chosen, **form.cleaned_data)
            messages.success(request, _("Offer accepted. The exchange is recorded on the request."))
        elif action == "decline":
            lifecycle.decline_offer(request.user, chosen)
            messages.success(request, _("Offer declined."))
        elif action == "withdraw":
            lifecycle.withdraw_offer(request.user, chosen)
            messages.success(request, _("Your offer is withdrawn."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(knowledge_request.get_absolute_url() + "#offers")


@login_required
@require_POST
def reply(request, pk: int):
    knowledge_request = load(request, pk)
    lifecycle.check_can_manage(request.user, knowledge_request)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            lifecycle.publish_reply(request.user, knowledge_request, form.cleaned_data["reply"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The consolidated reply is published and the request is fulfilled."))
            return redirect(knowledge_request.get_absolute_url() + "#reply")
    return render(
        request, "exchange/detail.html", detail_context(request, knowledge_request, reply_form=form), status=400
    )


@require_http_methods(["GET", "HEAD", "POST"])
def offers(request):
    """Standing offers: help members offer to anyone whose need fits."""
    form = None
    if request.user.is_authenticated and can_take_part(request.user):
        form = StandingOfferForm(request.POST or None)
        if request.method == "POST":
            if limited := too_many(request):
                return limited
            if form.is_valid():
                data = dict(form.cleaned_data)
                data["languages"] = stored_languages(data["languages"])
                try:
                    lifecycle.make_standing_offer(request.user, **data)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Your offer is listed. We will match it with requests."))
                    return redirect("request_offers")
    elif request.method == "POST":
        return sign_in_first(request)
    listed = (
        Offer.objects.filter(request__isnull=True, status=OfferStatus.OPEN, author__is_active=True)
        .select_related("author__profile", "modality")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.all()))
        .order_by("-created_at")
    )
    return render(
        request,
        "exchange/offers.html",
        {"offers": Paginator(listed, PER_PAGE).get_page(request.GET.get("page")), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def withdraw_standing_offer(request, offer_id: int):
    chosen = get_object_or_404(Offer, pk=offer_id, request__isnull=True)
    try:
        lifecycle.withdraw_offer(request.user, chosen)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your offer is withdrawn."))
    return redirect("request_offers")


@require_safe
def demand(request):
    return render(
        request, "exchange/demand.html", {**demand_rows(), "unmet": unmet_by_topic(), "world_map": demand_map()}
    )
