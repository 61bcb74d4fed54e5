import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host

from .base import *  # noqa: F403
from .base import env, env_bool

for _required in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SITE_URL"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"Production settings need the {_required} environment variable.")


def checked_site_url(value: str, allowed_hosts: list[str], https: bool) -> str:
    """SITE_URL starts every link in every email (notifications, digests, unsubscribe links,
    allauth's messages sent by tasks): a wrong one sends members to a host that is not the site."""
    parts = urlsplit(value.strip())
    problem = None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "an absolute http(s) address such as https://minga.example.org"
    elif parts.query or parts.fragment:
        problem = "an address without a query or fragment"
    elif https and parts.scheme != "https":
        problem = "an https address while SECURE_SSL_REDIRECT is on"
    elif not validate_host(split_domain_port(parts.netloc.rsplit("@", 1)[-1].lower())[0], allowed_hosts):
        problem = "an address on a host in ALLOWED_HOSTS"
    if problem:
        raise ImproperlyConfigured(f"SITE_URL must be {problem}, not {value!r}.")
    return value.strip().rstrip("/")


DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SITE_URL = WAGTAILADMIN_BASE_URL = checked_site_url(
    os.environ["SITE_URL"],
    ALLOWED_HOSTS,  # noqa: F405
    https=SECURE_SSL_REDIRECT,
)

# Rate limits, allauth's throttles and the page cache live in the cache. Without Redis every
# worker has a cache of its own, so a limit of 10 a minute is 10 per worker; only a deployment
# that runs one process (gunicorn.conf.py starts one worker then) may go without it.
if not env("REDIS_URL") and not env_bool("SINGLE_PROCESS_DEPLOYMENT"):
    raise ImproperlyConfigured(
        "Production settings need the REDIS_URL environment variable: without a cache the workers share, "
        "each one counts rate limits on its own. Set SINGLE_PROCESS_DEPLOYMENT=true if the site runs as "
        "one process (one gunicorn worker)."
    )
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
# Behind one reverse proxy: the client address is the last hop it appends to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = 1
RATELIMIT_IP_META_KEY = "core.security.client_ip"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the admin reads it from JavaScript

if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

if env("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": env("REDIS_URL")}}
    # Sessions are read from Redis, and written to the database too, so none is lost with Redis.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:  # one process, with the page cache off: its own memory will do
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous pages are cached only in a cache every worker shares (core/page_cache.py).
PAGE_CACHE_ENABLED = bool(env("REDIS_URL"))

LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405

if env("AWS_STORAGE_BUCKET_NAME"):
    # Media on S3-compatible storage (django-storages); credentials from the standard AWS_* variables.
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ContentDisposition": "attachment"},
        },
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
