"""On a phone (390 by 844 CSS pixels) no page scrolls sideways: wide tables scroll inside their own box or
become cards, and the course tabs scroll within their row."""

import pytest

from tests.e2e.conftest import login
from tests.e2e.crawl import ROLES, build_world, crawl, user_for

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
# The widest element that sticks out, to say what to fix.
WIDEST = """() => {
  let worst = null;
  for (const el of document.querySelectorAll("body *")) {
    const right = el.getBoundingClientRect().right;
    if (right > 390.5 && (!worst || right > worst.right)) {
      let up = el.parentElement, clipped = false;
      for (; up; up = up.parentElement) {
        const s = getComputedStyle(up);
        if (up.getBoundingClientRect().right <= 390.5 && s.overflowX !== "visible") { clipped = true; break; }
      }
      if (!clipped) worst = {right, tag: el.tagName.toLowerCase(), cls: el.className.toString().slice(0, 60),
                             text: (el.textContent || "").trim().slice(0, 40)};
    }
  }
  return worst;
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
                too_wide.append(f"{role:11} {path}  {width} px  widest: {page.evaluate(WIDEST)}")
        context.close()
    print(f"{pages} pages measured", *too_wide, sep="\n")
    assert pages > 30, f"the crawl reached only {pages} pages"
    assert not too_wide, f"{len(too_wide)} pages scroll sideways at 390 px:\n" + "\n".join(too_wide)
