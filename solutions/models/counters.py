from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import F


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
        """One atomic UPDATE; the row is created on the first view, retrying if two race."""
        if cls.objects.filter(page_id=page_id).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(page_id=page_id, count=1)
        except IntegrityError:
            cls.objects.filter(page_id=page_id).update(count=F("count") + 1)
