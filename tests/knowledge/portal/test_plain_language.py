"""A solution's summary in plain language (Leichte Sprache, letlæst) is shown in
its own labelled section, marked with the page's language, only when filled."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from tests.knowledge.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db

SUMMARY = "In Flensburg gibt es eine Karte.\nDie Karte zeigt Wege ohne Stufen."


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def section(html: str) -> str | None:
    found = re.search(r'<section class="plain-language".*?</section>', html, re.S)
    return found.group(0) if found else None


def test_plain_language__shown_in_a_labelled_section_when_filled(client, portal):
    page = SolutionPageFactory(portal=portal, plain_language_summary=SUMMARY)

    shown = section(client.get(page.url).content.decode())

    assert shown is not None
    assert 'lang="de"' in shown
    assert 'aria-labelledby="plain-language-heading"' in shown
    assert f'id="plain-language-heading">{_in("de", "In plain language")}</h2>' in (
        shown
    )
    assert "Die Karte zeigt Wege ohne Stufen." in shown
    assert "Karte.<br>Die Karte" in shown


def test_plain_language__absent_when_empty(client, portal):
    page = SolutionPageFactory(portal=portal)

    html = client.get(page.url).content.decode()

    assert section(html) is None
    assert 'id="plain-language-heading"' not in html


def test_plain_language__danish_page_marks_its_section_danish(client, portal):
    page = SolutionPageFactory(
        portal=portal, danish=True, plain_language_summary="Kortet viser veje."
    )

    shown = section(client.get(page.url).content.decode())

    assert 'lang="da"' in shown
    assert _in("da", "In plain language") in shown
    assert "Kortet viser veje." in shown


def test_plain_language__is_offered_to_translators(portal):
    page = SolutionPageFactory(portal=portal, plain_language_summary=SUMMARY)

    # What wagtail-localize's translation editor lists for the page.
    segments = {segment.path: segment for segment in extract_segments(page)}

    assert "plain_language_summary" in segments
    assert isinstance(segments["plain_language_summary"], StringSegmentValue)
