"""What happens to a knowledge request, from draft to fulfilled: each step is checked, recorded
on the request's history and told to the people concerned."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.audit import record
from community.markdown import render_markdown
from community.models import ActionKind, NotificationKind
from community.notifications import notify
from community.permissions import check_can_take_part, is_author, is_moderator
from community.profiles import display_name_for
from community.trust import hold_reason
from exchange.models import (
    ACTIVE,
    Exchange,
    KnowledgeRequest,
    Offer,
    OfferStatus,
    RequestEvent,
    RequestStatus,
)
from solutions.single_line import single_line

SINGLE_LINE_FIELDS = {"title", "endorsed_by"}

# Who may do what ---------------------------------------------------------------------------------


def can_view(user, request: KnowledgeRequest) -> bool:
    """Drafts and held requests are seen by their author and moderators only."""
    if request.status != RequestStatus.DRAFT and not request.is_withheld:
        return True
    return is_author(user, request) or is_moderator(user)


def check_can_manage(user, request: KnowledgeRequest) -> None:
    check_can_take_part(user)
    if not is_author(user, request) and not is_moderator(user):
        raise PermissionDenied(_("Only the person who asked, or a moderator, can do this."))


def check_can_offer(user, request: KnowledgeRequest) -> None:
    check_can_take_part(user)
    if is_author(user, request):
        raise PermissionDenied(_("You cannot offer help on your own request."))
    if not request.is_active or request.is_withheld:
        raise PermissionDenied(_("This request is not taking offers."))
    if Offer.objects.filter(request=request, author=user, status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED]).exists():
        raise PermissionDenied(_("You have already offered help on this request."))


# Steps -------------------------------------------------------------------------------------------


def _event(request: KnowledgeRequest, status: str, actor=None, note: str = "") -> None:
    RequestEvent.objects.create(request=request, status=status, actor=actor, note=note[:300])


def _set_status(request: KnowledgeRequest, status: str, actor=None, note: str = "") -> None:
    request.status = status
    fields = ["status", "updated_at"]
    if status == RequestStatus.OPEN and request.opened_at is None:
        request.opened_at = timezone.now()
        fields.append("opened_at")
    if status in (RequestStatus.FULFILLED, RequestStatus.CLOSED, RequestStatus.EXPIRED):
        request.ended_at = timezone.now()
        fields.append("ended_at")
    request.save(update_fields=fields)
    _event(request, status, actor, note)


def rematch_later(request: KnowledgeRequest) -> None:
    from exchange.matching import refresh_matches_task

    transaction.on_commit(lambda: refresh_matches_task.enqueue(request.pk))


def single_line_fields(fields: dict) -> dict:
    """The request's one-line fields, on one line whichever way they came (the title goes into
    email subjects)."""
    return {name: single_line(value) if name in SINGLE_LINE_FIELDS else value for name, value in fields.items()}


@transaction.atomic
def create(user, *, publish: bool, **fields) -> KnowledgeRequest:
    check_can_take_part(user)
    fields = single_line_fields(fields)
    relations = {name: fields.pop(name, None) for name in ("countries", "regions", "themes", "sdgs", "modalities")}
    request = KnowledgeRequest.objects.create(requester=user, **fields)
    set_relations(request, relations)
    _event(request, RequestStatus.DRAFT, user)
    if publish:
        open_request(user, request)
    return request


@transaction.atomic
def update(user, request: KnowledgeRequest, **fields) -> KnowledgeRequest:
    check_can_manage(user, request)
    if request.status not in (RequestStatus.DRAFT, *ACTIVE):
        raise ValidationError(_("A request that has ended cannot be changed."))
    fields = single_line_fields(fields)
    relations = {name: fields.pop(name, None) for name in ("countries", "regions", "themes", "sdgs", "modalities")}
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()
    set_relations(request, relations)
    if request.is_active and not request.is_withheld:
        rematch_later(request)
    return request


def set_relations(request: KnowledgeRequest, relations: dict) -> None:
    from solutions.models import Region
    from solutions.models.solution import region_codes_for

    for name in ("countries", "themes", "sdgs", "modalities"):
        if relations.get(name) is not None:
            getattr(request, name).set(relations[name])
    chosen = set(relations["regions"] or []) if relations.get("regions") is not None else None
    if chosen is None:
        chosen = {r for r in request.regions.all() if r.code not in region_codes_for(request.countries.all())}
    derived = Region.objects.filter(code__in=region_codes_for(request.countries.all()))
    request.regions.set(chosen | set(derived))


@transaction.atomic
def open_request(user, request: KnowledgeRequest) -> KnowledgeRequest:
    """A new member's request waits for a moderator, like their first posts."""
    check_can_manage(user, request)
    if request.status != RequestStatus.DRAFT:
        raise ValidationError(_("Only a draft can be opened."))
    if request.deadline < timezone.localdate():
        raise ValidationError(_("The deadline has passed; choose a later date."))
    request.is_held = bool(hold_reason(user, request.text))
    request.save(update_fields=["is_held"])
    _set_status(request, RequestStatus.OPEN, user)
    if not request.is_held:
        rematch_later(request)
    return request


