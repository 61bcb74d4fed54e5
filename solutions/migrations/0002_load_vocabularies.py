from django.db import migrations


def load(apps, schema_editor):
    from solutions.vocabularies import load_vocabularies

    load_vocabularies(apps)


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("en", "es", "fr", "pt"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("solutions", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(create_locales, migrations.RunPython.noop),
    ]
