"""Comparing solutions side by side (issue 16): two to four, only visible ones, a
shareable address that works in every language, the choosers on lists and search
results."""

from __future__ import annotations

import datetime
from decimal import Decimal
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from apps.knowledge.choices import Currency, Licence, Phase
from apps.knowledge.models import SolutionContact, SolutionPartner
from tests.knowledge.factories import (
    ContactFactory,
    OrganisationFactory,
    SolutionPageFactory,
    TranslationFactory,
)

pytestmark = pytest.mark.django_db


def compare_url(code: str, *pages) -> str:
    with translation.override(code):
        url = reverse("compare")
    return url + "?" + "&".join(f"s={page.pk}" for page in pages)


def parse(response) -> BeautifulSoup:
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def column_titles(doc) -> list[str]:
    return [th.a.get_text() for th in doc.select(".compare-table thead th")]


def row(doc, heading: str) -> list[str]:
    for tr in doc.select(".compare-table tbody tr"):
        if tr.th.get_text(strip=True) == heading:
            return [" ".join(td.get_text().split()) for td in tr.select("td")]
    raise AssertionError(f"no row {heading}")


def chosen(doc) -> list[str]:
    """The ids still ticked in the form to change the choice."""
    return [box["value"] for box in doc.select(".compare-choice input[checked]")]


@pytest.fixture
def solutions(portal):
    """Five published solutions, the first fully described."""
    lead = OrganisationFactory(name="Stadtwerke Flensburg")
    first = SolutionPageFactory(
        portal=portal,
        title="Wärmeatlas",
        phase=Phase.OPERATION,
        lead_organisation=lead,
        start_date=datetime.date(2023, 4, 1),
        end_date=datetime.date(2026, 12, 31),
        budget=Decimal("250000"),
        currency=Currency.DKK,
        licence=Licence.EUPL,
        adoption_requirements="Ein Geoportal und zwei Tage Schulung.",
    )
    contact = ContactFactory(name="Hanna Petersen", email="hanna@example.org")
    SolutionContact.objects.create(page=first, contact=contact)
    others = [
        SolutionPageFactory(portal=portal, title=title, phase=Phase.IDEA)
        for title in ("Bürgerbus", "Dorfladen", "Pflegenetz", "Ladesäulen")
    ]
    return [first, *others]


def test_two_solutions__side_by_side(client, solutions):
    with translation.override("en"):
        doc = parse(client.get(compare_url("en", *solutions[:2])))

    assert column_titles(doc) == ["Wärmeatlas", "Bürgerbus"]
    caption = doc.select_one(".compare-table caption")
    assert caption.get_text(strip=True)
    region = doc.select_one(".compare__scroll")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert doc.find(id=region["aria-labelledby"]) == caption
    assert all(th["scope"] == "row" for th in doc.select(".compare-table tbody th"))
    assert row(doc, "Phase") == ["Regular operation", "Idea"]
    assert row(doc, "Period")[0] == "April 2023 – December 2026"
    assert row(doc, "Budget")[0].startswith("DKK 250,000 (")
    assert row(doc, "Licence")[0] == "EUPL 1.2"
    assert row(doc, "Lead organisation")[0] == "Stadtwerke Flensburg"
    assert row(doc, "What another municipality needs to adopt it")[0] == (
        "Ein Geoportal und zwei Tage Schulung."
    )
    assert "Hanna Petersen" in row(doc, "Contacts")[0]
    assert "hanna@example.org" in row(doc, "Contacts")[0]
    assert row(doc, "Contacts")[1] == "Not stated"
    assert not doc.select(".compare__error")


def test_four__allowed(client, solutions):
    doc = parse(client.get(compare_url("de", *solutions[:4])))

    assert len(column_titles(doc)) == 4
    assert not doc.select(".compare__error")


def test_one__asks_for_more_and_keeps_the_choice(client, solutions):
    with translation.override("en"):
        doc = parse(client.get(compare_url("en", solutions[0])))

    assert "at least two" in doc.select_one(".compare__error").get_text()
    assert not doc.select(".compare-table")
    assert chosen(doc) == [str(solutions[0].pk)]


def test_five__too_many_and_keeps_the_choice(client, solutions):
    with translation.override("en"):
        doc = parse(client.get(compare_url("en", *solutions)))

    error = doc.select_one(".compare__error").get_text()
    assert "5 solutions" in error and "up to four" in error
    assert not doc.select(".compare-table")
    assert chosen(doc) == [str(page.pk) for page in solutions]
    # The boxes point at the message, so a screen reader hears why.
    boxes = doc.select(".compare-choice input")
    assert {box["aria-describedby"] for box in boxes} == {"compare-error"}


def test_error__in_the_visitors_language(client, solutions):
    messages = set()
    for code in ("de", "da", "en"):
        doc = parse(client.get(compare_url(code, solutions[0])))
        assert doc.html["lang"] == code
        messages.add(doc.select_one(".compare__error").get_text())
    with translation.override("de"):
        german = translation.gettext(
            "Choose at least two solutions to compare: tick “Compare” on the "
            "solutions in a list or in the search results."
        )
    assert german in messages


