from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exchange"
    verbose_name = _("Knowledge exchange")

    def ready(self):
        # What exchange contributes to the layers below it, through their registries: knowledge
        # requests in search, the data export and erasure, moderation, notification settings.
        import exchange.account_data
        import exchange.search_types  # noqa: F401
        from core import page_cache
        from exchange.alerts import register_settings
        from exchange.moderation import register
        from exchange.organisation_section import register as register_organisation_section

        register()
        register_organisation_section()
        register_settings()
        page_cache.per_member("exchange.RequestAlerts")
        page_cache.ephemeral("exchange.MatchNotice")  # bookkeeping: who was told of a request
