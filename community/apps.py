from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        import community.search_types  # noqa: F401 - registers member profiles with the search service
        from community import bookmarks, conversation_moderation, conversation_rules
        from community.affiliations import register as register_affiliations
        from community.reader_parts import register
        from community.signals import connect
        from core import page_cache

        connect()
        register()
        conversation_moderation.register()
        bookmarks.register()
        conversation_rules.register()
        register_affiliations()
        page_cache.per_member("community.Follow", "community.Notification", "community.NotificationPreference")
        # Conversations, read positions, bookmarks and ignore lists are each one member's own.
        page_cache.per_member(
            "community.Conversation",
            "community.ConversationMember",
            "community.Message",
            "community.MessageAttachment",
            "community.ThreadRead",
            "community.ReadMark",
            "community.Bookmark",
            "community.IgnoredMember",
        )
        page_cache.ephemeral("community.ThreadViewCount")
