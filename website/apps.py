from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "website"

    def ready(self):
        from community.profiles import policy_versions
        from website.cache_classes import declare
        from website.policies import site_policy_versions

        policy_versions.register("site-links", site_policy_versions)
        declare()
