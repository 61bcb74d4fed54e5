from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolutionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "solutions"
    verbose_name = _("Solutions")

    def ready(self):
        from core import page_cache

        # Counted in batches on every view, shown as they were at the last change.
        page_cache.ephemeral("solutions.PageViewCount")
