from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SECRET_KEY", "test-only-key")
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".cache" / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Most tests exercise members who are past the "new member" stage; the moderation tests set the
# production thresholds (community.conf) back on explicitly.
COMMUNITY_NEW_MEMBER_DAYS = 0
COMMUNITY_NEW_MEMBER_POSTS = 0

# A test database per run, so two suites on one PostgreSQL server never drop each other's.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    import os as _os

    DATABASES["default"]["TEST"] = {"NAME": f"test_minga_{_os.getpid()}"}  # noqa: F405

# Each run has a cache of its own in memory, so two suites at once never share rate limits or pages
# (tests/test_embedded_sqlite.py runs the embedded default's shared cache across processes).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tests measure what a page costs to render, so whole-page caching is off; the tests of the page
# cache itself turn it on (the ``page_cache`` fixture).
PAGE_CACHE_ENABLED = False
# Views are counted at once, so tests read them at once.
PAGE_CACHE_VIEW_FLUSH_SECONDS = 0