def test_hidden_solutions__never_shown(client, portal, solutions):
    draft = SolutionPageFactory(portal=portal, title="Geheimer Entwurf", draft=True)
    private = SolutionPageFactory(portal=portal, title="Interne Lösung")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    with translation.override("en"):
        response = client.get(
            compare_url("en", solutions[0], draft, private, solutions[1])
        )
    doc = parse(response)

    assert column_titles(doc) == ["Wärmeatlas", "Bürgerbus"]
    assert "2 of the chosen solutions are not available" in doc.get_text()
    assert b"Geheimer Entwurf" not in response.content
    assert b"Interne L" not in response.content


def test_hidden_solutions__do_not_make_up_the_two(client, portal, solutions):
    draft = SolutionPageFactory(portal=portal, draft=True)

    with translation.override("en"):
        doc = parse(client.get(compare_url("en", solutions[0], draft)))

    assert doc.select_one(".compare__error")
    assert chosen(doc) == [str(solutions[0].pk)]


def test_junk_and_repeated_ids__ignored(client, solutions):
    first, second = solutions[:2]
    url = reverse("compare") + f"?s={first.pk}&s=abc&s=-1&s={first.pk}&s={second.pk}"

    doc = parse(client.get(url))

    assert column_titles(doc) == ["Wärmeatlas", "Bürgerbus"]


def test_shareable_address__round_trip(client, solutions):
    chosen_pages = [solutions[2], solutions[0], solutions[1]]
    doc = parse(client.get(compare_url("de", *chosen_pages)))

    shared = doc.select_one(".compare__share a")["href"]
    assert shared.startswith("http")
    address = urlsplit(shared)
    assert address.path == "/de/compare/"
    again = parse(client.get(f"{address.path}?{address.query}"))

    assert column_titles(again) == ["Dorfladen", "Wärmeatlas", "Bürgerbus"]
    assert parse_qs(address.query)["s"] == [str(page.pk) for page in chosen_pages]


def test_other_language__translations_and_their_links(client, solutions):
    first, second = solutions[:2]
    english = TranslationFactory(page=first, language_code="en")
    english.title = "Heat atlas"
    english.save_revision().publish()

    with translation.override("en"):
        doc = parse(client.get(compare_url("en", first, second)))

    headers = doc.select(".compare-table thead th")
    assert column_titles(doc) == ["Heat atlas", "Bürgerbus"]
    assert headers[0].a["href"].startswith("/en/")
    assert not headers[0].has_attr("lang")
    # Not translated: shown in German and marked as such.
    assert headers[1]["lang"] == "de"
    assert headers[1].a["href"].startswith("/de/")
    assert "In German" in headers[1].get_text()
    # The language switcher keeps the choice.
    switch = {
        a["hreflang"]: a["href"] for a in doc.select("link[rel=alternate][hreflang]")
    }
    assert f"s={first.pk}" in switch["da"] and "/da/compare/" in switch["da"]


def test_lists__are_forms_to_the_comparison(client, portal, solutions):
    doc = parse(client.get(portal.knowledge.url))

    form = doc.select_one("form.compare-form")
    assert form["method"] == "get"
    assert form["action"] == "/de/compare/"
    assert form.select_one("button[type=submit]")
    # The boxes sit on the cards and belong to the form after the list.
    boxes = doc.select(".card__compare input[type=checkbox][name=s]")
    assert {box["form"] for box in boxes} == {form["id"]}
    assert {box["value"] for box in boxes} == {str(page.pk) for page in solutions}
    for box in boxes:
        label = doc.select_one(f"label[for={box['id']}]")
        assert label.select_one(".visually-hidden").get_text(strip=True)


def test_lists__two_on_one_page_have_forms_of_their_own(client, portal, solutions):
    """An organisation's page lists the solutions it leads and those it partners."""
    partner = OrganisationFactory(name="Sønderborg Kommune", slug="soenderborg")
    SolutionPartner.objects.create(page=solutions[1], organisation=partner)
    SolutionPageFactory(portal=portal, title="Grenzpendler", lead_organisation=partner)
    directory = portal.directory.specific

    doc = parse(client.get(directory.organisation_url(partner)))

    forms = doc.select("form.compare-form")
    assert len(forms) == 2
    for form in forms:
        owned = doc.select(f'input[form="{form["id"]}"]')
        assert len(owned) == 1
    ids = [element["id"] for element in doc.select("[id]")]
    assert len(ids) == len(set(ids))


def test_search_results__solutions_can_be_chosen(client, solutions):
    doc = parse(client.get(reverse("search") + "?q=Wärmeatlas"))

    form = doc.select_one("form.compare-form")
    assert form["action"] == "/de/compare/"
    assert str(solutions[0].pk) in [
        box["value"] for box in form.select("input[type=checkbox][name=s]")
    ]
