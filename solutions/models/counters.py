from __future__ import annotations

from django.db import models

from core.view_counters import increment_counter


class PageViewCount(models.Model):
    """Views kept apart from the page row, so publishing a revision never rewinds the count."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="view_count"
    )
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.page_id}: {self.count}"

    @classmethod
    def increment(cls, page_id: int) -> None:
        increment_counter(cls, page_id=page_id)