@transaction.atomic
def approve_held(moderator, request: KnowledgeRequest) -> None:
    if not is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can do this."))
    if not request.is_held:
        raise ValidationError(_("This request is not waiting for review."))
    KnowledgeRequest.objects.filter(pk=request.pk).update(is_held=False)
    request.is_held = False
    record(moderator, ActionKind.APPROVE, kind="request", target_id=request.pk, label=request.title)
    _event(request, request.status, moderator, _("Approved by the moderators"))
    if request.requester_id:
        notify(
            request.requester_id,
            NotificationKind.MODERATION,
            actor=moderator,
            text=lambda: _("Your request “%(title)s” is now visible.") % {"title": request.title},
            url=request.get_absolute_url(),
        )
    rematch_later(request)
    _resync(request)


@transaction.atomic
def reject_held(moderator, request: KnowledgeRequest, reason: str) -> None:
    if not is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can do this."))
    if not request.is_held:
        raise ValidationError(_("This request is not waiting for review."))
    given = reason
    reason = reason or _("Not approved by the moderators")
    request.is_held = False
    request.save(update_fields=["is_held"])
    _set_status(request, RequestStatus.CLOSED, moderator, reason)
    record(moderator, ActionKind.REJECT, kind="request", target_id=request.pk, label=request.title, reason=reason)
    if request.requester_id:
        notify(
            request.requester_id,
            NotificationKind.MODERATION,
            actor=moderator,
            text=lambda: (
                _("Your request “%(title)s” was not approved: %(reason)s")
                % {"title": request.title, "reason": given or _("Not approved by the moderators")}
            ),
            url=request.get_absolute_url(),
        )


@transaction.atomic
def close(user, request: KnowledgeRequest, note: str = "") -> None:
    check_can_manage(user, request)
    if request.status not in (RequestStatus.DRAFT, *ACTIVE):
        raise ValidationError(_("This request has already ended."))
    _set_status(request, RequestStatus.CLOSED, user, single_line(note))
    _decline_open_offers(request)


@transaction.atomic
def make_offer(user, request: KnowledgeRequest, *, summary: str, modality=None, availability: str = "") -> Offer:
    KnowledgeRequest.locked(request.pk)  # offers on one request take turns, so "one open offer each" holds
    check_can_offer(user, request)
    offer = Offer.objects.create(
        request=request,
        author=user,
        summary=_offer_summary(summary),
        modality=modality,
        availability=single_line(availability),
    )
    if request.requester_id:
        notify(
            request.requester_id,
            NotificationKind.OFFER,
            actor=user,
            text=lambda: (
                _("%(name)s offered help on “%(title)s”") % {"name": display_name_for(user), "title": request.title}
            ),
            url=request.get_absolute_url() + "#offers",
        )
    return offer


@transaction.atomic
def make_standing_offer(user, *, summary: str, modality=None, availability: str = "", themes=(), languages=""):
    check_can_take_part(user)
    offer = Offer.objects.create(
        author=user,
        summary=_offer_summary(summary),
        modality=modality,
        availability=single_line(availability),
        languages=languages,
    )
    offer.themes.set(themes)
    return offer


@transaction.atomic
def withdraw_offer(user, offer: Offer) -> None:
    if not is_author(user, offer):
        raise PermissionDenied(_("You can only withdraw your own offers."))
    if offer.status != OfferStatus.OPEN:
        raise ValidationError(_("Only an open offer can be withdrawn."))
    _decide(offer, OfferStatus.WITHDRAWN)


