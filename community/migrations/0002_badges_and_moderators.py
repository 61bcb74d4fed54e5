from django.db import migrations

def create(apps, schema_editor):
    from community.baseline_data import create_badges_and_moderators

    create_badges_and_moderators(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("solutions", "0002_load_vocabularies"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
