"""Automated accessibility checks: axe-core (WCAG 2.1 A/AA) on the main pages, a keyboard-only
journey, and a budget for the CSS and JavaScript each page loads.

axe-core comes from the npm registry through scripts/axe.sh (into .cache/axe/); AXE_PATH
points the tests at another copy of axe.min.js.
"""

import os
from pathlib import Path

import pytest

from community.models import Category
from community.posting import start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = Path(os.environ.get("AXE_PATH") or ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
PAGE_WEIGHT_BUDGET = 300 * 1024  # bytes of CSS and JavaScript per page

PAGES = ["home", "catalogue", "solution", "search", "thread", "signup", "members", "request", "requests", "demand"]
WATER_TITLE = "Rainwater harvesting for schools"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_PATH.is_file():
        pytest.fail(
            f"axe-core not found at {AXE_PATH}: run scripts/axe.sh (installs the npm package axe-core "
            "into .cache/axe/) or set AXE_PATH to an axe.min.js"
        )
    return AXE_PATH


@pytest.fixture
def axe_page(browser):
    """A page whose Content-Security-Policy lets the injected axe script run (the site's own CSP
    forbids inline scripts, which is how Playwright adds axe)."""
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def site_pages(site_tree, make_solution, make_member) -> dict[str, str]:
    """Content for every checked page; returns page name -> path."""
    water = make_solution(
        title=WATER_TITLE, summary="Schools collect rainwater to keep clean water through the dry season."
    )
    make_solution(title="School gardens in Malawi", recipient_countries=["MW"], sdgs=[2, 4])
    author = make_member(email="awa@example.org", name="Awa Diop", country="SN")
    make_member(email="bilal@example.org", name="Bilal Khan", country="PK")
    category = Category.objects.create(name="Water", slug="water")
    thread = start_thread(
        author,
        title="Chlorine dosing for small networks",
        body="What dose do you use for **village** networks?",
        category=category,
    )
    from exchange import lifecycle
    from exchange.matching import refresh_matches
    from solutions.models import Theme

    request = lifecycle.create(
        author,
        publish=True,
        # Nothing here matches the keyboard journey's search for "water".
        title="How do schools keep their tanks clean through the dry season?",
        challenge="Our school tanks turn green after two months.",
        learn="Cleaning routines and cheap filters others used.",
        themes=list(Theme.objects.filter(slug="education")),
    )
    refresh_matches(request)
    lifecycle.make_offer(
        make_member(email="cy@example.org", name="Cy Ramos"), request, summary="We filter with sand and charcoal."
    )
    return {
        "request": request.get_absolute_url(),
        "requests": "/en/requests/",
        "demand": "/en/requests/demand/",
        "home": "/en/",
        "catalogue": "/en/solutions/",
        "solution": water.url,
        "search": "/en/search/?q=water",
        "thread": thread.get_absolute_url(),
        "signup": "/en/accounts/signup/",
        "members": "/en/members/",
    }


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_or_critical_axe_violations(live_server, axe_page, axe_script, site_pages, name):
    page = axe_page
    response = page.goto(live_server.url + site_pages[name])
    assert response.ok, f"{site_pages[name]} answered {response.status}"
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious/critical violations on {site_pages[name]}:\n{describe(blocking)}"


@pytest.mark.parametrize("name", PAGES)
def test_page_css_and_javascript_stay_under_budget(live_server, page, site_pages, name):
    sizes: dict[str, int] = {}

    def count(response):
        content_type = response.headers.get("content-type", "")
        if "text/css" in content_type or "javascript" in content_type:
            sizes[response.url] = len(response.body())

    page.on("response", count)
    page.goto(live_server.url + site_pages[name])
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    detail = "\n".join(f"    {size:>8} {url}" for url, size in sorted(sizes.items()))
    assert total < PAGE_WEIGHT_BUDGET, (
        f"{site_pages[name]} loads {total} bytes of CSS and JavaScript (budget {PAGE_WEIGHT_BUDGET}):\n{detail}"
    )


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.value || '').trim(),
                href: el.getAttribute('href'), className: el.className,
                outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
                inViewport: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
                isFirstResult: el === document.querySelector('.search-results a'),
            };
        }"""
    )


def tab_until(page, wanted, limit: int = 60) -> dict:
    """Presses Tab until wanted(focused element) holds, checking every stop shows a focus outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outlineStyle"] != "none", f"no visible focus outline on {element}"
        if wanted(element):
            return element
    pytest.fail(f"not reached with {limit} presses of Tab; focus ended on {element}")


def test_keyboard_only_visitor_searches_and_opens_a_solution(live_server, page, site_pages):
    page.goto(live_server.url + "/en/")

    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Skip to content" and skip["href"] == "#main", skip
    assert skip["inViewport"], "the skip link stays off screen when focused"
    assert page.get_by_role("link", name="Skip to content").is_visible()
    assert skip["outlineStyle"] != "none", f"no visible focus outline on {skip}"

    tab_until(page, lambda element: element["id"] == "header-q")
    page.keyboard.type("water")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=water**")

    first = tab_until(page, lambda element: element["isFirstResult"])
    assert first["text"] == WATER_TITLE
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{site_pages['solution']}")
    assert page.get_by_role("heading", level=1).inner_text() == WATER_TITLE
