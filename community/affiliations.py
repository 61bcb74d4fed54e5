"""Members' affiliations with organisations: a member states one, an editor of the organisation
confirms it, and the organisation's page says who confirmed what. Editors are the members an
organisation names (and moderators); they also edit its page."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Affiliation, Visibility
from community.permissions import allows, check_can_take_part, is_moderator
from core.params import positive_int
from solutions.models import Organisation
from solutions.organisations import PageSection, merge_steps, page_sections


def check_can_edit_organisation(user, organisation: Organisation) -> None:
    check_can_take_part(user)
    if is_moderator(user):
        return
    if not organisation.editors.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Only this organisation's editors may change its page or confirm its members."))


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return allows(check_can_edit_organisation, user, organisation)


def state_affiliation(user, organisation: Organisation, role: str = "") -> Affiliation:
    """The member says they work for ``organisation``; a changed role needs confirming again."""
    check_can_take_part(user)
    affiliation, created = Affiliation.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role[:200]}
    )
    if not created and affiliation.role != role[:200]:
        affiliation.role = role[:200]
        affiliation.confirmed_by, affiliation.confirmed_at = None, None
        affiliation.save(update_fields=["role", "confirmed_by", "confirmed_at"])
    return affiliation


def withdraw_affiliation(user, organisation: Organisation) -> None:
    check_can_take_part(user)
    Affiliation.objects.filter(user=user, organisation=organisation).delete()


def confirm_affiliation(editor, affiliation: Affiliation) -> Affiliation:
    check_can_edit_organisation(editor, affiliation.organisation)
    affiliation.confirmed_by, affiliation.confirmed_at = editor, timezone.now()
    affiliation.save(update_fields=["confirmed_by", "confirmed_at"])
    return affiliation


@transaction.atomic
def move_affiliations(merged: Organisation, kept: Organisation) -> None:
    """A merge step: members of the organisation merged away become members of the one kept; a
    member of both keeps one affiliation, confirmed if either was."""
    existing = {a.user_id: a for a in Affiliation.objects.filter(organisation=kept)}
    for affiliation in Affiliation.objects.filter(organisation=merged):
        twin = existing.get(affiliation.user_id)
        if twin is None:
            affiliation.organisation = kept
            affiliation.save(update_fields=["organisation"])
            continue
        if twin.confirmed_at is None and affiliation.confirmed_at is not None:
            twin.confirmed_by, twin.confirmed_at = affiliation.confirmed_by, affiliation.confirmed_at
            twin.save(update_fields=["confirmed_by", "confirmed_at"])
        affiliation.delete()


def shown_affiliations(organisation: Organisation) -> QuerySet:
    """Members whose profiles say where they work to everyone (so one page serves every reader)."""
    return (
        Affiliation.objects.filter(
            organisation=organisation,
            user__is_active=True,
            user__profile__is_hidden=False,
            user__profile__organisation_visibility=Visibility.PUBLIC,
        )
        .select_related("user__profile", "confirmed_by__profile")
        .order_by("user__profile__display_name", "pk")
    )


MEMBERS_PAGE = 24  # members listed a page at a time (?members=2): an agency may have thousands
PENDING_SHOWN = 50


def members_section(organisation: Organisation, request) -> dict:
    """The members listed (the same for every reader, so called only when the section's shared
    fragment is not in the cache) and what this reader may do: state their own affiliation, and
    for the organisation's editors, confirm others'."""
    asked = request.GET.get("members", "")

    @cache
    def members() -> dict:
        unconfirmed_last = ExpressionWrapper(Q(confirmed_at=None), output_field=BooleanField())
        ordered = shown_affiliations(organisation).order_by(unconfirmed_last, "user__profile__display_name", "pk")
        listed = Paginator(ordered, MEMBERS_PAGE).get_page(asked)
        return {
            "confirmed": [a for a in listed if a.is_confirmed],
            "unconfirmed": [a for a in listed if not a.is_confirmed],
            "listed": listed,
        }

    user = request.user
    mine = None
    if getattr(user, "is_authenticated", False):
        mine = Affiliation.objects.filter(organisation=organisation, user=user).first()
    editor = getattr(user, "is_authenticated", False) and can_edit_organisation(user, organisation)
    pending = Affiliation.objects.filter(organisation=organisation, confirmed_at=None).select_related("user__profile")
    return {
        "members": members,
        "members_key": positive_int(asked) or 1,
        "pending": list(pending.order_by("-pk")[:PENDING_SHOWN]) if editor else [],
        "mine": mine,
        "can_edit": editor,
        "can_state": getattr(user, "is_authenticated", False),
    }


def register() -> None:
    merge_steps.register("community.affiliations", move_affiliations)
    page_sections.register("members", PageSection("community/includes/organisation_members.html", members_section))
