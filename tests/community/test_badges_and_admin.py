from community.badges import award, award_earned
from community.models import Award, Profile


def test_first_solution_badge_is_awarded_on_publish(member, make_solution):
    page = make_solution(title="Mine", publish=False)
    page.owner = member
    page.save()
    assert not Award.objects.filter(profile__user=member).exists()
    page.save_revision().publish()
    assert list(Award.objects.filter(profile__user=member).values_list("badge_id", flat=True)) == ["first-solution"]
    assert award_earned(Profile.objects.get(user=member)) == []  # idempotent


def test_one_year_badge_by_the_daily_command(member):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    member.date_joined = timezone.now() - timedelta(days=400)
    member.save()
    call_command("award_badges")
    assert Award.objects.filter(profile__user=member, badge_id="one-year").exists()


def test_moderator_awarded_badge_shows_on_the_profile(client, member, admin_user):
    profile = Profile.objects.get(user=member)
    assert award(profile, "field-expert", by=admin_user, reason="Great answers")
    assert award(profile, "field-expert", by=admin_user) is None
    assert "Field expert" in client.get(profile.get_absolute_url()).content.decode()


def test_profiles_are_listed_and_filtered_in_the_admin(admin_client, make_member):
    make_member(email="k@example.org", name="Kenyan Member", country="KE")
    make_member(email="p@example.org", name="Peruvian Member", country="PE")
    listing = admin_client.get("/admin/snippets/community/profile/", {"country": "KE"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Kenyan Member" in html and "Peruvian Member" not in html


def test_moderators_group_can_use_the_admin(site_tree):
    from django.contrib.auth.models import Group

    moderators = Group.objects.get(name="Moderators")
    codenames = set(moderators.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_profile", "add_award"} <= codenames
