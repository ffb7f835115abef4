"""The admin speaks the editor's language: a crawl of the screens editors,
moderators and translators use finds no text of another language.

The demo users work with their admin language set to Danish or German. Every
screen is read as the user sees it: the text between the tags, the tooltips and
labels (``title``, ``aria-label``, ``placeholder``, Wagtail's tooltip attribute)
and the strings of the JSON the admin's scripts render (the main menu, the
editor's side panels). A text is foreign when it is a message of the catalogues
(Wagtail's, Django's, wagtail-localize's, the project's) in English or in the other
language and not a text of the screen's own language: German on a Danish screen
is what Django's fallback to ``LANGUAGE_CODE`` shows for a message the Danish
catalogue lacks, English is a message nobody translated. Messages with
placeholders ("Submit to %(workflow_name)s") are matched as patterns. The demo
content is German; its titles and names are not messages and are left out.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from http import HTTPStatus
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext, trans_real
from pytest_django.asserts import assertContains, assertNotContains
from wagtail.models import Locale, Page, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from apps.demo.seed import demo_key
from apps.knowledge.choices import Owner
from apps.knowledge.models import Contact, FieldOfAction, Organisation, SolutionPage
from apps.workflow.workflows import DEFAULT_WORKFLOW_NAME
from tests.workflow.admin_actions import act_as_reviewer, submit

OTHER_LANGUAGE = {"da": "de", "de": "da"}
# What the issue saw in the wrong language; a crawl must never show it.
ENGLISH_SEEN = [
    "Authority review",
    "Danish partners",
    "Knowledge base moderation",
    "Submit to",
    "More actions",
    "Your review is pending",
    "Awaiting your review",
]
KNOWN_MISSES = {
    "da": [*ENGLISH_SEEN, "Mehr Aktionen", "Ihre Überprüfung steht aus", "Berichte"],
    "de": ENGLISH_SEEN,
}
# Wagtail prints the empty error counter of the status side panel as Python's None
# (hidden until a script fills in the count): no message.
NOT_MESSAGES = {"None"}
TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "data-w-tooltip-content-value"}
VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# A message is worth matching when it holds a word of three letters or more.
WORD = re.compile(r"[^\W\d_]{3,}")
# Names in the scripts' JSON (menu item names, field names, icons) are no text.
IDENTIFIER = re.compile(r"[a-z0-9_.:/-]+")
TAG = re.compile(r"<[^>]*>")


class ScreenTexts(HTMLParser):
    """The texts a user sees or hears on a screen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open_tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in TEXT_ATTRIBUTES & attrs.keys():
            self._add(attrs[name] or "")
        if tag not in VOID_TAGS:
            self.open_tags.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.open_tags and self.open_tags.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if any(tag == "style" for tag, _ in self.open_tags):
            return
        script = next((a for tag, a in self.open_tags if tag == "script"), None)
        if script is None:
            self._add(data)
        elif script.get("type") == "application/json":
            self._add_json(json.loads(data))

    def _add_json(self, value) -> None:
        if isinstance(value, str):
            if not IDENTIFIER.fullmatch(value):
                self._add(value)
        elif isinstance(value, dict):
            for item in value.values():
                self._add_json(item)
        elif isinstance(value, list):
            for item in value:
                self._add_json(item)

    def _add(self, text: str) -> None:
        text = " ".join(text.split())
        if WORD.search(text):
            self.texts.append(text)


def _catalogue(language: str) -> list[tuple[str, str]]:
    """The language's own messages as (msgid, text), without Django's fallback
    to ``LANGUAGE_CODE`` (the fallback is what this test looks for). A msgid
    with a context is written "context\x04msgid", as gettext stores it."""
    messages = []
    for key, text in trans_real.translation(language)._catalog.items():
        messages.append((key[0] if isinstance(key, tuple) else key, text))
    return messages


def _message(msgid: str) -> str:
    return msgid.rpartition("\x04")[2]


def _shown(message: str) -> list[str]:
    """The texts a message shows: a message with HTML shows the text between
    its tags, each as a text of its own; spaces collapse as in ``ScreenTexts``."""
    parts = TAG.split(message) if "<" in message else [message]
    return [text for part in parts if WORD.search(text := " ".join(part.split()))]


def _pattern(message: str) -> tuple[str, str, re.Pattern] | None:
    """Literal start, literal end and regular expression of a message with
    placeholders; None for a message without them or without words."""
    parts = PLACEHOLDER.split(message)
    if len(parts) == 1 or sum(len(w) for w in WORD.findall("".join(parts))) < 6:
        return None
    regex = re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)
    return parts[0], parts[-1], regex


