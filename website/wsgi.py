import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

django_application = get_wsgi_application()

from core.page_cache import PageCacheApplication  # noqa: E402 - needs the settings set up above

# Anonymous pages in the shared cache are answered before Django's handler (core/page_cache.py).
application = PageCacheApplication(django_application)
