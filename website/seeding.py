"""Demo content, created through the same actions members and editors use.

Idempotent: a hash of the demo data files is stored on the site settings, so a second run with
unchanged files returns at once and a changed file brings the content up to date.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Site

from solutions.importing import import_solutions
from solutions.models import NewsIndexPage, SolutionImage, SolutionPage, Theme
from solutions.news_actions import paragraphs_to_body, publish_news_post
from solutions.resource_actions import Version, attach_resource, create_resource
from website.demo_media import make_banner, make_pdf
from website.models import SiteLinks
from website.site_tree import ensure_site_page, ensure_site_tree, follow_site_url, link_footer

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_FILES = ("solutions.jsonl", "news.json", "resources.json", "pages.json", "discussions.json", "requests.json")
ADMIN_USERNAME = "admin"


@dataclass
class SeedResult:
    skipped: bool
    solutions: int = 0
    problems: tuple[str, ...] = ()
    admin_password: str | None = None


def demo_version() -> str:
    digest = hashlib.sha256()
    for name in DEMO_FILES:
        digest.update((DEMO_DIR / name).read_bytes())
    return digest.hexdigest()[:32]


def seed_demo(*, admin_password: str | None = None, force: bool = False) -> SeedResult:
    home = ensure_site_tree()
    follow_site_url(settings.WAGTAILADMIN_BASE_URL)  # on every run: PORT may change between runs
    password = ensure_admin(admin_password)
    links = SiteLinks.for_site(Site.objects.get(root_page=home))
    version = demo_version()
    if links.demo_seed_version == version and not force:
        return SeedResult(skipped=True, admin_password=password)

    pages = json.loads((DEMO_DIR / "pages.json").read_text(encoding="utf-8"))
    about = ensure_site_page(home, "about", pages["about"]["title"], paragraphs_to_body(pages["about"]["body"]))
    terms = ensure_site_page(
        home, "terms", pages["terms"]["title"], paragraphs_to_body(pages["terms"]["body"]), pages["terms"]["version"]
    )
    conduct_data = pages["code_of_conduct"]
    conduct = ensure_site_page(
        home,
        "code-of-conduct",
        conduct_data["title"],
        paragraphs_to_body(conduct_data["body"]),
        conduct_data["version"],
    )
    link_footer(home, about, terms, conduct, "moderators@minga.example.org")

    report = import_solutions((DEMO_DIR / "solutions.jsonl").read_text(encoding="utf-8").splitlines())
    seed_images()
    seed_resources()
    seed_news()
    seed_discussions()
    seed_requests()

    links.refresh_from_db()
    links.demo_seed_version = version if report.ok else ""
    links.save()
    return SeedResult(
        skipped=False,
        solutions=len(report.created) + len(report.updated),
        problems=tuple(str(e) for e in report.errors),
        admin_password=password,
    )


def ensure_admin(password: str | None) -> str | None:
    """Returns a password to print when one was generated; never prints an existing one."""
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user and not password:
        return None
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    if user is None:
        from allauth.account.models import EmailAddress

        user = User.objects.create_superuser(ADMIN_USERNAME, "admin@minga.example.org", password)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    return generated


def seed_images() -> None:
    Image = get_image_model()
    for page in SolutionPage.objects.filter(featured=True).prefetch_related("images"):
        if page.images.all():
            continue
        image = Image.objects.filter(title=f"Banner: {page.title}"[:255]).first()
        if image is None:
            content = make_banner(page.external_id or page.slug)
            image = Image(title=f"Banner: {page.title}"[:255])
            image.file = ImageFile(BytesIO(content), name=f"{page.slug[:60]}.png")
            image.save()
        page.images.add(SolutionImage(image=image, caption=""))
        page.save_revision().publish()


def seed_resources() -> None:
    for item in json.loads((DEMO_DIR / "resources.json").read_text(encoding="utf-8")):
        versions = [
            Version(
                v["language"],
                v["title"],
                f"{item['slug']}-{v['language']}.pdf",
                make_pdf(v["title"], v["text"], v["language"]),
            )
            for v in item["versions"]
        ]
        page = None
        if item.get("solution_external_id"):
            page = SolutionPage.objects.filter(external_id=item["solution_external_id"]).first()
        themes = list(page.themes.all()) if page else list(Theme.objects.filter(slug__in=item.get("themes", [])))
        resource = create_resource(
            slug=item["slug"],
            title=item["title"],
            description=item.get("description", ""),
            versions=versions,
            themes=themes,
        )
        if page:
            attach_resource(page, resource)


def seed_news() -> None:
    index = NewsIndexPage.objects.first()
    for item in json.loads((DEMO_DIR / "news.json").read_text(encoding="utf-8")):
        publish_news_post(
            index,
            slug=item["slug"],
            title=item["title"],
            date=datetime.date.fromisoformat(item["date"]),
            authors=item.get("author", ""),
            intro=item.get("intro", ""),
            body=item["body"],
            updates=[(datetime.date.fromisoformat(u["date"]), u["text"]) for u in item.get("updates", [])],
        )


def seed_discussions() -> None:
    """Demo members, categories and threads, made through the same actions members use."""
    from allauth.account.models import EmailAddress

    from community.models import Category, Profile, Thread
    from community.posting import reply, start_thread
    from community.profiles import create_profile
    from community.reactions import accept_answer

    data = json.loads((DEMO_DIR / "discussions.json").read_text(encoding="utf-8"))
    User = get_user_model()
    users = {}
    for item in data["members"]:
        user = User.objects.filter(email=item["email"]).first()
        if user is None:
            user = User.objects.create_user(username=item["email"].split("@")[0], email=item["email"], password=None)
            EmailAddress.objects.create(user=user, email=item["email"], verified=True, primary=True)
            profile = create_profile(
                user, display_name=item["name"], country_code=item["country"], organisation=item["organisation"]
            )
            profile.role, profile.bio = item["role"], item["bio"]
            profile.set_languages(item["languages"])
            profile.save()
            profile.expertise_themes.set(item["themes"])
        users[item["email"]] = user
    categories = {}
    for order, item in enumerate(data["categories"]):
        categories[item["slug"]], _created = Category.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "description": item["description"], "sort_order": order}
        )
    for item in data["threads"]:
        if Thread.objects.filter(title=item["title"]).exists():
            continue
        thread = start_thread(
            users[item["author"]],
            title=item["title"],
            body=item["body"],
            category=categories[item["category"]],
            kind="question" if item["question"] else "discussion",
            tags=item["tags"],
        )
        approve_if_held(thread.posts.get(position=1))
        thread.refresh_from_db()
        author_handle = Profile.objects.get(user=users[item["author"]]).slug
        for answer in item["replies"]:
            post = reply(users[answer["author"]], thread, answer["body"].replace("@AMARA", f"@{author_handle}"))
            approve_if_held(post)
            if answer.get("accepted"):
                accept_answer(users[item["author"]], thread, post)


def seed_requests() -> None:
    """Demo knowledge requests with offers, an exchange and a consolidated reply, made through the
    same steps members take; matching runs at once so the requests show their matches."""
    from django.utils import timezone

    from exchange import lifecycle
    from exchange.matching import refresh_matches
    from exchange.models import KnowledgeRequest, Offer
    from solutions.models import SDG, Country, Modality, Theme
    from solutions.models.vocab import stored_languages

    data = json.loads((DEMO_DIR / "requests.json").read_text(encoding="utf-8"))
    User = get_user_model()
    admin = User.objects.get(username=ADMIN_USERNAME)
    for item in data["standing_offers"]:
        author = User.objects.get(email=item["author"])
        if not Offer.objects.filter(author=author, request__isnull=True, summary=item["summary"]).exists():
            lifecycle.make_standing_offer(
                author,
                summary=item["summary"],
                modality=Modality.objects.get(slug=item["modality"]),
                availability=item["availability"],
                themes=list(Theme.objects.filter(slug__in=item["themes"])),
                languages=stored_languages(item["languages"]),
            )
    for item in data["requests"]:
        if KnowledgeRequest.objects.filter(title=item["title"]).exists():
            continue
        author = User.objects.get(email=item["author"])
        request = lifecycle.create(
            author,
            publish=True,
            title=item["title"],
            challenge=item["challenge"],
            tried=item["tried"],
            learn=item["learn"],
            endorsed_by=item["endorsed_by"],
            languages=stored_languages(item["languages"]),
            countries=list(Country.objects.filter(code__in=item["countries"])),
            themes=list(Theme.objects.filter(slug__in=item["themes"])),
            sdgs=list(SDG.objects.filter(number__in=item["sdgs"])),
            modalities=list(Modality.objects.filter(slug__in=item["modalities"])),
        )
        if request.is_held:
            lifecycle.approve_held(admin, request)
        refresh_matches(request)
        for offered in item["offers"]:
            offer = lifecycle.make_offer(
                User.objects.get(email=offered["author"]),
                request,
                summary=offered["summary"],
                modality=Modality.objects.get(slug=offered["modality"]),
                availability=offered["availability"],
            )
            if offered["accepted"]:
                lifecycle.accept_offer(author, offer, starts_on=timezone.localdate())
        if item["reply"]:
            lifecycle.publish_reply(author, request, item["reply"])


def approve_if_held(post) -> None:
    """Demo members are new, so their first posts wait for review: the demo admin approves them."""
    from community.decisions import approve_held

    if post.status == "held":
        approve_held(get_user_model().objects.get(username=ADMIN_USERNAME), post)