class Patterns:
    """Messages with placeholders, looked up by their literal start or end."""

    def __init__(self, messages) -> None:
        self.by_start = defaultdict(list)
        self.by_end = defaultdict(list)
        self.others = []
        for message, msgid in messages:
            pattern = _pattern(message)
            if pattern is None:
                continue
            start, end, regex = pattern
            if len(start) >= 3:
                self.by_start[start[:3]].append((regex, msgid))
            elif len(end) >= 3:
                self.by_end[end[-3:]].append((regex, msgid))
            else:
                self.others.append((regex, msgid))

    def match(self, text: str) -> str | None:
        candidates = self.by_start[text[:3]] + self.by_end[text[-3:]] + self.others
        return next((m for regex, m in candidates if regex.fullmatch(text)), None)


class ForeignTexts:
    """Finds the texts on a screen in ``language`` that are messages of another
    language (English or the other admin language)."""

    def __init__(self, language: str, content: set[str]) -> None:
        own = [
            (msgid, shown)
            for msgid, text in _catalogue(language)
            for shown in _shown(text)
        ]
        other = _catalogue(OTHER_LANGUAGE[language])
        # Django capitalises field labels (capfirst).
        self.own_texts = {t for _m, text in own for t in (text, capfirst(text))}
        self.own_texts |= content | NOT_MESSAGES
        # English messages and the other language's texts, unless the screen's own
        # language says the same.
        foreign = {
            shown: msgid
            for msgid, _text in [*own, *other]
            for shown in _shown(_message(msgid))
        }
        foreign.update(
            {shown: msgid for msgid, text in other for shown in _shown(text)}
        )
        foreign = {
            text: msgid
            for text, msgid in foreign.items()
            if text not in self.own_texts and WORD.search(text)
        }
        self.exact = {
            text: msgid
            for text, msgid in foreign.items()
            if not PLACEHOLDER.search(text)
        }
        self.foreign_patterns = Patterns(foreign.items())
        self.own_patterns = Patterns((text, text) for _msgid, text in own)
        # Content inside a text ("Exploring: Lösungen") is no part of a message.
        names = sorted((t for t in content if WORD.search(t)), key=len, reverse=True)
        self.content = re.compile("|".join(map(re.escape, names)) or "(?!)")

    def __call__(self, text: str) -> str | None:
        """The message ``text`` shows in a foreign language, or None."""
        if text in self.own_texts:
            return None
        if text in self.exact:
            return self.exact[text]
        text = self.content.sub("\x00", text)
        msgid = self.foreign_patterns.match(text)
        if msgid is not None and self.own_patterns.match(text) is None:
            return msgid
        return None


@cache
def _detector(language: str, content: frozenset[str]) -> ForeignTexts:
    return ForeignTexts(language, set(content))


def solution(key: str, language: str = "de") -> SolutionPage:
    return SolutionPage.objects.get(
        translation_key=demo_key("page", f"solution:{key}"),
        locale=Locale.objects.get(language_code=language),
    )


def user(username: str):
    return get_user_model().objects.get(username=username)


def set_admin_language(username: str, language: str) -> None:
    profile = UserProfile.get_for_user(user(username))
    profile.preferred_language = language
    profile.save()


