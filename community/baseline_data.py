"""Rows the community needs from the start: badges and the Moderators group with its permissions."""

from django.utils.translation import gettext_noop

BADGES = [
    ("first-solution", gettext_noop("First solution"), gettext_noop("Published a first solution."), "first-solution"),
    ("one-year", gettext_noop("One year of Minga"), gettext_noop("A member for a year."), "one-year"),
    (
        "first-accepted-answer",
        gettext_noop("Helpful answer"),
        gettext_noop("Gave a first accepted answer."),
        "first-accepted-answer",
    ),
    (
        "ten-helpful-posts",
        gettext_noop("Ten helpful posts"),
        gettext_noop("Ten posts others found helpful."),
        "ten-helpful-posts",
    ),
    (
        "community-builder",
        gettext_noop("Community builder"),
        gettext_noop("Recognised by the moderators for bringing people together."),
        "",
    ),
    (
        "field-expert",
        gettext_noop("Field expert"),
        gettext_noop("Recognised by the moderators for deep practical expertise."),
        "",
    ),
]

MODERATOR_PERMISSIONS = [
    ("community", "profile", ["view", "change"]),
    ("community", "award", ["view", "add", "change", "delete"]),
    ("community", "badge", ["view"]),
    ("solutions", "resource", ["view", "add", "change"]),
]


def create_badges_and_moderators(apps) -> None:
    """Idempotent; runs in the migration and again after a database flush (tests)."""
    Badge = apps.get_model("community", "Badge")
    for slug, name, description, rule in BADGES:
        Badge.objects.update_or_create(slug=slug, defaults={"name": name, "description": description, "rule": rule})

    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    if apps is not global_apps:
        # In a migration, permissions of the apps migrated so far do not exist yet.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _created = Group.objects.get_or_create(name="Moderators")
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    moderators.permissions.add(*admin_access)
    for app_label, model, actions in MODERATOR_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        moderators.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
