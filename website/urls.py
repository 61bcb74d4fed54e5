from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as documents

from community.views import notifications as community_notifications
from search import views as search_views
from solutions import feeds
from website import views as site_views
from website.api.records import url_patterns
from website.health import health

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URLs (wagtail.documents.urls) with ids that fit the database.
    path("documents/<id:document_id>/<path:document_filename>", documents.serve, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<id:restriction_id>/",
        documents.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("i18n/setlang/", site_views.switch_language, name="set_language"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("health/", health, name="health"),
    path("sitemap.xml", site_views.sitemap, name="sitemap"),
    path("api/v1/search/", search_views.search_api, name="search_api"),
    path("api/v1/search/suggest/", search_views.suggest_api, name="search_suggest_api"),
    path("api/v1/members/suggest/", community_notifications.mention_suggestions, name="mention_suggestions"),
    path("api/v1/", url_patterns()),
]

urlpatterns += i18n_patterns(
    # The site's own fixed paths first: resolving the search page after the apps' hundreds of
    # patterns took it 0.3 ms a search. No app pattern matches them (tests/test_urls.py).
    path("search/", search_views.search, name="search"),
    path("open-data/api/", site_views.api_docs, name="api_docs"),
    path("feeds/solutions/", feeds.SolutionsRssFeed(), name="feed_solutions_rss"),
    path("feeds/solutions/atom/", feeds.SolutionsAtomFeed(), name="feed_solutions_atom"),
    path("feeds/news/", feeds.NewsRssFeed(), name="feed_news_rss"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="feed_news_atom"),
    path("accounts/", include("allauth.urls")),
    path("", include("community.urls")),
    path("", include("exchange.urls")),
    path("", include("solutions.urls")),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "website.views.bad_request"
handler403 = "website.views.permission_denied"
handler500 = "website.views.server_error"
