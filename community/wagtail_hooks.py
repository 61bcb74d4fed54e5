"""Members in the Wagtail admin: profiles listed and filtered, badges awarded by moderators.
Promoting and demoting moderators is done by editing a user's groups (Settings → Users)."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
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


@hooks.register("register_admin_urls")
def register_moderation_log_url():
    from community.admin_views import moderation_log

    return [path("reports/moderation-log/", moderation_log, name="moderation_log")]


@hooks.register("register_reports_menu_item")
def register_moderation_log_menu_item():
    return MenuItem(_("Moderation log"), reverse("moderation_log"), icon_name="list-ul", order=910)


class ModerationPanel(Component):
    order = 50

    def render_html(self, parent_context=None):
        from community.models import ModerationAction
        from community.review_queue import waiting_summary

        week = ModerationAction.objects.filter(created_at__gte=timezone.now() - timedelta(days=7)).count()
        return render_to_string("community/admin/dashboard_panel.html", {"summary": waiting_summary(), "week": week})


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    from community.permissions import is_moderator

    if is_moderator(request.user):
        panels.append(ModerationPanel())
