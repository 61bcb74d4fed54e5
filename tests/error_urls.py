"""A URL configuration with a view that fails, for the server error page test."""

from django.urls import path


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom)]
handler500 = "website.views.server_error"
