"""How far each signed-in member read each thread: one row per member and thread (``ThreadRead``),
moved forward at most once per page view, and "mark all read" marks (``ReadMark``), in one
category or everywhere, so a thread with no activity since a mark counts as read without a row.
Threads with no activity since the member joined are not new to them either.

The discussions lists are shared between readers, and each reader's counts of new posts are put
into a list on the way out (``with_new_posts``), in two queries. The thread page loads the
member's position with the thread and sends a member behind the thread to their first unread
post by a redirect, so the shared page itself never differs between readers. Only the posts the
thread page shows the member count as new: a held or hidden post is shown to its author and the
category's moderators alone (``permissions.can_see_post``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from community.comments import moderates_a_category
from community.models import Category, Post, PostStatus, ReadMark, Thread, ThreadRead
from community.permissions import is_moderator
from core.prepared import put_in


@dataclass
class Marks:
    """The member's "read up to" times: everywhere, and per category where later."""

    everywhere: datetime
    categories: dict[int, datetime] = field(default_factory=dict)

    def of(self, category_id: int | None) -> datetime:
        return max(self.everywhere, self.categories.get(category_id, self.everywhere))


def marks_of(user) -> Marks:
    found = dict(ReadMark.objects.filter(user=user).values_list("category_id", "marked_at"))
    everywhere = max(user.date_joined, found.pop(None, user.date_joined))
    return Marks(everywhere, {pk: at for pk, at in found.items() if at > everywhere})


def not_shown_q(user) -> Q:
    """The posts the thread page does not show the member where they moderate nothing: held or
    hidden ones by someone else (``permissions.can_see_post``, in SQL)."""
    return ~Q(status=PostStatus.VISIBLE) & ~Q(author_id=user.pk)


def with_position(threads: QuerySet, user) -> QuerySet:
    """Threads with the member's position (``read_position``: the last post they were shown,
    None if never opened), in the same query: a plain subquery, cheap to build."""
    position = ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values("position")[:1]
    return threads.annotate(read_position=Subquery(position, output_field=IntegerField()))


# Which held and hidden posts of others the thread page shows a member (``shown_to``).
ALL, IN_MODERATED_CATEGORIES, NONE = "all", "in-moderated-categories", "none"


def shown_to(user) -> str:
    if is_moderator(user):
        return ALL
    return IN_MODERATED_CATEGORIES if moderates_a_category(user) else NONE


def with_read_positions(threads: QuerySet, user, shown: str | None = None) -> QuerySet:
    """Threads with the member's position (``read_position``) and how many posts after it the
    thread page shows them (``unread_count``), in the same query (``shown``: ``shown_to(user)``)."""
    threads = with_position(threads, user)
    after = Coalesce(F("read_position"), 0)
    return threads.annotate(unread_count=F("post_count") - after - _not_shown_after(user, shown or shown_to(user)))


