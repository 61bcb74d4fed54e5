from django.urls import path

from solutions import organisation_views

urlpatterns = [
    path("organisations/", organisation_views.directory, name="organisations"),
    path("organisations/<slug:slug>/", organisation_views.organisation, name="organisation"),
]
