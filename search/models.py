from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchQueryDay(models.Model):
    """What people searched for, one row per normalised query, engine and day; no identity."""

    day = models.DateField(_("day"), db_index=True)
    text = models.CharField(_("query"), max_length=200)
    filters = models.CharField(_("topic filters"), max_length=200, blank=True, default="")
    engine = models.CharField(_("engine"), max_length=20)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)
    last_result_count = models.PositiveIntegerField(_("results (last search)"), default=0)
    total_ms = models.FloatField(_("total time (ms)"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "text", "filters", "engine"], name="search_query_day_unique")
        ]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self) -> str:
        return f"{self.day} {self.text}"
