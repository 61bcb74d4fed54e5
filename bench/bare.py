"""The bare Django view: the ceiling for any Django page on this machine, served by the same
gunicorn configuration as the site (``gunicorn -c gunicorn.conf.py bench.bare:application``).

No middleware, no database, no templates: a request goes through gunicorn, Django's WSGI
handler, URL resolution and one view, and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-bare-view",  # noqa: S106 - serves one static string, no sessions or signing
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )


def hello(request):
    return HttpResponse("Hello from a bare Django view.\n", content_type="text/plain")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
