"""The de, da and en catalogues are complete, current and compiled."""

from __future__ import annotations

import shutil
from http import HTTPStatus
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.knowledge.factories import PortalFactory, TranslationFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
SOURCE_PACKAGES = ["apps", "cms"]


def catalogue(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue__has_no_empty_or_fuzzy_entry(language):
    po = polib.pofile(str(catalogue(language)))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {language}: {untranslated}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue__matches_its_source(language):
    po = polib.pofile(str(catalogue(language)))
    mo = polib.mofile(str(catalogue(language).with_suffix(".mo")))
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}
    missing = sorted(str(k[1]) for k in expected.keys() - compiled.keys())
    assert missing == [], f"{language}: run `make messages`; not compiled: {missing}"
    stale = sorted(str(k[1]) for k in expected if compiled.get(k) != expected[k])
    assert stale == [], f"{language}: run `make messages`; stale: {stale}"


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed"
)
def test_every_string_in_the_code__is_in_every_catalogue(
    tmp_path, settings, monkeypatch
):
    """Extract the strings afresh from a copy of the code and compare."""
    source = tmp_path / "src"
    for package in SOURCE_PACKAGES:
        shutil.copytree(
            Path(settings.BASE_DIR) / package,
            source / package,
            ignore=shutil.ignore_patterns("__pycache__", "static"),
        )
    for language in LANGUAGES:
        target = source / "locale" / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(catalogue(language), target / "django.po")
    monkeypatch.chdir(source)
    settings.LOCALE_PATHS = [source / "locale"]
    call_command("makemessages", locale=LANGUAGES, no_obsolete=True, verbosity=0)
    for language in LANGUAGES:
        fresh = polib.pofile(
            str(source / "locale" / language / "LC_MESSAGES/django.po")
        )
        missing = [e.msgid for e in fresh.untranslated_entries()]
        missing += [e.msgid for e in fresh.fuzzy_entries()]
        assert missing == [], f"{language}: missing in locale/: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skip_link", "search_label"),
    [
        ("de", "Zum Inhalt springen", "Suche"),
        ("da", "Gå til indholdet", "Søg"),
        ("en", "Skip to content", "Search"),
    ],
)
def test_portal__speaks_the_visitors_language(
    client, language, skip_link, search_label
):
    portal = PortalFactory()
    for code in ("da", "en"):
        TranslationFactory(page=portal.home, language_code=code)
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert skip_link in html
    assert f">{search_label}<" in html
