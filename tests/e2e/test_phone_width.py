"""On a phone (390 by 844 CSS pixels) no page scrolls sideways: wide tables scroll inside their own box or
become cards, and the course tabs scroll within their row."""

import pytest

from tests.e2e.conftest import login
from tests.e2e.crawl import ROLES, build_world, crawl, user_for

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
# The innermost elements that stick out past the screen's edge (not clipped by a scrolling box), to say what to fix.
STICKING_OUT = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right <= 391 || getComputedStyle(el).position === "fixed") continue;
    let up = el.parentElement, clipped = false;
    for (; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible" && up.getBoundingClientRect().right <= 391) { clipped = true; break; }
    }
    if (clipped || [...el.children].some(c => c.getBoundingClientRect().right > 391)) continue;
    out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent || "").trim().slice(0, 30)}"`);
  }
  return out.slice(0, 3).join("; ");
}"""


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, cast):
    build_world(cast)
    too_wide, pages = [], 0
    for role in ROLES:
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
        context.set_default_timeout(15_000)
        page = context.new_page()
        login(page, user_for(cast, role).email)
        for path in crawl(page, live_server.url):
            pages += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{role:11} {path}  {width} px  sticking out: {page.evaluate(STICKING_OUT)}")
        context.close()
    print(f"{pages} pages measured", *too_wide, sep="\n")
    assert pages > 30, f"the crawl reached only {pages} pages"
    assert not too_wide, f"{len(too_wide)} pages scroll sideways at 390 px:\n" + "\n".join(too_wide)
