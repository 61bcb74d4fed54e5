import re

import pytest
from django.core import mail

from tests.community.conftest import image_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_sign_in_edit_profile_and_appear_in_directory(live_server, page, site_tree, tmp_path):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Join").click()
    page.get_by_label("Email").fill("lucia@example.org")
    page.get_by_label("Password:", exact=True).fill("a-long-pass-phrase-77")
    page.get_by_label("Password (again):").fill("a-long-pass-phrase-77")
    page.get_by_label("Your name").fill("Lucía Mamani")
    page.get_by_label("Country:").select_option("BO")
    page.get_by_label("I accept the Terms of Service").check()
    page.get_by_label("I will follow the Code of Conduct").check()
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/confirm-email/**")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    page.goto(f"{live_server.url}{link}")
    page.get_by_role("button", name="Confirm").click()

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("lucia@example.org")
    page.get_by_label("Password:", exact=True).fill("a-long-pass-phrase-77")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/account/")

    page.get_by_role("link", name="Profile and visibility").click()
    page.get_by_label("Organisation:", exact=True).fill("Ministerio de Educación")
    page.get_by_label("Role:", exact=True).fill("Adviser")
    photo = tmp_path / "me.png"
    photo.write_bytes(image_file("PNG").getvalue())
    page.get_by_label("Photo:", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_text("Your profile has been saved.").is_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    card = page.locator(".member-card", has_text="Lucía Mamani")
    assert card.get_by_text("Ministerio de Educación").is_visible()
    assert card.locator("img.avatar-small").count() == 1
    card.get_by_role("link", name="Lucía Mamani").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lucía Mamani"
