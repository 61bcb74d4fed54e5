from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exchange"
    verbose_name = _("Knowledge exchange")

    def ready(self):
        # Importing registers knowledge requests with the search service and the data export.
        import exchange.account_data
        import exchange.search_types  # noqa: F401
        from core.page_cache import register
        from exchange.models import Exchange, KnowledgeRequest, Match, Offer, RequestEvent

        register(KnowledgeRequest, Offer, Exchange, Match, RequestEvent)
