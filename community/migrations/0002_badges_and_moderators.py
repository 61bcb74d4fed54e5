from django.db import migrations
from django.utils.translation import gettext_noop

BADGES = [
    ("first-solution", gettext_noop("First solution"), gettext_noop("Published a first solution."), "first-solution"),
    ("one-year", gettext_noop("One year of Minga"), gettext_noop("A member for a year."), "one-year"),
    ("first-accepted-answer", gettext_noop("Helpful answer"), gettext_noop("Gave a first accepted answer."), "first-accepted-answer"),
    ("ten-helpful-posts", gettext_noop("Ten helpful posts"), gettext_noop("Ten posts others found helpful."), "ten-helpful-posts"),
    ("community-builder", gettext_noop("Community builder"), gettext_noop("Recognised by the moderators for bringing people together."), ""),
    ("field-expert", gettext_noop("Field expert"), gettext_noop("Recognised by the moderators for deep practical expertise."), ""),
]

MODERATOR_PERMISSIONS = [
    ("community", "profile", ["view", "change"]),
    ("community", "award", ["view", "add", "change", "delete"]),
    ("community", "badge", ["view"]),
    ("solutions", "resource", ["view", "add", "change"]),
]


def create(apps, schema_editor):
    Badge = apps.get_model("community", "Badge")
    for slug, name, description, rule in BADGES:
        Badge.objects.update_or_create(slug=slug, defaults={"name": name, "description": description, "rule": rule})

    from django.contrib.auth.management import create_permissions

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


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("solutions", "0002_load_vocabularies"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