def _not_shown_after(user, shown: str):
    """How many of the posts after the member's position they are not shown: none where they
    moderate, else a count of the (few) held and hidden posts there."""
    if shown == ALL:
        return Value(0)
    not_shown = (
        Post.objects.filter(
            not_shown_q(user), thread=OuterRef("pk"), position__gt=Coalesce(OuterRef("read_position"), 0)
        )
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    count = Coalesce(Subquery(not_shown, output_field=IntegerField()), 0)
    if shown == NONE:
        return count
    moderated = Category.moderators.through.objects.filter(user=user).values("category_id")
    return Case(When(category_id__in=moderated, then=Value(0)), default=count, output_field=IntegerField())


def unread_q(marks: Marks) -> Q:
    """Threads with posts the member has not read, in SQL (on ``with_read_positions``)."""
    not_read = Q(unread_count__gt=0)
    later = Q(category_id__in=list(marks.categories)) if marks.categories else Q(pk__in=[])
    since_mark = ~later & Q(last_activity_at__gt=marks.everywhere)
    for category_id, marked_at in marks.categories.items():
        since_mark |= Q(category_id=category_id, last_activity_at__gt=marked_at)
    return not_read & since_mark


def new_posts(thread: Thread, marks: Marks) -> int:
    """How many of the thread's posts are new to the member (0 when read)."""
    return count_new(thread.last_activity_at, thread.category_id, thread.unread_count, marks)


def count_new(last_activity_at: datetime, category_id: int | None, unread_count: int, marks: Marks) -> int:
    if last_activity_at <= marks.of(category_id):
        return 0
    return max(0, unread_count)


def new_posts_in(threads: list[int], user) -> dict[int, int]:
    """How many posts are new to the member in each of ``threads`` (ids) that has any, in two
    queries (their marks, then the threads' positions), whatever the number of threads."""
    if not threads:
        return {}
    marks = marks_of(user)
    sql, params = positions_sql(shown_to(user), len(threads), connection.vendor)
    stand_ins = {SOME_MEMBER: user.pk} | {SOME_THREAD - i: pk for i, pk in enumerate(threads)}
    rows = Thread.objects.raw(sql, put_in(params, stand_ins))
    counts = {t.pk: count_new(t.last_activity_at, t.category_id, t.unread_count, marks) for t in rows}
    return {pk: count for pk, count in counts.items() if count}


# Stand-ins for the member and the threads in the compiled query of ``new_posts_in``.
SOME_MEMBER = -918_273_645
SOME_THREAD = -7_000_000_000


@lru_cache(maxsize=64)
def positions_sql(shown: str, count: int, vendor: str) -> tuple[str, list]:
    """The SQL of ``with_read_positions`` for ``count`` threads and a member shown ``shown``,
    compiled once per process (the ORM took two milliseconds to build and compile it, a list of
    threads a fraction of one to run it), with stand-ins for the member and the threads."""
    member = get_user_model()(pk=SOME_MEMBER)
    threads = Thread.objects.filter(pk__in=[SOME_THREAD - i for i in range(count)])
    query = with_read_positions(threads, member, shown).values_list(
        "id", "last_activity_at", "category_id", "unread_count"
    )
    sql, params = query.query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


# A list of threads is the same for every reader but for what is new to each: its rows carry
# these marks, shared with the rest of the list, and each reader's counts are put in on the way
# out (``with_new_posts``).
ROW_MARK = re.compile(r'<li class="thread-row" data-thread="(\d+)">')
COUNT_MARK = re.compile(r"<!--new-posts:(\d+)-->")


def with_new_posts(html: str, user) -> str:
    """``html``, a list of thread rows with their marks, showing the reader what is new to them:
    the row marked unread and a count of its new posts."""
    ids = [int(pk) for pk in COUNT_MARK.findall(html)]
    counts = new_posts_in(ids, user) if ids and getattr(user, "is_authenticated", False) else {}

    def count(match) -> str:
        n = counts.get(int(match[1]))
        if not n:
            return ""
        label = ngettext("%(counter)s new post", "%(counter)s new posts", n) % {"counter": n}
        return format_html('<span class="badge-new">{}</span>', label)

    def row(match) -> str:
        return f'<li class="thread-row unread" data-thread="{match[1]}">' if counts.get(int(match[1])) else match[0]

    html = COUNT_MARK.sub(count, html)
    return ROW_MARK.sub(row, html) if counts else html


def first_unread(user, thread: Thread, position: int | None) -> Post | None:
    """The post to open the thread at: the first after the member's ``position`` that the page
    shows them, if any and if the thread is not marked read since. Plain queries, and only for a
    member behind the thread: one who read it all costs none."""
    if position is None or position >= thread.post_count or thread.last_activity_at <= user.date_joined:
        return None
    if thread.last_activity_at <= marks_of(user).of(thread.category_id):
        return None
    posts = Post.objects.filter(thread=thread, position__gt=position)
    if not is_moderator(user, thread.category):
        posts = posts.exclude(not_shown_q(user))
    return posts.order_by("position").only("pk", "position").first()


def record(user, thread: Thread, seen: int, known: int | None) -> None:
    """Moves the member's position to ``seen`` (the last post of the page shown), in one write,
    when it moves forward. ``known`` is the position read before (None: no row yet)."""
    if known is None:
        ThreadRead.objects.bulk_create(
            [ThreadRead(user=user, thread=thread, position=seen)],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["position"],
        )
    elif seen > known:
        ThreadRead.objects.filter(user=user, thread=thread, position__lt=seen).update(position=seen)


def mark_all_read(user, category=None) -> None:
    """Everything up to now, in one category or everywhere, without a row per thread."""
    ReadMark.objects.update_or_create(user=user, category=category, defaults={"marked_at": timezone.now()})
