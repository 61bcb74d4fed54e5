from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from solutions.models.vocab import language_codes, language_names, stored_languages


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members only")
    PRIVATE = "private", _("Only me")


# Fields a member can show or hide, each with its own visibility column (so the directory can
# filter on what the viewer may see in SQL).
VISIBLE_FIELDS = ("photo", "country", "organisation", "role", "bio", "expertise", "languages", "links")


def visibility_field(default: str = Visibility.PUBLIC):
    return models.CharField(max_length=10, choices=Visibility.choices, default=default)


class ConversationsFrom(models.TextChoices):
    EVERYONE = "everyone", _("Any member")
    CONTACTS = "contacts", _("Only members I have talked with")
    NOBODY = "nobody", _("Nobody")


class ProfileExpertiseTag(TaggedItemBase):
    content_object = models.ForeignKey("community.Profile", on_delete=models.CASCADE, related_name="tagged_items")


def photo_path(profile: Profile, filename: str) -> str:
    return f"profiles/{profile.slug}/{secrets.token_hex(8)}-{filename}"


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    display_name = models.CharField(_("name"), max_length=120)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    photo_small = models.ImageField(upload_to=photo_path, blank=True, editable=False)
    country = models.ForeignKey(
        "solutions.Country",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("country"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    bio = models.TextField(_("about me"), max_length=4000, blank=True, help_text=_("Markdown: links, lists, emphasis."))
    # Rendered when the bio is saved, not on every view of the profile.
    bio_html = models.TextField(blank=True, editable=False)
    expertise_themes = models.ManyToManyField(
        "solutions.Theme", blank=True, related_name="experts", verbose_name=_("expertise")
    )
    expertise_tags = TaggableManager(through=ProfileExpertiseTag, blank=True, verbose_name=_("other expertise"))
    # Stored as ",en,pt," so "speaks Portuguese" is a plain LIKE on every database.
    languages = models.CharField(_("languages spoken"), max_length=40, blank=True, default="")
    links = models.JSONField(_("links"), default=list, blank=True)

    photo_visibility = visibility_field()
    country_visibility = visibility_field()
    organisation_visibility = visibility_field()
    role_visibility = visibility_field()
    bio_visibility = visibility_field()
    expertise_visibility = visibility_field()
    languages_visibility = visibility_field()
    links_visibility = visibility_field(Visibility.MEMBERS)

    terms_version = models.CharField(max_length=20, blank=True)
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    conduct_version = models.CharField(max_length=20, blank=True)
    conduct_accepted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by moderators"), default=False)
    conversations_from = models.CharField(
        _("who may start a conversation with me"),
        max_length=10,
        choices=ConversationsFrom.choices,
        default=ConversationsFrom.EVERYONE,
    )
    # The interface language the member last used, blank for the site's default: what their
    # notifications and emails are written in (recorded by community.middleware).
    language = models.CharField(max_length=8, blank=True, default="", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.display_name)[:60] or "member"
            self.slug = f"{base}-{secrets.token_hex(3)}"
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "bio" in update_fields:
            self.render_bio()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "bio_html"}
        super().save(*args, **kwargs)

    def render_bio(self) -> None:
        from community.markdown import render_markdown

        self.bio_html = str(render_markdown(self.bio)) if self.bio else ""

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("member_profile", args=[self.slug])

    @property
    def language_codes(self) -> list[str]:
        return language_codes(self.languages)

    def set_languages(self, codes) -> None:
        self.languages = stored_languages(codes)

    def language_names(self) -> list[str]:
        return language_names(self.language_codes)
