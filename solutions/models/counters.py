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
        increment_counter(cls, page_id=page_id)


def increment_counter(model, by: int = 1, **key) -> None:
    """One atomic UPDATE of ``model.count``; the row is created on the first hit, retrying if two
    requests race to create it. Shared by every view counter."""
    if model.objects.filter(**key).update(count=F("count") + by):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, count=by)
    except IntegrityError:
        model.objects.filter(**key).update(count=F("count") + by)
