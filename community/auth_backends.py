"""Authentication backends that load a signed-in member together with what nearly every page
asks about them: a verified email address, moderator rights, blocking sanctions, the number of
unread notifications and conversations, whether they may use the admin, whether they ever commented,
whether they ignore anyone and the interface language they last used. One query instead of ten;
the facts then go on ``user.facts`` (community/facts.py), where the permission checks, sanctions,
notifications and shared pages look first."""

from __future__ import annotations

import datetime
from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from community.facts import MemberFacts

# Stand-ins for the two values that change between requests, replaced in the compiled query.
SOME_MEMBER = -918_273_645
SOME_TIME = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)


def members_with_facts(now=None):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group, Permission

    from community.conversations import unread_seats
    from community.models import (
        Category,
        IgnoredMember,
        Notification,
        NotificationKind,
        Post,
        Profile,
        Sanction,
        ThreadKind,
    )
    from community.sanctions import BLOCKS_POSTING

    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .exclude(kind=NotificationKind.MESSAGE)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    conversations = (
        unread_seats().filter(user=OuterRef("pk")).order_by().values("user").annotate(n=Count("pk")).values("n")
    )
    admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    return get_user_model()._default_manager.annotate(
        facts_admin=Exists(admin.filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")))),
        facts_verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
        facts_moderator=Exists(Group.objects.filter(user=OuterRef("pk"), name="Moderators")),
        facts_moderates_a_category=Exists(Category.moderators.through.objects.filter(user=OuterRef("pk"))),
        facts_blocked=Exists(Sanction.objects.active(now).filter(user=OuterRef("pk"), kind__in=BLOCKS_POSTING)),
        facts_unread=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
        facts_unread_conversations=Coalesce(Subquery(conversations, output_field=IntegerField()), 0),
        facts_commented=Exists(Post.objects.filter(author=OuterRef("pk"), thread__kind=ThreadKind.COMMENTS)),
        facts_ignores=Exists(IgnoredMember.objects.filter(user=OuterRef("pk"))),
        facts_language=Subquery(Profile.objects.filter(user=OuterRef("pk")).values("language")[:1]),
    )


def remember_facts(user) -> None:
    user.facts = MemberFacts(
        admin=bool(user.is_active and (user.is_superuser or user.facts_admin)),
        verified=bool(user.facts_verified),
        moderator=bool(user.facts_moderator),
        moderates_a_category=bool(user.facts_moderates_a_category),
        blocking_sanctions=None if user.facts_blocked else [],  # the blocking ones are read when needed
        unread=user.facts_unread,
        unread_conversations=user.facts_unread_conversations,
        commented=bool(user.facts_commented),
        ignored=None if user.facts_ignores else frozenset(),  # whom, read when needed
        language=user.facts_language,  # None without a profile
    )


@cache
def compiled_query() -> tuple[str, list]:
    """The SQL of ``members_with_facts`` for one member, compiled once per process: building and
    compiling its five subqueries costs about 4 ms, running it well under one."""
    query = members_with_facts(now=SOME_TIME).filter(pk=SOME_MEMBER).query
    sql, params = query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def load_member(user_id):
    """The member ``user_id`` with their facts, or None."""
    sql, params = compiled_query()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    some_time = connection.ops.adapt_datetimefield_value(SOME_TIME)
    values = [user_id if p == SOME_MEMBER else now if p == some_time else p for p in params]
    return next(iter(get_user_model()._default_manager.raw(sql, values)), None)


class MemberFactsMixin:
    def get_user(self, user_id):
        user = load_member(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        remember_facts(user)
        return user


class ModelBackend(MemberFactsMixin, backends.ModelBackend):
    pass


class AuthenticationBackend(MemberFactsMixin, AllauthBackend):
    pass
