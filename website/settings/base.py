"""Settings shared by every environment; the others start with ``from .base import *``."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "website",
    "solutions",
    "community",
    "exchange",  # before search, which connects its index signals for every registered type
    "search",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.usersessions",
    *[f"allauth.socialaccount.providers.{name}" for name in env_list("SOCIAL_PROVIDERS")],
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "core.request_ids.RequestIdMiddleware",
    "core.nul_bytes.RejectNulMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.i18n_urls.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.session_activity.ThrottledUserSessionsMiddleware",
    "community.middleware.SanctionMiddleware",
    "community.middleware.InterfaceLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.shared_pages.SharedPageMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # Queries a worker runs again and again are prepared on the server after five runs, so
    # PostgreSQL plans them once: planning was most of a page's database time (0.5-0.7 ms a
    # query). Turn off with DATABASE_PREPARED_STATEMENTS=0 behind a pooler in transaction mode.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default takes concurrent writers: WAL lets readers go on while one writes, a
    # transaction takes the write lock when it begins (a deferred one that read first cannot wait
    # for it and fails at once with "database is locked"), and a writer waits up to 20 s for it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's and allauth's backends, loading a signed-in member with what every page asks about
# them in one query (community/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "community.auth_backends.ModelBackend",
    "community.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): sign-in by email, mandatory verification, MFA, sessions.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_overview"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None  # the member chooses with "Remember me"
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupForm"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_ADAPTER = "community.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Minga] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_USER_DISPLAY = "community.profiles.display_name_for"
# allauth's own limits (answered with 429); the defaults, stated so they are visible.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Minga"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
USERSESSIONS_TRACK_ACTIVITY = True
# A session's last-seen time is written at most this often (core/session_activity.py).
USERSESSIONS_SEEN_EVERY = 300

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the UI ships complete in English and Spanish, French and Portuguese are started.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("pt", "Português"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# One cache shared by every process of the site (runserver, manage.py commands, a task worker):
# the page cache's generation, rate limits and the search breaker must be the same for all of
# them, so an import or an admin edit in one is seen by the next request to another. Files under
# .cache/ need no server; production uses Redis (REDIS_URL).
CACHES = {
    "default": {
        "BACKEND": "core.file_cache.FileCache",
        "LOCATION": env("CACHE_DIR", str(BASE_DIR / ".cache" / "django-cache")),
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Minga <noreply@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = "Minga"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "solutions.ResourceDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "xlsx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search: the database engine by default; SEARCH_URL points the site, Wagtail's admin search and
# every manage.py command at an Elasticsearch 8/9 or OpenSearch 2/3 node.
SEARCH_URL = env("SEARCH_URL", "")
SEARCH_INDEX = env("SEARCH_INDEX", "minga-content")
SEARCH_TIMEOUT = float(env("SEARCH_TIMEOUT", "0.8"))
SEARCH_VERIFY_CERTS = env_bool("SEARCH_VERIFY_CERTS", True)
SEARCH_CA_CERTS = env("SEARCH_CA_CERTS")
SEARCH_SHARDS = int(env("SEARCH_SHARDS") or 1)
SEARCH_REPLICAS = int(env("SEARCH_REPLICAS")) if env("SEARCH_REPLICAS") else None  # None: follow the cluster
# The breaker's and the fallback's knobs (defaults and meaning in search/conf.py), when set.
for _knob in (
    "SEARCH_BREAKER_SECONDS",
    "SEARCH_TIMEOUTS_TO_OPEN",
    "SEARCH_TIMEOUT_WINDOW",
    "SEARCH_WARM_SECONDS",
    "SEARCH_WARM_TIMEOUT",
    "SEARCH_NODE_CHECK_SECONDS",
    "SEARCH_DATABASE_BUDGET",
    "SEARCH_DATABASE_SEARCHES",
):
    if env(_knob):
        globals()[_knob] = float(env(_knob))
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if SEARCH_URL:
    # The database backend stays up to date beside the node, so search can fall back to it.
    WAGTAILSEARCH_BACKENDS["database"] = WAGTAILSEARCH_BACKENDS["default"]
    from website.settings.search_node import wagtail_backend

    WAGTAILSEARCH_BACKENDS["default"] = wagtail_backend(
        SEARCH_URL,
        env("SEARCH_ENGINE"),
        env("SEARCH_WAGTAIL_PREFIX", "minga-wagtail-"),
        SEARCH_TIMEOUT,
        SEARCH_CA_CERTS,
        SEARCH_VERIFY_CERTS,
        SEARCH_SHARDS,
        SEARCH_REPLICAS,
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_ids.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}

# /health/ tells anyone only ok or not ok; the state of each part goes to this host and to a
# request with "Authorization: Bearer <HEALTH_TOKEN>" (website/health.py). The search node's state
# is kept this long in the shared cache.
HEALTH_TOKEN = env("HEALTH_TOKEN", "")
HEALTH_SEARCH_SECONDS = 15

# Security headers on every response (production adds HSTS and secure cookies).
from core.security import SITE_POLICY  # noqa: E402

CONTENT_SECURITY_POLICY = SITE_POLICY
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Documents are always downloaded, never shown inline in the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []

# Names shown in the language switcher, in their own language.
LANGUAGE_NAMES = dict(LANGUAGES)
SOLUTIONS_PAGE_SIZE = 12
SITE_DESCRIPTION = _(
    "Minga is a community where development practitioners share South-South and triangular cooperation solutions."
)
WAGTAIL_ALLOW_UNICODE_SLUGS = False
