"""Members in the Wagtail admin: profiles listed and filtered, badges awarded by moderators.
Promoting and demoting moderators is done by editing a user's groups (Settings → Users)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.models import Award, Badge, Category, Profile, Thread


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = _("Profiles")
    list_display = ["display_name", "organisation", "country", "user"]
    list_filter = ["country", "expertise_themes"]
    search_fields = ["display_name", "organisation", "role"]
    ordering = ["display_name"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class AwardViewSet(SnippetViewSet):
    model = Award
    icon = "pick"
    menu_label = _("Awards")
    list_display = ["badge", "profile", "awarded_at", "awarded_by"]
    list_filter = ["badge"]


class BadgeViewSet(SnippetViewSet):
    model = Badge
    icon = "pick"
    menu_label = _("Badges")
    list_display = ["display_name", "description", "rule"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Discussion categories")
    list_display = ["name", "slug", "sort_order"]


class ThreadViewSet(SnippetViewSet):
    model = Thread
    icon = "comment"
    menu_label = _("Threads")
    list_display = ["title", "category", "kind", "post_count", "last_activity_at"]
    list_filter = ["category", "kind", "is_locked", "is_pinned", "is_hidden"]
    search_fields = ["title"]
    panels = ["title", "category", "is_locked", "is_pinned", "is_hidden"]


class MembersGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 250
    items = (ProfileViewSet, AwardViewSet, BadgeViewSet, CategoryViewSet, ThreadViewSet)


register_snippet(MembersGroup)


@hooks.register("after_create_snippet")
def record_who_awarded(request, instance):
    if isinstance(instance, Award) and instance.awarded_by_id is None:
        instance.awarded_by = request.user
        instance.save(update_fields=["awarded_by"])
