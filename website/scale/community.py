"""Members with profiles, and discussions with their posts, at scale."""

from __future__ import annotations

import datetime
import heapq
from collections import Counter
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.html import escape

from community.models import Affiliation, Category, Post, Profile, Thread, ThreadKind
from community.profiles import current_policy_versions
from solutions.models import Country, SolutionPage, Theme
from solutions.organisations import find_or_create
from website.scale.pages import BATCH
from website.scale.text import LANGUAGES, ORGANISATIONS, ROLES, Prose

CATEGORIES = [
    ("food-security", "Food security"),
    ("health", "Health"),
    ("water", "Water and sanitation"),
    ("climate", "Climate and resilience"),
    ("statistics", "Data and statistics"),
    ("methods", "Knowledge exchange methods"),
]
POSTS_PER_BATCH = 5000


@contextmanager
def dates_as_given(*fields):
    """``auto_now_add`` would stamp every row with the same instant; seeded history has its own."""
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def seed_members(count: int, *, prose: Prose, run: str, password: str) -> list[int]:
    """``count`` verified members with profiles; all share ``password`` (hashed once)."""
    rng = prose.rng
    hashed = make_password(password)
    countries = list(Country.objects.values_list("code", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    terms, conduct = current_policy_versions()
    now = timezone.now()
    user_model = get_user_model()
    ids: list[int] = []
    for start in range(0, count, BATCH):
        numbers = range(start, min(count, start + BATCH))
        users = [
            user_model(
                username=f"scale-{run}-{n}",
                email=f"member{n}.{run}@scale.example.org",
                password=hashed,
                date_joined=now - datetime.timedelta(days=rng.randint(0, 2000)),
            )
            for n in numbers
        ]
        user_model.objects.bulk_create(users, batch_size=BATCH)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in users], batch_size=BATCH
        )
        profiles = []
        organisations = {name: find_or_create(name)[0].pk for name in ORGANISATIONS}
        for n, user in zip(numbers, users, strict=True):
            language = prose.language()
            profile = Profile(
                user_id=user.pk,
                slug=f"member-{run}-{n}",
                display_name=prose.person(),
                country_id=rng.choice(countries),
                organisation=rng.choice(ORGANISATIONS),
                role=rng.choice(ROLES),
                bio=prose.paragraph(language, 2),
                terms_version=terms,
                terms_accepted_at=now,
                conduct_version=conduct,
                conduct_accepted_at=now,
            )
            profile.set_languages({language, *rng.sample(LANGUAGES, rng.randint(0, 2))})
            profile.render_bio()  # bulk_create does not call save()
            profiles.append(profile)
        Profile.objects.bulk_create(profiles, batch_size=BATCH)
        Affiliation.objects.bulk_create(
            [
                Affiliation(user_id=p.user_id, organisation_id=organisations[p.organisation], role=p.role)
                for p in profiles
            ],
            batch_size=BATCH,
        )
        through = Profile.expertise_themes.through
        through.objects.bulk_create(
            [through(profile_id=p.pk, theme_id=t) for p in profiles for t in rng.sample(themes, rng.randint(0, 3))],
            batch_size=BATCH,
        )
        ids += [u.pk for u in users]
    return ids


def post_counts(threads: int, posts: int, long_replies: int, rng) -> list[int]:
    """Posts per thread: the first thread has ``long_replies`` replies (when the total allows);
    the others at least their opening post, the rest spread with a long tail, as forums are."""
    if threads <= 0:
        return []
    others = threads - 1
    first = max(1, min(long_replies + 1, posts - others))
    counts = [first] + [1] * others
    spare = posts - sum(counts)
    if spare > 0 and others:
        # A long tail, capped so that no other thread outgrows the long one at the sizes.
        weights = [min(rng.paretovariate(1.5), 50) for _ in range(others)]
        for index, extra in Counter(rng.choices(range(others), weights=weights, k=spare)).items():
            counts[index + 1] += extra
        _below_the_long_thread(counts)
    return counts


def _below_the_long_thread(counts: list[int]) -> None:
    """Keeps every other thread shorter than the first, the long one the bench and the tests
    look for: what a draw puts above it goes to the shortest threads (to the long one if none
    has room)."""
    cap = max(1, counts[0] - 1)
    overflow = sum(max(0, count - cap) for count in counts[1:])
    counts[1:] = [min(count, cap) for count in counts[1:]]
    shortest = [(count, index) for index, count in enumerate(counts) if index and count < cap]
    heapq.heapify(shortest)
    while overflow and shortest:
        count, index = heapq.heappop(shortest)
        counts[index] = count + 1
        overflow -= 1
        if count + 1 < cap:
            heapq.heappush(shortest, (count + 1, index))
    counts[0] += overflow


def seed_discussions(
    threads: int, posts: int, *, member_ids: list[int], solution_ids: list[int], prose: Prose, long_replies: int
) -> Thread | None:
    """Threads with their posts; a tenth of them are comment threads on solutions. Returns the
    long thread (the first one)."""
    rng = prose.rng
    categories = [Category.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in CATEGORIES]
    counts = post_counts(threads, posts, long_replies, rng)
    commented = rng.sample(solution_ids, min(len(solution_ids), threads // 10))
    titles = dict(SolutionPage.objects.filter(pk__in=commented).values_list("pk", "title"))
    now = timezone.now()
    rows = []
    for n, count in enumerate(counts):
        started = now - datetime.timedelta(days=rng.randint(1, 1500), minutes=n)
        page_id = commented[n - 1] if 0 < n <= len(commented) else None
        language = prose.language()
        rows.append(
            Thread(
                category=None if page_id else rng.choice(categories),
                kind=ThreadKind.COMMENTS if page_id else rng.choice([ThreadKind.DISCUSSION, ThreadKind.QUESTION]),
                title=titles[page_id][:200] if page_id else prose.title(language)[:200],
                author_id=rng.choice(member_ids),
                page_id=page_id,
                post_count=count,
                created_at=started,
                last_activity_at=started + datetime.timedelta(minutes=count * 7),
            )
        )
    with dates_as_given(Thread._meta.get_field("created_at"), Thread._meta.get_field("last_activity_at")):
        Thread.objects.bulk_create(rows, batch_size=BATCH)
    linked = [t for t in rows if t.page_id is None and rng.random() < 0.2]
    through = Thread.solutions.through
    through.objects.bulk_create(
        [through(thread_id=t.pk, solutionpage_id=rng.choice(solution_ids)) for t in linked if solution_ids],
        batch_size=BATCH,
    )
    _seed_posts(rows, member_ids, prose)
    return rows[0] if rows else None


def _seed_posts(threads: list[Thread], member_ids: list[int], prose: Prose) -> None:
    rng = prose.rng
    batch: list[Post] = []
    with dates_as_given(Post._meta.get_field("created_at")):
        for thread in threads:
            language = prose.language()
            for position in range(1, thread.post_count + 1):
                body = prose.text(language, rng.randint(1, 3))
                html = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
                batch.append(
                    Post(
                        thread_id=thread.pk,
                        position=position,
                        author_id=thread.author_id if position == 1 else rng.choice(member_ids),
                        body=body,
                        body_html=html,
                        created_at=thread.created_at + datetime.timedelta(minutes=position * 7),
                    )
                )
                if len(batch) >= POSTS_PER_BATCH:
                    Post.objects.bulk_create(batch, batch_size=BATCH)
                    batch = []
        Post.objects.bulk_create(batch, batch_size=BATCH)
