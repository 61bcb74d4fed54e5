from django.urls import path

from community.feeds import CategoryFeed
from community.views import account, members, notifications, posts, threads

urlpatterns = [
    path("members/", members.directory, name="member_directory"),
    path("members/<slug:slug>/", members.member_profile, name="member_profile"),
    path("account/", account.overview, name="account_overview"),
    path("account/profile/", account.edit_profile, name="account_profile"),
    path("account/notifications/", notifications.preferences, name="notification_preferences"),
    path("account/export/", account.export, name="account_export"),
    path("account/delete/", account.delete, name="account_delete"),
    path("discussions/", threads.index, name="discussions"),
    path("discussions/new/", threads.new_thread, name="discussion_new"),
    path("discussions/follow/", posts.toggle_follow, name="discussion_follow"),
    path("discussions/c/<slug:slug>/", threads.category, name="discussion_category"),
    path("discussions/c/<slug:slug>/feed/", CategoryFeed(), name="discussion_category_feed"),
    path("discussions/t/<int:pk>/", threads.thread, name="discussion_thread_short"),
    path("discussions/t/<int:pk>/<slug:slug>/", threads.thread, name="discussion_thread"),
    path("discussions/p/<int:pk>/edit/", posts.edit, name="discussion_post_edit"),
    path("discussions/p/<int:pk>/delete/", posts.delete, name="discussion_post_delete"),
    path("discussions/p/<int:pk>/history/", posts.history, name="discussion_post_history"),
    path("discussions/p/<int:pk>/react/", posts.react, name="discussion_post_react"),
    path("discussions/p/<int:pk>/accept/", posts.accept, name="discussion_post_accept"),
    path("discussions/a/<int:pk>/", posts.attachment, name="discussion_attachment"),
    path("discussions/comment/<int:page_id>/", threads.comment, name="discussion_comment"),
    path("notifications/", notifications.inbox, name="notifications"),
    path("notifications/read/", notifications.mark_read, name="notifications_mark_read"),
    path("notifications/<int:pk>/", notifications.open_notification, name="notification_open"),
    path("notifications/unsubscribe/<str:token>/", notifications.unsubscribe, name="notifications_unsubscribe"),
]
