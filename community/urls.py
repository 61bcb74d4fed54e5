from django.urls import path

from community.views import account, members

urlpatterns = [
    path("members/", members.directory, name="member_directory"),
    path("members/<slug:slug>/", members.member_profile, name="member_profile"),
    path("account/", account.overview, name="account_overview"),
    path("account/profile/", account.edit_profile, name="account_profile"),
    path("account/export/", account.export, name="account_export"),
    path("account/delete/", account.delete, name="account_delete"),
]
