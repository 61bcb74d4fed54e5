from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        import community.search_types  # noqa: F401 - registers member profiles with the search service
        from community.affiliations import register as register_affiliations
        from community.reader_parts import register
        from community.signals import connect
        from core import page_cache

        connect()
        register()
        register_affiliations()
        page_cache.per_member("community.Follow", "community.Notification", "community.NotificationPreference")
        page_cache.ephemeral("community.ThreadViewCount")
