"""What the load run requests, found in the seeded database, and what each page costs in queries.

Runs inside Django (bench.settings, the same database and cache as the servers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

SEARCH_QUERIES = [
    "water",
    "school meals",
    "alerta temprana",
    "mangrove restoration",
    "irrigation solaire",
    "seguro contra a seca",
    "census tablets",
    "seed banks",
]
LONG_THREAD_REPLIES = 2_000  # seed_scale's default --long-thread
# The query budgets the test suite holds these pages to (tests/test_query_budgets.py and friends).
BUDGETS = {
    "catalogue": 30,
    "thread, page 1": 22,
    "thread, last page": 22,
    "member directory": 20,
    "organisation page": 25,
    "records API": 20,
    "discussions, unread": 20,
    "inbox": 16,
}
MEMBER_CONVERSATIONS = 30  # the measured member's inbox holds this many, some unread
MEMBER_THREADS_READ = 40  # and they read this many threads, some with new posts since


@dataclass
class Page:
    name: str
    paths: list[str]
    signed_in_differs: bool = True
    members_only: bool = False  # a member's own page: a visitor is sent to sign in
    queries: dict[str, int] = field(default_factory=dict)
    mix: object = None  # searches: fresh ones for every run, from this Mix

    @property
    def budget(self) -> int | None:
        return BUDGETS.get(self.name)

    def paths_for(self, seconds: int) -> list[str]:
        if self.mix is None:
            return self.paths
        return self.mix.paths(urlparse(self.paths[0]).path, seconds)


def discover(mix) -> list[Page]:
    """The pages of the run; the search page and API ask ``mix``'s searches, each once."""
    from django.db.models import Count

    from community.models import Thread
    from community.thread_pages import POSTS_PER_PAGE, page_of
    from solutions.models import NewsPage, Organisation, SolutionPage

    sdg = popular_value(SolutionPage.sdgs.through, "sdg_id")
    theme = popular_value(SolutionPage.themes.through, "theme_id")
    solution = (
        SolutionPage.objects.live().filter(comment_thread__isnull=False).order_by("pk").first()
        or SolutionPage.objects.live().order_by("pk").first()
    )
    news = NewsPage.objects.live().order_by("-date").first()
    long_thread = (
        Thread.objects.filter(post_count=LONG_THREAD_REPLIES + 1).order_by("pk").first()
        or Thread.objects.order_by("-post_count").first()
    )
    last = page_of(long_thread.post_count, POSTS_PER_PAGE)
    thread_url = long_thread.get_absolute_url()
    search = [f"/en/search/?{urlencode({'q': q})}" for q in SEARCH_QUERIES]  # for the query counts
    organisation = (
        Organisation.objects.filter(merged_into=None).annotate(n=Count("partnerships")).order_by("-n", "pk").first()
    )
    return [
        Page("home", ["/en/"]),
        Page("catalogue", [f"/en/solutions/?{urlencode({'sdg': sdg, 'theme': theme})}"]),
        Page("solution", [solution.url]),
        Page("news post", [news.url]),
        # ?page=1: a member with unread posts who opens the thread is sent on to the first of them.
        Page("thread, page 1", [f"{thread_url}?page=1"]),
        Page("thread, last page", [f"{thread_url}?page={last}"]),
        Page("search page", search, mix=mix),
        Page("search API", [f"/api/v1/search/?{urlencode({'q': q})}" for q in SEARCH_QUERIES], False, mix=mix),
        Page("member directory", ["/en/members/"]),
        Page("organisation page", [organisation.get_absolute_url()]),
        # The records API in a named language (one answer for every client, so cached), filtered
        # like the catalogue, and its next page.
        Page("records API", [f"/api/v1/solutions/?{urlencode({'sdg': sdg, 'lang': 'en', 'limit': 50})}"], False),
        *member_pages(),
    ]


def member_pages() -> list[Page]:
    """The signed-in member's own pages: the discussions list with their unread state, and their
    inbox (filled by ``member_cookie``)."""
    return [
        Page("discussions, unread", ["/en/discussions/"], members_only=True),
        Page("inbox", ["/en/conversations/"], members_only=True),
    ]


def audiences(page: Page) -> tuple[str, ...]:
    """Who the run measures on a page: a member's own page only signed in, a page every reader
    sees alike only anonymously."""
    if page.members_only:
        return ("member",)
    return ("anonymous", "member") if page.signed_in_differs else ("anonymous",)


def popular_value(through, column: str):
    from django.db.models import Count

    return through.objects.values(column).annotate(n=Count("pk")).order_by("-n").values_list(column, flat=True)[0]


def member_cookie() -> str:
    """A signed-in session for an ordinary seeded member, as the browser would send it."""
    from django.conf import settings
    from django.test import Client

    from community.models import Profile

    profile = Profile.objects.select_related("user").filter(user__is_staff=False).order_by("pk").first()
    give_member_state(profile.user)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(profile.user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def give_member_state(member) -> None:
    """Conversations (some unread) and read positions (some behind) for the measured member, made
    through the same actions members use, once: a bench database seeded before conversations
    existed gets them on its next run."""
    from django.db import transaction

    from community import read_state
    from community.conversations import send, start_conversation
    from community.models import ConversationMember, Profile, Thread

    if ConversationMember.objects.filter(user=member).exists():
        return
    others = [p.user for p in Profile.objects.select_related("user").exclude(user=member).order_by("pk")[:60]]
    with transaction.atomic():
        for n in range(min(MEMBER_CONVERSATIONS, len(others) // 2)):
            pair = others[2 * n : 2 * n + 2]
            conversation = start_conversation(pair[0], [member, pair[1]], subject=f"Bench talk {n}", body="Hello")
            if n % 2:
                send(member, conversation, "Thanks, read.")
        threads = Thread.objects.exclude(kind="comments").order_by("-last_activity_at")[:MEMBER_THREADS_READ]
        for n, thread in enumerate(threads):
            read_state.record(member, thread, max(1, thread.post_count - n % 3), None)


def count_queries(pages: list[Page], cookie: str) -> None:
    """Queries to render each page (the page cache off: what a miss or a member costs)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    name, value = cookie.split("=", 1)
    member = Client(HTTP_HOST="127.0.0.1")
    member.cookies[name] = value
    with override_settings(PAGE_CACHE_ENABLED=False):
        for page in pages:
            visitors = (("anonymous", Client(HTTP_HOST="127.0.0.1")), ("member", member))
            for who, client in visitors[1:] if page.members_only else visitors:
                client.get(page.paths[0])  # warm the per-process caches, as a running worker has them
                with CaptureQueriesContext(connection) as queries:
                    status = client.get(page.paths[0]).status_code
                if status != 200:
                    raise RuntimeError(f"{page.paths[0]} answered {status} to the {who} visitor")
                page.queries[who] = len(queries)
