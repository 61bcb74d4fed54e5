"""Many members work from a phone: every kind of page, at 360 and 390 px wide and in all four
languages, fits the screen without sideways scrolling, and its first result (or its heading)
shows on the first screen. The header's menu and the list filters are disclosures that open
without JavaScript, and stand open on a wide screen."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.site_content import in_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONES = [(360, 740), (390, 844)]
LANGUAGES = ["en", "es", "fr", "pt"]
HEADER_HEIGHT = 80  # px: the header took a third of the screen before any content
READABLE_TEXT = 12  # px
# What a reader came for, on list pages: the first result. Elsewhere the page's heading.
FIRST_RESULT = {
    "catalogue": ".card-grid .card",
    "catalogue-filtered": ".card-grid .card",
    "search": ".search-results .search-hit",
    "members": ".member-grid .member-card",
    "members-filtered": ".member-grid .member-card",
    "requests": ".thread-list .thread-row",
    "discussions": ".thread-list .thread-row",
    "category": ".thread-list .thread-row",
    "resources": ".resource-grid .resource",
    "news-index": ".news-list li",
}

MEASURE = """selector => {
    const first = document.querySelector(selector) || document.querySelector('main h1');
    const header = document.querySelector('.site-header');
    const chart = [...document.querySelectorAll('.bar-chart text')].map(t => t.getBoundingClientRect().height);
    return {
        scrollWidth: document.documentElement.scrollWidth, innerWidth, innerHeight,
        found: !!document.querySelector(selector),
        firstTop: first ? first.getBoundingClientRect().top + scrollY : null,
        header: header.getBoundingClientRect().height,
        smallestChartText: chart.length ? Math.min(...chart) : null,
        wide: [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + (e.id ? '#' + e.id : '')),
    };
}"""


def session_cookie(user, url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def problems_on(page, url: str, name: str) -> list[str]:
    """Loads the page at the first phone width, then measures it at each width."""
    found = []
    response = page.goto(url)
    if not response.ok:
        return [f"{url} answered {response.status}"]
    for width, height in PHONES:
        page.set_viewport_size({"width": width, "height": height})
        m = page.evaluate(MEASURE, FIRST_RESULT.get(name, "main h1"))
        where = f"{url} at {width} px"
        if m["scrollWidth"] > m["innerWidth"]:
            found.append(f"{where}: scrolls sideways ({m['scrollWidth']} px wide; too wide: {m['wide']})")
        if name in FIRST_RESULT and not m["found"]:
            found.append(f"{where}: no result found with {FIRST_RESULT[name]}")
        if m["firstTop"] is None or m["firstTop"] + 40 > m["innerHeight"]:
            found.append(f"{where}: the first result or heading starts at {m['firstTop']} px, below the first screen")
        if m["header"] > HEADER_HEIGHT:
            found.append(f"{where}: the header is {m['header']} px high")
        if m["smallestChartText"] is not None and m["smallestChartText"] < READABLE_TEXT:
            found.append(f"{where}: chart text {m['smallestChartText']:.1f} px high")
    return found


def test_every_page_fits_a_phone_and_shows_what_it_is_for_on_the_first_screen(live_server, browser, every_page):
    width, height = PHONES[0]
    problems: list[str] = []
    visitor = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    member = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    member.add_cookies([session_cookie(every_page.member, live_server.url)])
    moderator = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    moderator.add_cookies([session_cookie(every_page.moderator, live_server.url)])
    checked = 0
    for context, pages in [
        (visitor, every_page.public),
        (member, every_page.signed_in),
        (moderator, every_page.moderating),
    ]:
        page = context.new_page()
        page.set_default_timeout(15_000)
        for language in LANGUAGES:
            for name, path in pages.items():
                problems += problems_on(page, live_server.url + in_language(path, language), name)
                checked += 1
        context.close()
    assert checked >= 150
    assert not problems, f"{len(problems)} problems on phones:\n" + "\n".join(problems)


@pytest.fixture
def no_script_phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_menu_and_the_filters_open_on_demand_without_javascript(live_server, no_script_phone, every_page):
    page = no_script_phone
    for path in ["/en/solutions/?sdg=6", "/fr/members/?country=SN", "/pt/requests/"]:
        page.goto(live_server.url + path)
        search, filters = page.locator("#header-q"), page.locator("form.filters")
        assert not search.is_visible() and not filters.is_visible(), path
        page.get_by_text("Menu", exact=True).click()
        assert search.is_visible(), path
        page.get_by_text("Menu", exact=True).click()
        page.locator(".filter-panel > summary").click()
        assert filters.is_visible(), path
        assert filters.locator("button[type=submit]").is_visible(), path
    # The active filters are shown above the results, each one a link that removes it.
    page.goto(live_server.url + "/en/solutions/?sdg=6&region=13")
    chips = page.locator("ul.chips a")
    assert chips.count() == 2
    chips.first.click()
    page.wait_for_url("**/en/solutions/?sdg=6")


def test_on_a_wide_screen_the_menu_and_the_filters_stand_open(live_server, browser, every_page):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    for path in ["/en/solutions/", "/es/members/", "/en/requests/"]:
        page.goto(live_server.url + path)
        assert page.locator("#header-q").is_visible(), path
        assert page.locator("form.filters button[type=submit]").is_visible(), path
        assert not page.locator(".site-menu > summary").is_visible(), path
        assert not page.locator(".filter-panel > summary").is_visible(), path
    context.close()
