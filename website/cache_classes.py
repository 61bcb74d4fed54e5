"""The installed libraries' models that the page cache does not watch (``core/page_cache.py``):
each app declares its own; the composition root, which chooses the libraries, declares theirs."""

from __future__ import annotations

from core import page_cache


def declare() -> None:
    page_cache.per_member(
        "auth.User",  # last_login on every sign-in; pages show profiles, and rights are read per request
        "account.EmailAddress",
        "account.EmailConfirmation",
        "mfa.Authenticator",
        "socialaccount.SocialAccount",
        "socialaccount.SocialToken",
        "wagtailusers.UserProfile",
        "wagtailcore.PageSubscription",
        "wagtailcore.APIToken",
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
    )
    page_cache.ephemeral(
        "sessions.Session",
        "usersessions.UserSession",  # last seen, written every few minutes per member
        "admin.LogEntry",
        "wagtailcore.PageLogEntry",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.Revision",  # drafts: publishing is what changes a page
        "wagtailcore.ReferenceIndex",
        "wagtailcore.UploadedFile",
        "wagtailsearch.IndexEntry",
        "wagtailsearch.SQLiteFTSIndexEntry",
        "wagtailimages.Rendition",  # made while a page renders, from an image that is watched
        "wagtailembeds.Embed",  # fetched while a page renders
        "django_tasks_database.DBTaskResult",
    )
