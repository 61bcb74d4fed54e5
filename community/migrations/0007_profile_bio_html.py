from django.db import migrations, models


def render_bios(apps, schema_editor):
    """The profile page shows the stored HTML from now on: render what is there."""
    from community.markdown import render_markdown

    Profile = apps.get_model("community", "Profile")
    for profile in Profile.objects.exclude(bio="").only("pk", "bio").iterator():
        Profile.objects.filter(pk=profile.pk).update(bio_html=str(render_markdown(profile.bio)))


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_request_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="bio_html",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(render_bios, migrations.RunPython.noop),
    ]
