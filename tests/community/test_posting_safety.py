from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Attachment, Thread

from .conftest import image_file, image_with_metadata, metadata_left

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    '"><script>alert(1)</script>',
    "<body onload=alert(1)>",
]


class ActiveContentFinder(HTMLParser):
    """Collects elements and attributes that could run script once parsed by a browser."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "svg", "object", "embed"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag}[{name}]")


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def assert_safe(html: str):
    finder = ActiveContentFinder()
    finder.feed(html)
    assert finder.found == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_in_titles_bodies_tags_and_mentions_are_neutralised(member_client, category, payload):
    response = member_client.post(
        "/en/discussions/new/",
        {"category": category.pk, "title": f"Title {payload}", "body": f"Body {payload} @{payload}", "tags": payload},
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    html = member_client.get(thread.get_absolute_url()).content.decode()
    body = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert_safe(body)
    assert_safe(member_client.get(category.get_absolute_url()).content.decode().split('<main id="main"', 1)[1])


def test_image_attachments_are_checked_and_served_as_downloads(member_client, category):
    upload = SimpleUploadedFile("<script>x</script>.png", image_file("PNG").read())
    member_client.post(
        "/en/discussions/new/", {"category": category.pk, "title": "With image", "body": "see", "files": [upload]}
    )
    attachment = Attachment.objects.get()
    assert attachment.kind == "image" and "<" not in attachment.name
    response = member_client.get(f"/en/discussions/a/{attachment.pk}/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.png", None, "too many pixels"),
        ("report.pdf", b"MZ\x90\x00 an executable", "is not what its name says"),
        ("tool.exe", b"MZ", "this type of file is not accepted"),
        ("page.html", b"<script>alert(1)</script>", "this type of file is not accepted"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "too large"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_posted(member_client, category, name, content, message):
    if content is None:
        content = image_file("PNG", size=(7000, 7000)).read()
    upload = SimpleUploadedFile(name, content)
    response = member_client.post(
        "/en/discussions/new/", {"category": category.pk, "title": "Files", "body": "x", "files": [upload]}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Thread.objects.exists() and not Attachment.objects.exists()


def test_comments_on_a_solution(client, member, make_solution):
    page = make_solution(title="Commented solution")
    html = client.get(page.url).content.decode()
    assert "Join to take part" in html and "0 comments" in html
    client.force_login(member)
    response = client.post(f"/en/discussions/comment/{page.pk}/", {"body": "Did this scale beyond the pilot?"})
    assert response.status_code == 302
    html = client.get(page.url).content.decode()
    assert "Did this scale beyond the pilot?" in html and "1 comment" in html
    thread = Thread.objects.get(page=page)
    assert thread.kind == "comments"
    assert (
        not client.get("/en/discussions/").content.decode().count("Commented solution")
    )  # comments are not listed as threads


def test_a_solution_shows_its_latest_comments_and_links_to_all(client, member, make_solution):
    from community.posting import comment_on_page

    page = make_solution(title="Much discussed")
    for number in range(1, 26):
        comment_on_page(member, page, f"Comment number {number:02d}")
    html = client.get(page.url).content.decode()
    assert "25 comments" in html and "See all comments" in html
    assert html.count('<article class="post') == 20
    assert "Comment number 06" in html and "Comment number 25" in html and "Comment number 05" not in html


def test_images_too_large_to_process_together_are_refused_before_any_is_decoded(member_client, category, monkeypatch):
    """Five 20-megapixel PNGs of a few kilobytes each: 100 megapixels to decode and re-encode."""
    content = image_file("PNG", size=(5000, 4000)).read()
    assert len(content) < 200_000
    decoded = []
    monkeypatch.setattr("community.attachments.prepare_image", lambda upload, name: decoded.append(name))
    uploads = [SimpleUploadedFile(f"wide{n}.png", content) for n in range(5)]
    response = member_client.post(
        "/en/discussions/new/", {"category": category.pk, "title": "Files", "body": "x", "files": uploads}
    )
    assert response.status_code == 400
    assert "too large to process together" in response.content.decode()
    assert decoded == [] and not Thread.objects.exists()


def test_several_camera_photos_fit_in_one_post(member_client, category):
    content = image_file("JPEG", size=(4000, 3000)).read()
    uploads = [SimpleUploadedFile(f"photo{n}.jpg", content) for n in range(4)]
    response = member_client.post(
        "/en/discussions/new/", {"category": category.pk, "title": "Photos", "body": "x", "files": uploads}
    )
    assert response.status_code == 302
    assert Attachment.objects.filter(kind="image").count() == 4


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_image_attachments_keep_no_metadata(member_client, category, fmt):
    content = image_with_metadata(fmt)
    assert metadata_left(content)  # the source carries it
    upload = SimpleUploadedFile(f"photo.{fmt.lower()}", content)
    member_client.post(
        "/en/discussions/new/", {"category": category.pk, "title": "Pic", "body": "x", "files": [upload]}
    )
    attachment = Attachment.objects.get()
    assert metadata_left(attachment.file.open("rb").read()) == set()
