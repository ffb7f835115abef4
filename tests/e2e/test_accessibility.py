"""axe-core in a real browser on every portal page type in de, da and en.

WCAG 2.1 AA (the basis of BITV 2.0 and of the Danish web accessibility law): no
serious or critical violation on any page type in any language.
"""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from apps.knowledge.models import (
    ContactDirectoryPage,
    HomePage,
    KnowledgeIndexPage,
    Organisation,
    PartnerAreaPage,
    SolutionPage,
    ThemeIndexPage,
    ThemePage,
)
from tests.e2e.conftest import screenshot
from tests.e2e.conftest import solution as demo_solution

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
LANGUAGES = ["de", "da", "en"]
# Exists only in German / only in Danish in the demo content.
GERMAN_ONLY = "flensburg-sicherer-schulweg"
DANISH_ONLY = "dk-natlig-tilsyn-aabenraa"


def first(model, language: str, **filters):
    return (
        model.objects.live()
        .filter(locale__language_code=language, **filters)
        .order_by("path")
        .first()
    )


def portal_paths(language: str) -> dict[str, str]:
    """One address per portal page type in ``language``, from the demo content."""
    solution = demo_solution("flensburg-beteiligungsplattform", language)
    directory = first(ContactDirectoryPage, language)
    organisation = Organisation.objects.filter(
        locale=Locale.objects.get(language_code=language), slug="stadt-flensburg"
    ).first()
    missing_here = GERMAN_ONLY if language != "de" else DANISH_ONLY
    missing_source = (
        SolutionPage.objects.filter(slug=missing_here).order_by("path").first()
    )
    source_prefix = f"/{missing_source.locale.language_code}/"
    return {
        "home": first(HomePage, language).url,
        "knowledge-index": first(KnowledgeIndexPage, language).url,
        "partner-area": first(PartnerAreaPage, language).url,
        "theme-index": first(ThemeIndexPage, language).url,
        "theme": first(ThemePage, language).url,
        "solution": solution.url,
        "contact-directory": directory.url,
        "organisation": directory.specific.organisation_url(organisation),
        "search": f"/{language}/search/?q=energie",
        "not-translated": missing_source.url.replace(source_prefix, f"/{language}/", 1),
        "not-found": f"/{language}/diese-seite-gibt-es-nicht/",
    }


def test_every_portal_page_type__has_no_serious_wcag_violation(
    demo, live_server, axe_page, axe_source, subtests
):
    page = axe_page
    checked = 0
    for language in LANGUAGES:
        for kind, path in portal_paths(language).items():
            with subtests.test(language=language, page=kind):
                response = page.goto(live_server.url + path)
                assert response is not None
                assert page.locator("html").get_attribute("lang") == language
                page.add_script_tag(content=axe_source)
                violations = page.evaluate(
                    """async (tags) => {
                        const result = await axe.run(document, {
                            runOnly: {type: 'tag', values: tags},
                        });
                        return result.violations.map(v => ({
                            id: v.id, impact: v.impact,
                            targets: v.nodes.map(n => n.target.join(' ')),
                        }));
                    }""",
                    WCAG_AA,
                )
                screenshot(page, f"a11y-{language}-{kind}")
                blocking = [v for v in violations if v["impact"] in BLOCKING]
                assert blocking == [], f"{path}: {blocking}"
                checked += 1
    assert checked == len(LANGUAGES) * 11
