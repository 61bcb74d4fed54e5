"""View counters: one row per counted thing, bumped by one atomic UPDATE."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F


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
