"""Thread pages by position: page N shows positions ((N-1)*size, N*size], so the last page of a
long thread costs the same queries and time as the first."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch

from core.page_cache import memoized

POSTS_PER_PAGE = 20


def page_of(position: int, size: int = POSTS_PER_PAGE) -> int:
    return (position - 1) // size + 1


@dataclass
class ThreadPage:
    thread: object
    number: int
    num_pages: int
    size: int = POSTS_PER_PAGE

    @cached_property
    def posts(self) -> list:
        """The page's posts, loaded when first asked for: a page whose rendered posts are in the
        cache never loads them."""
        from community.models import Attachment, Post

        start = (self.number - 1) * self.size
        posts = list(
            Post.objects.filter(thread=self.thread, position__gt=start, position__lte=start + self.size)
            .select_related("author__profile", "quote_of__author__profile")
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
            .order_by("position")
        )
        for post in posts:
            post.thread = self.thread  # the permission checks of each post read its thread and category
        return posts

    @property
    def author_ids(self) -> list[int]:
        """Who wrote the page's posts, kept with the page cache's generation."""
        return memoized(
            f"thread-page-authors:{self.thread.pk}:{self.number}:{self.size}",
            lambda: [post.author_id for post in self.posts],
        )

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
    num_pages = max(1, page_of(max(thread.post_count, 1), size))
    return ThreadPage(thread=thread, number=min(max(1, number), num_pages), num_pages=num_pages, size=size)
