from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.discussion_forms import PostFormMixin
from solutions.single_line import SingleLineField


class MembersField(forms.CharField):
    """Profile addresses (``ana-pereira-1a2b3c``, with or without @), separated by commas or spaces."""

    def clean(self, value):
        value = super().clean(value)
        slugs = list(dict.fromkeys(s.lstrip("@") for s in re.split(r"[\s,;]+", value or "") if s.strip("@ ")))
        if not slugs and self.required:
            raise ValidationError(_("Name at least one member."))
        users = {
            u.profile.slug: u
            for u in get_user_model().objects.filter(profile__slug__in=slugs, is_active=True).select_related("profile")
        }
        missing = [slug for slug in slugs if slug not in users]
        if missing:
            raise ValidationError(_("No member at: %(slugs)s") % {"slugs": ", ".join(missing)[:200]})
        return [users[slug] for slug in slugs]


TO_HELP = gettext_lazy("Their profile addresses (the last part of their profile's link), separated by commas.")


class ConversationForm(PostFormMixin):
    to = MembersField(label=gettext_lazy("To"), max_length=1000, help_text=TO_HELP)
    subject = SingleLineField(label=gettext_lazy("Subject"), max_length=200)
    field_order = ["to", "subject", "body", "files"]


class MessageForm(PostFormMixin):
    pass


class AddMembersForm(forms.Form):
    to = MembersField(label=gettext_lazy("Add members"), max_length=1000, help_text=TO_HELP)


class BookmarkNoteForm(forms.Form):
    note = SingleLineField(label=gettext_lazy("Note"), max_length=300, required=False)
