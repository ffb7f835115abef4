"""Machine translation chosen in the admin, with the term list as glossary.

DeepL and LibreTranslate are stood in for by a real HTTP server on loopback that
records each request (tests/knowledge/search/recording_server.py): the tests check the
requests as the services document them, and what lands in wagtail-localize when
a translator clicks its machine translation button.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from apps.knowledge.models import Term, TermGroup, TranslationSettings
from apps.knowledge.translation.machine import configured_translator
from apps.knowledge.translation.machine.base import (
    DEEPL_FREE_URL,
    DEEPL_PRO_URL,
    EngineConfig,
)
from apps.knowledge.translation.machine.libretranslate import (
    protect_terms,
    restore_terms,
)
from apps.knowledge.translation.machine.terms import check_terms, term_pairs
from apps.workflow.groups import setup_roles
from tests.factories import UserFactory, UserProfileFactory
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.knowledge.search.recording_server import RecordedRequest, RecordingServer

NO_ENV = {
    "ENGINE": "",
    "DEEPL_API_KEY": "",
    "DEEPL_API_URL": "",
    "LIBRETRANSLATE_URL": "",
    "LIBRETRANSLATE_API_KEY": "",
    "TIMEOUT": 5,
}


def env(**overrides) -> dict:
    return {**NO_ENV, **overrides}


def choose(engine: str = "", **fields) -> None:
    """What an administrator saved in Settings > Machine translation."""
    stored = TranslationSettings.load()
    stored.engine = engine
    for name, value in fields.items():
        setattr(stored, name, value)
    stored.save()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def term_group(name: str, **terms_by_language: list[str]) -> TermGroup:
    group = TermGroup.objects.create(name=name)
    for language, texts in terms_by_language.items():
        for text in texts:
            Term.objects.create(group=group, language=language, text=text)
    return group


class FakeDeepL:
    """Answers like DeepL: glossaries are kept and applied, text gets a marker."""

    def __init__(self):
        self.glossaries: dict[str, list[dict]] = {}

    def __call__(self, request: RecordedRequest) -> tuple[int, object]:
        if request.method == "POST" and request.path == "/v3/glossaries":
            glossary_id = f"glossary-{len(self.glossaries) + 1}"
            self.glossaries[glossary_id] = request.json["dictionaries"]
            return HTTPStatus.CREATED, {
                "glossary_id": glossary_id,
                "name": request.json["name"],
                "dictionaries": [
                    {
                        "source_lang": d["source_lang"],
                        "target_lang": d["target_lang"],
                        "entry_count": len(d["entries"].splitlines()),
                    }
                    for d in request.json["dictionaries"]
                ],
                "creation_time": "2026-11-26T12:00:00.000Z",
            }
        if request.method == "DELETE" and request.path.startswith("/v3/glossaries/"):
            self.glossaries.pop(request.path.rsplit("/", 1)[1], None)
            return HTTPStatus.NO_CONTENT, None
        if request.method == "POST" and request.path == "/v2/translate":
            body = request.json
            target = body["target_lang"].split("-")[0].lower()
            entries: list[tuple[str, str]] = []
            for dictionary in self.glossaries.get(body.get("glossary_id"), []):
                if (
                    dictionary["source_lang"] == body["source_lang"].lower()
                    and dictionary["target_lang"] == target
                ):
                    entries = [
                        tuple(line.split("\t"))
                        for line in dictionary["entries"].split("\n")
                    ]
            translations = []
            for text in body["text"]:
                for source, replacement in sorted(entries, key=lambda e: -len(e[0])):
                    text = text.replace(source, replacement)
                translations.append(
                    {"detected_source_language": "DE", "text": f"[{target}] {text}"}
                )
            return HTTPStatus.OK, {"translations": translations}
        return HTTPStatus.NOT_FOUND, {"message": "Not found"}


@override_settings(MACHINE_TRANSLATION=NO_ENV)
class MachineTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.solution = SolutionPageFactory(
            portal=cls.portal,
            title="Rufbus im ÖPNV",
            teaser="Der ÖPNV fährt auf Abruf.",
        )
        TranslationFactory(page=cls.portal.area, language_code="da")
        TranslationFactory(page=cls.portal.area, language_code="en")
        setup_roles()  # the translators may edit the Danish and English trees
        cls.translator = UserFactory(translator=True)
        UserProfileFactory(user=cls.translator)  # the tests read its admin messages
        cls.danish = Locale.objects.get(language_code="da")
        cls.english = Locale.objects.get(language_code="en")
        term_group(
            "public transport",
            de=["ÖPNV", "öffentlicher Nahverkehr"],
            da=["kollektiv trafik"],
            en=["public transport"],
        )

    def setUp(self):
        self.client.force_login(self.translator)

    def submit_translation(self, page: Page, locale: Locale) -> Translation:
        """The translator's "Translate this page" into ``locale``."""
        response = self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk]},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        return Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locale
        )

    def editor_props(self, translation: Translation) -> dict:
        target = translation.get_target_instance()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return json.loads(response.context["props"])

    def click_machine_translate(self, translation: Translation, follow=False):
        target = translation.get_target_instance()
        next_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
        return self.client.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk])
            + f"?next={next_url}",
            follow=follow,
        )

    def use_deepl(self) -> None:
        self.fake = FakeDeepL()
        self.server = RecordingServer(self.fake).__enter__()
        self.addCleanup(self.server.__exit__)
        choose("deepl", deepl_api_key="0000-secret:fx")
        override = override_settings(
            MACHINE_TRANSLATION=env(DEEPL_API_URL=self.server.url)
        )
        override.enable()
        self.addCleanup(override.disable)

    def use_libretranslate(self) -> None:
        self.server = RecordingServer(self.echo).__enter__()
        self.addCleanup(self.server.__exit__)
        choose(
            "libretranslate",
            libretranslate_url=self.server.url + "/",
            libretranslate_api_key="libre-key",
        )

    @staticmethod
    def echo(request: RecordedRequest) -> tuple[int, object]:
        """A translation that keeps markup, as LibreTranslate's HTML mode does."""
        body = request.json
        return HTTPStatus.OK, {
            "translatedText": [f"[{body['target']}] {text}" for text in body["q"]]
        }

    def machine_strings(self, translation: Translation) -> dict[str, str]:
        """Source text -> machine translation, as stored by wagtail-localize."""
        rows = StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
        ).select_related("translation_of")
        for row in rows:
            self.assertEqual(
                row.translation_type, StringTranslation.TRANSLATION_TYPE_MACHINE
            )
        return {row.translation_of.data: row.data for row in rows}

    # No engine ---------------------------------------------------------------
    def test_no_engine_by_default__translator_sees_no_machine_translation_button(self):
        self.assertEqual(TranslationSettings.load().engine, "")
        translation = self.submit_translation(self.solution, self.danish)

        self.assertIsNone(self.editor_props(translation)["machineTranslator"])
        # (The project's LocaleMiddleware redirects a 404 to the language prefix.)
        response = self.click_machine_translate(translation, follow=True)
        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)
        self.assertFalse(StringTranslation.objects.filter(locale=self.danish).exists())

    def test_deepl_chosen_without_key__button_stays_hidden(self):
        choose("deepl")
        translation = self.submit_translation(self.solution, self.danish)
        self.assertIsNone(self.editor_props(translation)["machineTranslator"])

    # DeepL -------------------------------------------------------------------

    def test_deepl__translator_machine_translates_with_the_term_list_as_glossary(self):
        self.use_deepl()
        translation = self.submit_translation(self.solution, self.danish)
        self.assertEqual(
            self.editor_props(translation)["machineTranslator"]["name"], "DeepL"
        )

        response = self.click_machine_translate(translation)

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        (glossary,) = self.server.to("POST", "/v3/glossaries")
        self.assertEqual(
            glossary.headers["authorization"], "DeepL-Auth-Key 0000-secret:fx"
        )
        dictionaries = {
            (d["source_lang"], d["target_lang"]): d
            for d in glossary.json["dictionaries"]
        }
        self.assertEqual(
            set(dictionaries),
            {
                ("de", "da"),
                ("de", "en"),
                ("da", "de"),
                ("da", "en"),
                ("en", "de"),
                ("en", "da"),
            },
        )
        self.assertEqual(dictionaries[("de", "da")]["entries_format"], "tsv")
        self.assertEqual(
            dictionaries[("de", "da")]["entries"],
            "ÖPNV\tkollektiv trafik\nöffentlicher Nahverkehr\tkollektiv trafik",
        )
        # The preferred German term is the first of the group.
        self.assertEqual(
            dictionaries[("da", "de")]["entries"], "kollektiv trafik\tÖPNV"
        )

        (translate,) = self.server.to("POST", "/v2/translate")
        self.assertEqual(
            translate.headers["authorization"], "DeepL-Auth-Key 0000-secret:fx"
        )
        self.assertEqual(translate.headers["content-type"], "application/json")
        body = translate.json
        self.assertEqual(body["source_lang"], "DE")
        self.assertEqual(body["target_lang"], "DA")
        self.assertEqual(body["glossary_id"], "glossary-1")
        self.assertEqual(body["tag_handling"], "html")
        self.assertIn("Rufbus im ÖPNV", body["text"])

        strings = self.machine_strings(translation)
        self.assertEqual(strings["Rufbus im ÖPNV"], "[da] Rufbus im kollektiv trafik")
        self.assertEqual(
            strings["Der ÖPNV fährt auf Abruf."],
            "[da] Der kollektiv trafik fährt auf Abruf.",
        )
        self.assertEqual(
            set(
                StringTranslation.objects.filter(locale=self.danish).values_list(
                    "tool_name", flat=True
                )
            ),
            {"DeepL"},
        )

    def test_deepl__translator_machine_translates_a_snippet(self):
        self.use_deepl()
        field = self.portal.field  # a field of action: "Grüne Energie"
        response = self.client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["knowledge", "fieldofaction", field.pk],
            ),
            {"locales": [self.danish.pk]},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        translation = Translation.objects.get(
            source__object_id=field.translation_key, target_locale=self.danish
        )

        response = self.client.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk])
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertEqual(
            self.machine_strings(translation)["Grüne Energie"], "[da] Grüne Energie"
        )

    def test_deepl__glossary_refused__translates_without_and_flags_the_terms(self):
        self.use_deepl()
        deepl = self.fake

        def refuse_glossaries(request):
            if request.path.startswith("/v3/glossaries"):
                return HTTPStatus.BAD_REQUEST, {"message": "Invalid glossary entries"}
            return deepl(request)

        self.server.responder = refuse_glossaries
        translation = self.submit_translation(self.solution, self.danish)
        with self.assertLogs(
            "apps.knowledge.translation.machine.deepl", "WARNING"
        ) as logs:
            response = self.click_machine_translate(translation)

        self.assertIn("DeepL glossary not made", logs.output[0])
        (translate,) = self.server.to("POST", "/v2/translate")
        self.assertNotIn("glossary_id", translate.json)
        self.assertEqual(
            self.machine_strings(translation)["Rufbus im ÖPNV"], "[da] Rufbus im ÖPNV"
        )
        self.assertIn(
            "Please check these terms against the term list: ÖPNV → kollektiv trafik",
            messages_of(response),
        )

    def test_deepl__english_is_asked_for_as_british_english(self):
        self.use_deepl()
        translation = self.submit_translation(self.solution, self.english)
        self.click_machine_translate(translation)
        (translate,) = self.server.to("POST", "/v2/translate")
        self.assertEqual(translate.json["target_lang"], "EN-GB")
        self.assertEqual(
            self.machine_strings(translation)["Rufbus im ÖPNV"],
            "[en] Rufbus im public transport",
        )

    def test_deepl__glossary_is_made_again_only_when_the_terms_change(self):
        self.use_deepl()
        self.click_machine_translate(
            self.submit_translation(self.solution, self.danish)
        )
        self.click_machine_translate(
            self.submit_translation(self.solution, self.english)
        )
        self.assertEqual(len(self.server.to("POST", "/v3/glossaries")), 1)
        self.assertEqual(
            [
                r.json.get("glossary_id")
                for r in self.server.to("POST", "/v2/translate")
            ],
            ["glossary-1", "glossary-1"],
        )

        term_group("bus on demand", de=["Rufbus"], da=["telebus"])
        other = SolutionPageFactory(portal=self.portal, title="Noch ein Rufbus")
        self.click_machine_translate(self.submit_translation(other, self.danish))

        self.assertEqual(len(self.server.to("POST", "/v3/glossaries")), 2)
        (deleted,) = self.server.to("DELETE", "/v3/glossaries/")
        self.assertEqual(deleted.path, "/v3/glossaries/glossary-1")
        self.assertEqual(
            self.server.to("POST", "/v2/translate")[-1].json["glossary_id"],
            "glossary-2",
        )
        self.assertEqual(TranslationSettings.load().deepl_glossary_id, "glossary-2")

    def test_deepl__refusal_is_shown_to_the_translator_and_nothing_is_stored(self):
        self.use_deepl()
        self.server.responder = lambda request: (
            HTTPStatus.FORBIDDEN,
            {"message": "Wrong key"},
        )
        translation = self.submit_translation(self.solution, self.danish)
        with self.assertLogs("apps.knowledge.translation.views", "WARNING") as logs:
            response = self.click_machine_translate(translation)
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertIn("DeepL answered 403", logs.output[0])
        self.assertIn(
            "The machine translation service could not translate this time; "
            "nothing was changed. Please try again later or translate by hand.",
            messages_of(response),
        )
        self.assertFalse(StringTranslation.objects.filter(locale=self.danish).exists())

    # LibreTranslate ----------------------------------------------------------

    def test_libretranslate__terms_are_protected_and_replaced_by_the_target_term(self):
        self.use_libretranslate()
        translation = self.submit_translation(self.solution, self.danish)
        self.assertEqual(
            self.editor_props(translation)["machineTranslator"]["name"],
            "LibreTranslate",
        )

        self.click_machine_translate(translation)

        (request,) = self.server.to("POST", "/translate")
        self.assertEqual(request.path, "/translate")
        body = request.json
        self.assertEqual(
            {key: body[key] for key in ("source", "target", "format", "api_key")},
            {"source": "de", "target": "da", "format": "html", "api_key": "libre-key"},
        )
        self.assertIn(
            'Rufbus im <span translate="no" data-term="0">ÖPNV</span>', body["q"]
        )
        strings = self.machine_strings(translation)
        self.assertEqual(strings["Rufbus im ÖPNV"], "[da] Rufbus im kollektiv trafik")
        self.assertFalse(
            StringTranslation.objects.filter(
                locale=self.danish, has_error=True
            ).exists()
        )

    def test_libretranslate__term_the_engine_lost_is_flagged(self):
        self.use_libretranslate()
        self.server.responder = lambda request: (
            HTTPStatus.OK,
            {"translatedText": ["Bus efter behov" for _text in request.json["q"]]},
        )
        translation = self.submit_translation(self.solution, self.danish)
        with self.assertLogs(
            "apps.knowledge.translation.machine.terms", "WARNING"
        ) as logs:
            response = self.click_machine_translate(translation)
        self.assertTrue(
            any("'ÖPNV' should be 'kollektiv trafik'" in line for line in logs.output)
        )
        self.assertIn(
            "Please check these terms against the term list: ÖPNV → kollektiv trafik",
            messages_of(response),
        )
        # The translation is kept for the translator to correct.
        self.assertEqual(
            self.machine_strings(translation)["Rufbus im ÖPNV"], "Bus efter behov"
        )


