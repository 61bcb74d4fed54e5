from django.urls import path

from solutions import download, organisation_views

urlpatterns = [
    path("solutions/download.<str:fmt>", download.download, name="catalogue_download"),
    path("organisations/", organisation_views.directory, name="organisations"),
    path("organisations/<slug:slug>/", organisation_views.organisation, name="organisation"),
]
