"""Permission checks for members; they raise PermissionDenied with a reason the page can show,
and templates ask the same functions so the interface never offers what the server refuses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_minga_verified", None)
    if cached is None:
        cached = user._minga_verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    return cached


def is_member(user) -> bool:
    """Signed up, active, with a verified email address."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and has_verified_email(user))


def check_can_take_part(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in or join Minga to take part."))
    if not has_verified_email(user):
        raise PermissionDenied(_("Verify your email address before taking part."))
    if not user.is_active:
        raise PermissionDenied(_("This account is not active."))


def can_take_part(user) -> bool:
    try:
        check_can_take_part(user)
    except PermissionDenied:
        return False
    return True


def check_owns_profile(user, profile) -> None:
    if not getattr(user, "is_authenticated", False) or profile.user_id != user.pk:
        raise PermissionDenied(_("You can only change your own profile."))