@transaction.atomic
def accept_offer(user, offer: Offer, *, starts_on: date, ends_on: date | None = None) -> Exchange:
    request = KnowledgeRequest.locked(offer.request_id)
    if not is_author(user, request):
        raise PermissionDenied(_("Only the person who asked can accept an offer."))
    check_can_take_part(user)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != OfferStatus.OPEN:
        raise ValidationError(_("This offer is no longer open."))
    if not request.is_active:
        raise ValidationError(_("This request is not taking offers."))
    if ends_on and ends_on < starts_on:
        raise ValidationError(_("The exchange cannot end before it starts."))
    _decide(offer, OfferStatus.ACCEPTED)
    exchange = Exchange.objects.create(
        request=request,
        offer=offer,
        requester=user,
        provider=offer.author,
        modality=offer.modality,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if request.status == RequestStatus.OPEN:
        _set_status(request, RequestStatus.IN_DIALOGUE, user, _("Offer accepted"))
    notify(
        offer.author_id,
        NotificationKind.OFFER,
        actor=user,
        text=lambda: (
            _("%(name)s accepted your offer on “%(title)s”") % {"name": display_name_for(user), "title": request.title}
        ),
        url=request.get_absolute_url() + "#exchanges",
    )
    return exchange


@transaction.atomic
def decline_offer(user, offer: Offer) -> None:
    request = offer.request
    if request is None or not is_author(user, request):
        raise PermissionDenied(_("Only the person who asked can decline an offer."))
    if offer.status != OfferStatus.OPEN:
        raise ValidationError(_("This offer is no longer open."))
    _decide(offer, OfferStatus.DECLINED)
    notify(
        offer.author_id,
        NotificationKind.OFFER,
        actor=user,
        text=lambda: _("Your offer on “%(title)s” was not taken up this time.") % {"title": request.title},
        url=request.get_absolute_url(),
    )


@transaction.atomic
def publish_reply(user, request: KnowledgeRequest, text: str) -> None:
    """The consolidated reply sums up what was learned; the request is then fulfilled."""
    check_can_manage(user, request)
    if request.status not in (*ACTIVE, RequestStatus.EXPIRED, RequestStatus.FULFILLED):
        raise ValidationError(_("Open the request before replying to it."))
    if request.is_held:
        raise ValidationError(_("This request is waiting for a moderator."))
    text = text.strip()
    if len(text) < 20:
        raise ValidationError(_("Sum up what was learned in a few sentences."))
    request.reply = text
    request.reply_html = str(render_markdown(text))
    request.reply_by = user
    request.replied_at = timezone.now()
    request.save(update_fields=["reply", "reply_html", "reply_by", "replied_at", "updated_at"])
    if request.status != RequestStatus.FULFILLED:
        _set_status(request, RequestStatus.FULFILLED, user)
    for user_id in set(Exchange.objects.filter(request=request).values_list("provider_id", flat=True)) - {user.pk}:
        notify(
            user_id,
            NotificationKind.OFFER,
            actor=user,
            text=lambda: _("“%(title)s” now has a consolidated reply") % {"title": request.title},
            url=request.get_absolute_url() + "#reply",
        )


def expire_due(today: date | None = None) -> int:
    """Open requests whose deadline has passed end as expired; the requester is told."""
    today = today or timezone.localdate()
    expired = 0
    for request in KnowledgeRequest.objects.filter(status__in=ACTIVE, deadline__lt=today):
        with transaction.atomic():
            _set_status(request, RequestStatus.EXPIRED, None, _("The deadline passed"))
            _decline_open_offers(request)
            if request.requester_id:
                notify(
                    request.requester_id,
                    NotificationKind.OFFER,
                    text=lambda request=request: (
                        _("Your request “%(title)s” has expired. You can still publish what you learned.")
                        % {"title": request.title}
                    ),
                    url=request.get_absolute_url(),
                )
        expired += 1
    return expired


def _offer_summary(summary: str) -> str:
    summary = summary.strip()
    if len(summary) < 10:
        raise ValidationError(_("Say in a sentence or two what you can share."))
    return summary


def _decide(offer: Offer, status: str) -> None:
    offer.status = status
    offer.decided_at = timezone.now()
    offer.save(update_fields=["status", "decided_at"])


def _decline_open_offers(request: KnowledgeRequest) -> None:
    """When a request ends, the offers nobody answered end with it."""
    Offer.objects.filter(request=request, status=OfferStatus.OPEN).update(
        status=OfferStatus.DECLINED, decided_at=timezone.now()
    )


def _resync(request: KnowledgeRequest) -> None:
    from search.sync import enqueue_for

    enqueue_for(request)
