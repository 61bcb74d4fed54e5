"""Thread pages by position: page N shows positions ((N-1)*size, N*size], so the last page of a
long thread costs the same queries and time as the first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

POSTS_PER_PAGE = 20


def page_of(position: int, size: int = POSTS_PER_PAGE) -> int:
    return (position - 1) // size + 1


@dataclass
class ThreadPage:
    number: int
    num_pages: int
    posts: list

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def page_range(self) -> list:
        """A short window of page numbers around the current one, with the first and last."""
        wanted = {1, self.num_pages, *range(max(1, self.number - 2), min(self.num_pages, self.number + 2) + 1)}
        pages, last = [], 0
        for number in sorted(wanted):
            if number - last > 1:
                pages.append(None)
            pages.append(number)
            last = number
        return pages


def thread_page(thread, number: int, size: int = POSTS_PER_PAGE) -> ThreadPage:
    from community.models import Attachment, Post

    num_pages = max(1, page_of(max(thread.post_count, 1), size))
    number = min(max(1, number), num_pages)
    start = (number - 1) * size
    posts = list(
        Post.objects.filter(thread=thread, position__gt=start, position__lte=start + size)
        .select_related("author__profile", "quote_of__author__profile")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("position")
    )
    for post in posts:
        post.thread = thread  # the permission checks of each post read its thread and category
    return ThreadPage(number=number, num_pages=num_pages, posts=posts)
