from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "website"

    def ready(self):
        from django.urls import register_converter

        from website.page_cache import connect
        from website.params import IdConverter

        connect()
        register_converter(IdConverter, "id")
