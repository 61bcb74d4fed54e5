"""Authentication backends that load a signed-in member together with what nearly every page
asks about them: a verified email address, moderator rights, blocking sanctions and the number of
unread notifications. One query instead of five; each fact is then cached on the user object
where the permission checks (community/permissions.py), sanctions and notifications look first."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def members_with_facts():
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from community.models import Category, Notification, Sanction
    from community.sanctions import BLOCKS_POSTING

    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return get_user_model()._default_manager.annotate(
        facts_verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
        facts_moderator=Exists(Group.objects.filter(user=OuterRef("pk"), name="Moderators")),
        facts_moderates_a_category=Exists(Category.moderators.through.objects.filter(user=OuterRef("pk"))),
        facts_blocked=Exists(Sanction.objects.active().filter(user=OuterRef("pk"), kind__in=BLOCKS_POSTING)),
        facts_unread=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
    )


def remember_facts(user) -> None:
    user._minga_verified = user.facts_verified
    user._minga_moderator = user.facts_moderator
    if not user.facts_moderates_a_category:
        user._minga_moderates_no_category = True
    if not user.facts_blocked:
        user._minga_blocking_sanctions = []
    user._minga_unread = user.facts_unread


class MemberFactsMixin:
    def get_user(self, user_id):
        try:
            user = members_with_facts().get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        remember_facts(user)
        return user


class ModelBackend(MemberFactsMixin, backends.ModelBackend):
    pass


class AuthenticationBackend(MemberFactsMixin, AllauthBackend):
    pass
