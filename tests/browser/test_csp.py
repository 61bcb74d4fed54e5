"""The site and the Wagtail admin work under the Content-Security-Policy: no violation is
reported by the browser on the public pages or in the page editor."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_csp_violations_on_site_and_admin(live_server, browser, make_solution, django_user_model):
    page_record = make_solution(title="Clean policy solution")
    django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-pass-123")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )

    for path in ("/en/", "/en/solutions/", page_record.url, "/en/search/?q=policy"):
        page.goto(f"{live_server.url}{path}")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("editor-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/admin/pages/{page_record.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Save draft").count() >= 1  # the editor's scripts ran
    context.close()
    assert violations == []
