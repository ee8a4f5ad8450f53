"""WCAG 2.1 A and AA, checked by axe-core on every page each role can reach (the Web Accessibility Directive).

axe-core comes from npm (package.json, pinned in package-lock.json; `npm ci` installs it, `.ci/run` and
`make test` do so). Serious and critical violations fail the test, listed as page, rule and element.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.conftest import login
from tests.e2e.crawl import ROLES, build_world, crawl, user_for

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" "))}));
}"""


@pytest.fixture
def axe_script() -> Path:
    if not AXE.exists():
        if os.environ.get("CHROMIUM_REQUIRED"):
            pytest.fail(f"axe-core is missing at {AXE}: run `npm ci`")
        pytest.skip("axe-core is not installed (npm ci)")
    return AXE


def test_no_page_has_serious_accessibility_violations_for_any_role(browser, live_server, cast, axe_script):
    build_world(cast)
    findings, pages = [], 0
    for role in ROLES:
        # The page's CSP forbids inline scripts, and axe is injected as one: bypass the CSP in the test only.
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 800},
                                      bypass_csp=True)  # fmt: skip
        context.set_default_timeout(15_000)
        page = context.new_page()
        login(page, user_for(cast, role).email)
        for path in crawl(page, live_server.url):
            pages += 1
            page.add_script_tag(path=str(axe_script))
            for v in page.evaluate(RUN_AXE, WCAG_21_AA):
                if v["impact"] in ("serious", "critical"):
                    for target in v["targets"][:5]:
                        findings.append(f"{role:11} {path}  {v['impact']} {v['id']}: {target}  ({v['help']})")
                    if len(v["targets"]) > 5:
                        findings.append(f"{role:11} {path}  ... and {len(v['targets']) - 5} more {v['id']}")
        context.close()
    print(f"{pages} pages checked", *findings, sep="\n")  # the whole list, which the assertion shortens
    assert pages > 30, f"the crawl reached only {pages} pages"
    assert not findings, f"{len(findings)} serious or critical findings:\n" + "\n".join(findings)
