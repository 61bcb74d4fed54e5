from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The platform every app builds on; it imports no app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from django.urls import register_converter

        import core.checks  # noqa: F401 - registers the system check
        from core.page_cache import connect
        from core.params import IdConverter

        connect()
        register_converter(IdConverter, "id")
