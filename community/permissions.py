"""Permission checks for members; they raise PermissionDenied with a reason the page can show,
and templates ask the same functions so the interface never offers what the server refuses."""

from __future__ import annotations

from collections.abc import Container, Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from community.facts import facts_of


def allows(check, *args) -> bool:
    """The yes/no form of a check, for templates and listings."""
    try:
        check(*args)
    except PermissionDenied:
        return False
    return True


AUTHOR_FIELDS = ("author_id", "requester_id", "owner_id", "user_id")


def author_id_of(content) -> int | None:
    """Who made ``content``: a post's or offer's author, a request's requester, a page's owner,
    a profile's member; ``None`` once that account is deleted."""
    for field in AUTHOR_FIELDS:
        if hasattr(content, field):
            return getattr(content, field)
    raise TypeError(f"{type(content).__name__} has no author")


def is_author(user, content) -> bool:
    """Whether this signed-in reader made ``content`` (an object, or its author's id).

    The only way to ask. A visitor's ``pk`` is ``None``, and so is the author of content whose
    account was deleted: comparing ids directly made every visitor the author of such content,
    and showed them what only its author may see."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return False
    author_id = content if content is None or isinstance(content, int) else author_id_of(content)
    return author_id is not None and author_id == user.pk


def has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False):
        return False
    facts = facts_of(user)
    if facts.verified is None:
        facts.verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    return facts.verified


def is_member(user) -> bool:
    """Signed up, active, with a verified email address."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and has_verified_email(user))


def check_can_take_part(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in or join Minga to take part."))
    if not has_verified_email(user):
        raise PermissionDenied(_("Verify your email address before taking part."))
    if not user.is_active:
        raise PermissionDenied(_("This account is not active."))
    from community.sanctions import blocking_posting

    sanction = blocking_posting(user)
    if sanction is not None:
        if sanction.ends_at:
            from django.utils.formats import date_format

            raise PermissionDenied(
                _("You cannot post until %(date)s: %(reason)s")
                % {"date": date_format(sanction.ends_at, "DATETIME_FORMAT"), "reason": sanction.reason}
            )
        raise PermissionDenied(_("You cannot post: %(reason)s") % {"reason": sanction.reason})


def can_take_part(user) -> bool:
    return allows(check_can_take_part, user)


def check_owns_profile(user, profile) -> None:
    if not is_author(user, profile):
        raise PermissionDenied(_("You can only change your own profile."))


def is_moderator(user, category=None) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    facts = facts_of(user)
    if facts.moderator is None:
        facts.moderator = user.groups.filter(name="Moderators").exists()
    if facts.moderator:
        return True
    if not category or facts.moderates_a_category is False:
        return False
    # Asked once per category and request: a thread page asks for each of its posts.
    moderated = facts.moderated
    if category.pk not in moderated:
        moderated[category.pk] = category.moderators.filter(pk=user.pk).exists()
    return moderated[category.pk]


def know_moderated_categories(user, category_ids: Iterable[int | None]) -> None:
    """Asks at once which of these categories the member moderates, and keeps the answers where
    ``is_moderator`` looks: checking many threads costs one query, not one per category."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return
    facts = facts_of(user)
    unknown = {pk for pk in category_ids if pk is not None} - set(facts.moderated)
    if not unknown or facts.moderator or facts.moderates_a_category is False:
        return
    from community.models import Category

    mine = set(
        Category.moderators.through.objects.filter(user=user, category_id__in=unknown).values_list(
            "category_id", flat=True
        )
    )
    facts.moderated.update({pk: pk in mine for pk in unknown})


def check_can_post(user, thread=None) -> None:
    check_can_take_part(user)
    if thread is not None and thread.is_locked and not is_moderator(user, thread.category):
        raise PermissionDenied(_("This thread is locked."))
    if thread is not None and thread.is_hidden and not is_moderator(user, thread.category):
        raise PermissionDenied(_("This thread is not available."))


def can_post(user, thread=None) -> bool:
    return allows(check_can_post, user, thread)


def check_can_edit_post(user, post) -> None:
    check_can_take_part(user)
    if post.is_deleted:
        raise PermissionDenied(_("A deleted post cannot be edited."))
    if is_moderator(user, post.thread.category):
        return
    if not is_author(user, post):
        raise PermissionDenied(_("You can only edit your own posts."))
    if post.thread.is_locked:
        raise PermissionDenied(_("This thread is locked."))


def can_edit_post(user, post) -> bool:
    return allows(check_can_edit_post, user, post)


def check_can_see_history(user, post) -> None:
    if not (is_author(user, post) or is_moderator(user, post.thread.category)):
        raise PermissionDenied(_("Only the author and moderators can see the edit history."))


def check_can_accept(user, thread) -> None:
    check_can_take_part(user)
    if not thread.is_question:
        raise PermissionDenied(_("Only questions have accepted answers."))
    if not is_author(user, thread) and not is_moderator(user, thread.category):
        raise PermissionDenied(_("Only the person who asked, or a moderator, can accept an answer."))


def can_accept(user, thread) -> bool:
    return allows(check_can_accept, user, thread)


def public_page_ids(pages: Iterable) -> set[int]:
    """Those of the pages (or ids) that are live and without a view restriction: what a visitor
    may open. One query for any number of pages."""
    from wagtail.models import Page

    ids = {getattr(page, "pk", page) for page in pages}
    return set(Page.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def is_public_page(page) -> bool:
    """Live and without a view restriction: what a visitor may open (a page or its id)."""
    return getattr(page, "pk", page) in public_page_ids([page])


def public_pages_of_threads(user, threads: Iterable) -> set[int]:
    """What ``can_see_thread`` asks the database about many threads, asked at once: which of
    their categories the member moderates (kept for ``is_moderator``), and which of the pages
    they comment on are public (returned, for ``public_pages``)."""
    threads = list(threads)
    know_moderated_categories(user, {thread.category_id for thread in threads})
    return public_page_ids({thread.page_id for thread in threads if thread.page_id is not None})


def can_see_thread(user, thread, public_pages: Container[int] | None = None) -> bool:
    """A hidden thread (a held opening post, reported, merged away) is shown to its author and
    moderators; the comments of a page to those who may see the page. ``public_pages``, from
    ``public_pages_of_threads``, saves a query per thread where many are checked."""
    if is_moderator(user, thread.category):
        return True
    if thread.page_id is not None:
        public = thread.page_id in public_pages if public_pages is not None else is_public_page(thread.page_id)
        if not public:
            return False
    return not thread.is_hidden or is_author(user, thread)


def can_read_post(user, post, public_pages: Container[int] | None = None) -> bool:
    """A post on its own (to edit, quote, react to, download from or report): in a thread shown
    to everyone, and itself shown to this reader."""
    return not post.thread.is_hidden and can_see_thread(user, post.thread, public_pages) and can_see_post(user, post)


def can_see_profile(user, profile) -> bool:
    """Profiles of active members; one hidden by the moderators is seen by its member and them."""
    if not profile.user.is_active:
        return False
    return not profile.is_hidden or is_author(user, profile) or is_moderator(user)


def can_see_post(user, post) -> bool:
    """Held and hidden posts are shown to their author and to moderators only."""
    from community.models import PostStatus

    if post.status == PostStatus.VISIBLE:
        return True
    return is_author(user, post) or is_moderator(user, post.thread.category)