@override_settings(MACHINE_TRANSLATION=NO_ENV)
class TranslationSettingsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "a@example.org", "pw"
        )
        UserProfileFactory(user=cls.admin)

    def setUp(self):
        self.client.force_login(self.admin)
        # The Settings menu opens the edit form of the one instance.
        response = self.client.get(
            reverse("wagtailsettings:edit", args=["knowledge", "translationsettings"])
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.url = response.url

    def save(self, **data):
        form = {
            "engine": "",
            "deepl_api_key": "",
            "deepl_plan": "",
            "libretranslate_url": "",
            "libretranslate_api_key": "",
            **data,
        }
        return self.client.post(self.url, form)

    def test_admin__chooses_deepl_and_the_key_is_never_shown_back(self):
        response = self.save(engine="deepl", deepl_api_key="abcd-1234:fx")
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        stored = TranslationSettings.load()
        self.assertEqual(
            (stored.engine, stored.deepl_api_key), ("deepl", "abcd-1234:fx")
        )

        response = self.client.get(self.url)
        self.assertNotContains(response, "abcd-1234")
        self.assertContains(response, 'type="password"', count=2)
        self.assertContains(response, "A key is stored.")

    def test_admin__saving_with_empty_key_field_keeps_the_stored_key(self):
        choose("deepl", deepl_api_key="abcd-1234:fx")
        response = self.save(engine="deepl", deepl_plan="pro")
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        stored = TranslationSettings.load()
        self.assertEqual(
            (stored.deepl_api_key, stored.deepl_plan), ("abcd-1234:fx", "pro")
        )

    def test_admin__deletes_the_stored_keys(self):
        choose("", deepl_api_key="abcd-1234:fx", libretranslate_api_key="libre")
        self.save(forget_keys="on")
        stored = TranslationSettings.load()
        self.assertEqual(
            (stored.deepl_api_key, stored.libretranslate_api_key), ("", "")
        )

    def test_admin__deepl_without_key_is_refused(self):
        response = self.save(engine="deepl")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "DeepL needs an API key.")
        self.assertEqual(TranslationSettings.load().engine, "")

    def test_admin__is_told_when_the_server_configuration_sets_the_engine(self):
        with override_settings(MACHINE_TRANSLATION=env(ENGINE="deepl")):
            response = self.client.get(self.url)
        self.assertContains(response, "(MACHINE_TRANSLATION_ENGINE) sets the engine")

    def test_admin__libretranslate_without_address_is_refused(self):
        response = self.save(engine="libretranslate")
        self.assertContains(response, "LibreTranslate needs the server&#x27;s address.")


