from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core import page_cache
        from search.sync import connect_signals

        connect_signals()
        page_cache.ephemeral("search.SearchQueryDay")  # the search log, written in batches
