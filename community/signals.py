from __future__ import annotations

from wagtail.signals import page_published


def award_on_publish(sender, instance, **kwargs):
    from community.badges import award_earned
    from community.models import Profile

    if instance.owner_id:
        profile = Profile.objects.filter(user_id=instance.owner_id).first()
        if profile:
            award_earned(profile)


def connect() -> None:
    from solutions.models import SolutionPage

    page_published.connect(award_on_publish, sender=SolutionPage, dispatch_uid="community-badge-on-publish")