class EngineConfigTests(TestCase):
    def test_deepl_endpoint__free_keys_use_the_free_api_unless_pro_is_chosen(self):
        self.assertEqual(EngineConfig("deepl", "k:fx").deepl_base_url, DEEPL_FREE_URL)
        self.assertEqual(EngineConfig("deepl", "k").deepl_base_url, DEEPL_PRO_URL)
        self.assertEqual(
            EngineConfig("deepl", "k:fx", deepl_plan="pro").deepl_base_url,
            DEEPL_PRO_URL,
        )
        self.assertEqual(
            EngineConfig("deepl", "k", deepl_plan="free").deepl_base_url, DEEPL_FREE_URL
        )

    @override_settings(
        MACHINE_TRANSLATION=env(ENGINE="libretranslate", LIBRETRANSLATE_URL="http://lt")
    )
    def test_environment__overrides_the_admins_choice(self):
        choose("")
        self.assertEqual(configured_translator().display_name, "LibreTranslate")


class TermListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        term_group(
            "public transport",
            de=["ÖPNV", "öffentlicher Nahverkehr", "Nahverkehr"],
            da=["kollektiv trafik"],
        )
        term_group("village", de=["Dorf"], da=["landsby"])

    def test_protect__longest_term_first_and_never_inside_markup(self):
        pairs = term_pairs("de", "da")
        text, targets = protect_terms(
            'Im öffentlicher Nahverkehr vom <a id="a1">Dorf</a> Nahverkehrsverbund',
            pairs,
        )
        self.assertEqual(
            text,
            'Im <span translate="no" data-term="0">öffentlicher Nahverkehr</span> vom '
            '<a id="a1"><span translate="no" data-term="1">Dorf</span></a> '
            "Nahverkehrsverbund",
        )
        self.assertEqual(targets, ["kollektiv trafik", "landsby"])
        self.assertEqual(
            restore_terms(
                'I <span data-term="0" translate="no">offentlig</span> fra', targets
            ),
            "I kollektiv trafik fra",
        )

    def test_check__flags_a_missing_target_term_accepting_endings(self):
        pairs = term_pairs("de", "da")
        issues = check_terms(
            [
                ("Der ÖPNV im Dorf", "Den kollektiv trafik i landsbyen"),
                ("Der ÖPNV", "Bussen"),
            ],
            pairs,
        )
        self.assertEqual(
            [(i.source_term, i.expected) for i in issues],
            [("ÖPNV", "kollektiv trafik")],
        )