@pytest.mark.django_db
class AdminLanguageCrawlTests:
    """The demo editor, moderator and translator at work in Danish and German."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(
        self, db: None, client: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        self.client = client
        self.django_capture_on_commit_callbacks = django_capture_on_commit_callbacks

    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=StringIO())
        editor, moderator = user("flensburg-editor"), user("flensburg-moderator")
        cls.in_review = solution("flensburg-mobilitaetsstationen")
        cls.not_submitted = solution("flensburg-hafen-pegel")
        approved = solution("flensburg-sicherer-schulweg")
        for page in (cls.in_review, approved):
            client = Client()
            client.force_login(editor)
            response = submit(client, page)
            assert response.status_code == HTTPStatus.FOUND, response.content[:300]
        act_as_reviewer(Client(), approved, [moderator], "approve", "Gut so.")

        # A translation kept in sync by wagtail-localize, for its editor.
        source = solution("flensburg-barrierefreie-wege")
        translation_source, _ = TranslationSource.get_or_create_from_instance(source)
        translation = Translation.objects.create(
            source=translation_source,
            target_locale=Locale.objects.get(language_code="da"),
        )
        translation.save_target(user=user("translator"), publish=False)
        cls.localized = source.get_translation(translation.target_locale)
        cls.source = source
        cls.knowledge_index = cls.in_review.get_parent().get_parent()

    def screens(self, username: str) -> list[str]:
        in_review, not_submitted = self.in_review.pk, self.not_submitted.pk
        organisation = Organisation.objects.filter(
            locale__language_code="de", owner=Owner.STADT_FLENSBURG
        ).first()
        shared = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore_root"),
            reverse("wagtailadmin_explore", args=[self.knowledge_index.pk]),
            reverse("wagtailadmin_explore", args=[self.in_review.get_parent().pk]),
            reverse("wagtailadmin_pages:history", args=[in_review]),
            reverse("wagtailadmin_reports:workflow"),
            reverse("wagtailadmin_reports:workflow_tasks"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:aging_pages"),
            reverse("wagtailsnippets_knowledge_organisation:list"),
            reverse("wagtailsnippets_knowledge_contact:list"),
            reverse("wagtailimages:index"),
            reverse("wagtaildocs:index"),
        ]
        per_user = {
            "flensburg-editor": [
                reverse("wagtailadmin_pages:edit", args=[in_review]),
                reverse("wagtailadmin_pages:edit", args=[not_submitted]),
                reverse(
                    "wagtailsnippets_knowledge_organisation:edit",
                    args=[organisation.pk],
                ),
            ],
            "flensburg-moderator": [
                reverse("wagtailadmin_pages:edit", args=[in_review]),
                reverse("wagtailadmin_reports:locked_pages"),
                reverse("workflow_dashboard"),
            ],
            "translator": [
                reverse("wagtailadmin_pages:edit", args=[self.localized.pk]),
                reverse(
                    "wagtail_localize:submit_page_translation",
                    args=[self.not_submitted.pk],
                ),
                reverse("wagtailsnippets_knowledge_fieldofaction:list"),
                reverse("workflow_admin:translation_status"),
            ],
        }
        return shared + per_user[username]

    def content_texts(self) -> frozenset[str]:
        """Titles and names of the demo content, which are no messages."""
        texts = set(Page.objects.values_list("title", flat=True))
        for model in (Organisation, Contact, FieldOfAction):
            texts.update(str(obj) for obj in model.objects.all())
        return frozenset(" ".join(text.split()) for text in texts)

    def foreign_texts_on_screens(self, language: str) -> list[str]:
        """One line per foreign text: the text, its message, the first screen."""
        foreign = _detector(language, self.content_texts())
        found: dict[str, tuple[str, str]] = {}
        # Someone opened the admin in the other language first: Wagtail builds
        # its menus once, and nothing of that visit may stick.
        set_admin_language("translator", OTHER_LANGUAGE[language])
        self.client.force_login(user("translator"))
        self.client.get(reverse("wagtailadmin_home"))
        for username in ("flensburg-editor", "flensburg-moderator", "translator"):
            set_admin_language(username, language)
            self.client.force_login(user(username))
            for url in self.screens(username):
                response = self.client.get(url)
                assert response.status_code == HTTPStatus.OK, (username, url)
                parser = ScreenTexts()
                parser.feed(response.content.decode())
                for text in parser.texts:
                    msgid = foreign(text) or next(
                        (miss for miss in KNOWN_MISSES[language] if miss in text),
                        None,
                    )
                    if msgid is not None:
                        found.setdefault(text, (msgid, url))
        return [
            f"{text!r} (message {_message(msgid)!r}) on {url}"
            for text, (msgid, url) in sorted(found.items())
        ]

    def test_danish_moderator__mail_names_the_task_in_danish(self):
        set_admin_language("flensburg-moderator", "da")
        self.client.force_login(user("flensburg-editor"))
        with self.django_capture_on_commit_callbacks(execute=True):
            submit(self.client, self.not_submitted)

        (message,) = [
            m for m in mail.outbox if m.to == [user("flensburg-moderator").email]
        ]
        with translation.override("da"):
            task = gettext("Authority review")
        assert task != "Authority review", "no Danish name in locale/"
        assert f"({task})" in message.body
        assert f"({task})" in message.alternatives[0].content

    def test_workflow_edit_form__keeps_the_stored_name(self):
        """The form shows the stored English name, so saving it in the German
        admin does not store the German name."""
        set_admin_language("admin", "de")
        self.client.force_login(user("admin"))
        workflow = Workflow.objects.get(name=DEFAULT_WORKFLOW_NAME)

        response = self.client.get(
            reverse("wagtailadmin_workflows:edit", args=[workflow.pk])
        )

        with translation.override("de"):
            shown = gettext(DEFAULT_WORKFLOW_NAME)
        assert shown != DEFAULT_WORKFLOW_NAME, "no German name in locale/"
        assertContains(response, shown)
        assertContains(response, f'value="{DEFAULT_WORKFLOW_NAME}"')
        assertNotContains(response, f'value="{shown}"')

    def test_danish_admin__shows_no_german_or_english_text(self):
        assert self.foreign_texts_on_screens("da") == []

    def test_german_admin__shows_no_danish_or_english_text(self):
        assert self.foreign_texts_on_screens("de") == []
