"""Build the demo portal from the data modules, idempotently.

Every object gets a translation key derived from its stable demo key
(:func:`demo_key`), so a second run finds what the first created and adds only what
is missing; it never overwrites what an editor changed. German is the source
language; Danish and English versions are made with Wagtail's
``copy_for_translation`` (the call wagtail-localize builds on) and then given their
translated text.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from taggit.models import Tag
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from apps.demo import legal, taxonomy
from apps.demo.images import teaser_fields
from apps.demo.partner import ensure_demo_partner
from apps.demo.readiness import readiness_fields
from apps.demo.reuse import seed_reuse
from apps.demo.solutions import SOLUTIONS, TAGS, languages_of
from apps.knowledge.choices import Currency, PublicationConsent
from apps.knowledge.models import (
    AccessibilityStatementPage,
    Contact,
    ContactDirectoryPage,
    FieldOfAction,
    HomePage,
    KnowledgeIndexPage,
    LegalNoticePage,
    Organisation,
    PartnerAreaPage,
    PrivacyNoticePage,
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
    SolutionPartner,
    SolutionRelation,
    StatisticsPage,
    TagTranslation,
    ThemeIndexPage,
    ThemePage,
)
from apps.knowledge.models.snippets import slug_from_name
from apps.knowledge.ownership import assign_owners
from apps.knowledge.public_url import public_base_url
from apps.workflow.groups import demo_users, setup_roles

LANGUAGES = ["de", "da", "en"]
SOURCE_LANGUAGE = "de"

# Fixed namespace: the same demo key gives the same translation key on every machine.
DEMO_NAMESPACE = uuid.UUID("6f1c2b1e-3d7a-4f0e-9a51-2b8c0e7d4a10")

# Child relations set per language; excluded from copy_for_translation so that no
# German snippet ends up on a Danish page.
SOLUTION_CHILD_RELATIONS = [
    "fields_of_action",
    "partners",
    "contacts",
    "related_links",
    "tagged_items",
]

HEADINGS = {
    "how": {
        "de": "So funktioniert es",
        "da": "Sådan fungerer det",
        "en": "How it works",
    },
    "links": {"de": "Mehr erfahren", "da": "Læs mere", "en": "Learn more"},
    "repository": {"de": "Quellcode", "da": "Kildekode", "en": "Source code"},
    "open_data": {"de": "Offene Daten", "da": "Åbne data", "en": "Open data"},
    "programme": {
        "de": "Förderprogramm Smart Cities made in Germany",
        "da": "Støtteprogrammet Smart Cities made in Germany",
        "en": "Funding programme Smart Cities made in Germany",
    },
}
PROGRAMME_URL = "https://www.smart-city-dialog.de/"

DEMO_PASSWORD = "demo"  # noqa: S105 - documented development-only demo logins


def demo_key(kind: str, key: str) -> uuid.UUID:
    """The translation key of a demo object, stable across runs and machines."""
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


def tr(value, language: str) -> str:
    """``value`` in ``language``: a ``{lang: text}`` dict, or the same for all."""
    if isinstance(value, dict):
        return value.get(language) or value[SOURCE_LANGUAGE]
    return value


def demo_tags() -> dict[str, Tag]:
    """The demo tags by key, created with their other names if missing.

    A tag is named in the source language and found again by its slug (the key) or
    its name; translations an editor changed are kept.
    """
    tags = {}
    translations = []
    for key, names in TAGS.items():
        name = names[SOURCE_LANGUAGE]
        tag = (
            Tag.objects.filter(slug=key).first()
            or Tag.objects.filter(name=name).first()
        )
        if tag is None:
            tag = Tag.objects.create(name=name, slug=key)
        existing = set(tag.translations.values_list("language", flat=True))
        translations += [
            TagTranslation(tag=tag, language=language, name=names[language])
            for language in LANGUAGES
            if language != SOURCE_LANGUAGE
            and language not in existing
            and names[language] != tag.name
        ]
        tags[key] = tag
    # Created before any page carries the tags: the pages' index entries, written
    # when they are published, already hold every name.
    TagTranslation.objects.bulk_create(translations)
    return tags


def demo_content_exists() -> bool:
    """Whether the German home page of the demo is already there."""
    return HomePage.objects.filter(translation_key=demo_key("page", "home")).exists()


@dataclass
class SeedResult:
    created: Counter = field(default_factory=Counter)
    users: list[tuple[str, str, str]] = field(default_factory=list)


class DemoSeeder:
    """Creates whatever part of the demo portal is missing."""

    def __init__(self) -> None:
        self.locales = {
            code: Locale.objects.get(language_code=code) for code in LANGUAGES
        }
        self.result = SeedResult()
        self.created_objects: list = []

    # -- helpers ---------------------------------------------------------------------

    def _created(self, obj, label: str) -> None:
        self.result.created[label] += 1
        self.created_objects.append(obj)

    def _locale(self, language: str) -> Locale:
        return self.locales[language]

    def _snippet(self, model, kind: str, key: str, language: str):
        return model.objects.get(
            translation_key=demo_key(kind, key), locale=self._locale(language)
        )

    def organisation(self, key: str, language: str) -> Organisation:
        return self._snippet(Organisation, "organisation", key, language)

    def field_of_action(self, key: str, language: str) -> FieldOfAction:
        return self._snippet(FieldOfAction, "field", key, language)

    def contact(self, key: str, language: str) -> Contact:
        return self._snippet(Contact, "contact", key, language)

    def page(self, model, key: str, language: str):
        return model.objects.filter(
            translation_key=demo_key("page", key), locale=self._locale(language)
        ).first()

    # -- snippets --------------------------------------------------------------------

    def ensure_snippet(self, model, kind: str, key: str, values) -> None:
        """Create the German snippet and its da/en translations if missing.

        ``values(language)`` returns the field values for one language.
        """
        translation_key = demo_key(kind, key)
        source = model.objects.filter(
            translation_key=translation_key, locale=self._locale(SOURCE_LANGUAGE)
        ).first()
        if source is None:
            source = model(
                translation_key=translation_key,
                locale=self._locale(SOURCE_LANGUAGE),
                **values(SOURCE_LANGUAGE),
            )
            source.save()
            _publish_revision(source)
            self._created(source, model._meta.verbose_name_plural)
        for language in LANGUAGES[1:]:
            locale = self._locale(language)
            if model.objects.filter(
                translation_key=translation_key, locale=locale
            ).exists():
                continue
            translation = source.copy_for_translation(locale)
            for name, value in values(language).items():
                setattr(translation, name, value)
            translation.save()
            _publish_revision(translation)
            self._created(translation, model._meta.verbose_name_plural)

    def seed_snippets(self) -> None:
        for index, item in enumerate(taxonomy.FIELDS_OF_ACTION):
            self.ensure_snippet(
                FieldOfAction,
                "field",
                item["key"],
                lambda lang, item=item, index=index: {
                    "name": tr(item["name"], lang),
                    "slug": item["key"],
                    "description": tr(item["description"], lang),
                    "cross_cutting": item["cross_cutting"],
                    "sort_order": (index + 1) * 10,
                    "pictogram": taxonomy.PICTOGRAMS[item["key"]],
                },
            )
        for item in taxonomy.ORGANISATIONS:
            self.ensure_snippet(
                Organisation,
                "organisation",
                item["key"],
                lambda lang, item=item: {
                    "name": tr(item["name"], lang),
                    "slug": item["key"],
                    "kind": item["kind"],
                    "country": item["country"],
                    "description": tr(item["description"], lang),
                    "website": item["website"],
                    **taxonomy.OFFICIAL_KEYS.get(item["key"], {}),
                },
            )
        for item in taxonomy.CONTACTS:
            self.ensure_snippet(
                Contact,
                "contact",
                item["key"],
                lambda lang, item=item: {
                    "name": item["name"],
                    "role": tr(item["role"], lang),
                    "organisation": self.organisation(item["organisation"], lang),
                    "email": item["email"],
                    "phone": item["phone"],
                    "languages": list(item["languages"]),
                    # The demo people are fictional; real ones need recorded consent.
                    "consent": PublicationConsent.FULL,
                },
            )

    # -- structural pages ------------------------------------------------------------

    def _publish(self, page: Page) -> None:
        page.save_revision().publish()

    def ensure_page(self, model, parent_key: str | None, spec: dict, extra) -> Page:
        """A structural page in every language; returns the German one.

        ``extra(language)`` gives the model-specific field values for a language.
        """
        key = spec["key"]
        source = self.page(model, key, SOURCE_LANGUAGE)
        if source is None:
            if parent_key is None:
                parent = Page.get_first_root_node()
            else:
                parent = Page.objects.get(
                    translation_key=demo_key("page", parent_key),
                    locale=self._locale(SOURCE_LANGUAGE),
                )
            source = model(
                title=tr(spec["title"], SOURCE_LANGUAGE),
                slug=tr(spec.get("slug", key), SOURCE_LANGUAGE),
                translation_key=demo_key("page", key),
                locale=self._locale(SOURCE_LANGUAGE),
                **extra(SOURCE_LANGUAGE),
            )
            parent.add_child(instance=source)
            self._publish(source)
            self._created(source, "pages")
        for language in LANGUAGES[1:]:
            if self.page(model, key, language) is not None:
                continue
            translation = source.copy_for_translation(self._locale(language))
            translation.title = tr(spec["title"], language)
            # Addresses in the visitor's language (/da/loesninger/) where the spec
            # names one per language; the homes keep the one copy_for_translation
            # chose.
            if isinstance(spec.get("slug"), dict):
                translation.slug = tr(spec["slug"], language)
            for name, value in extra(language).items():
                setattr(translation, name, value)
            self._publish(translation)
            self._created(translation, "pages")
        return source

    def seed_structure(self) -> None:
        home_spec = taxonomy.HOME
        home = self.ensure_page(
            HomePage,
            None,
            home_spec,
            lambda lang: {"intro": tr(home_spec["intro"], lang)},
        )
        self.make_site_root(home)
        for model, spec in [
            (KnowledgeIndexPage, taxonomy.KNOWLEDGE_INDEX),
            (ThemeIndexPage, taxonomy.THEME_INDEX),
            (ContactDirectoryPage, taxonomy.CONTACT_DIRECTORY),
            (StatisticsPage, taxonomy.STATISTICS),
        ]:
            self.ensure_page(
                model,
                "home",
                spec,
                lambda lang, spec=spec: {"intro": tr(spec["intro"], lang)},
            )
        for area in taxonomy.PARTNER_AREAS:
            # The German slug names the authority (apps.knowledge.roles.area_owners);
            # the translations are found by translation key and have their own.
            spec = {
                **area,
                "key": f"area:{area['key']}",
                "slug": {
                    SOURCE_LANGUAGE: area["key"],
                    **{
                        language: slug_from_name(tr(area["title"], language), 80)
                        for language in LANGUAGES[1:]
                    },
                },
            }
            self.ensure_page(
                PartnerAreaPage,
                taxonomy.KNOWLEDGE_INDEX["key"],
                spec,
                lambda lang, area=area: {
                    "intro": f"<p>{tr(area['intro'], lang)}</p>",
                    "organisation": (
                        self.organisation(area["organisation"], lang)
                        if area["organisation"]
                        else None
                    ),
                },
            )
        for item in taxonomy.FIELDS_OF_ACTION:
            spec = {
                "key": f"theme:{item['key']}",
                # The German address as before; Danish and English from the name.
                "slug": {
                    SOURCE_LANGUAGE: item["key"],
                    **{
                        language: slug_from_name(tr(item["name"], language), 80)
                        for language in LANGUAGES[1:]
                    },
                },
                "title": item["name"],
            }
            self.ensure_page(
                ThemePage,
                taxonomy.THEME_INDEX["key"],
                spec,
                lambda lang, item=item: {
                    "field_of_action": self.field_of_action(item["key"], lang),
                    # The description once: the page shows the field's own
                    # description only where it says something else.
                    "intro": tr(item["description"], lang),
                },
            )

    def seed_legal(self) -> None:
        """The legal notice, privacy notice and accessibility statement under the
        home page, in every language (apps.demo.legal)."""
        models = {
            legal.LEGAL_NOTICE["key"]: LegalNoticePage,
            legal.PRIVACY_NOTICE["key"]: PrivacyNoticePage,
            legal.ACCESSIBILITY_STATEMENT["key"]: AccessibilityStatementPage,
        }
        for spec in legal.LEGAL_PAGES:
            self.ensure_page(
                models[spec["key"]],
                taxonomy.HOME["key"],
                spec,
                lambda lang, fields=spec["fields"]: {
                    name: tr(value, lang) for name, value in fields.items()
                },
            )

    def make_site_root(self, home: HomePage) -> None:
        """Make the German home the default site's root; drop the welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        # Only replace a root that is not a home page (Wagtail's welcome page on a
        # fresh database), so a rerun keeps a root an administrator chose.
        current = site.root_page.specific if site.root_page_id else None
        if not isinstance(current, HomePage):
            site.root_page = home
            site.site_name = tr(taxonomy.HOME["title"], SOURCE_LANGUAGE)
            site.save()
        # Wagtail's placeholder address (localhost:80) becomes the public base URL,
        # where `make run` serves, so the admin's site settings show the real one.
        if (site.hostname, site.port) == ("localhost", 80):
            address = urlsplit(public_base_url())
            site.hostname = address.hostname or site.hostname
            site.port = address.port or (443 if address.scheme == "https" else 80)
            site.save()
        # Wagtail's initial "Welcome to your new Wagtail site!" page: a plain Page
        # directly under the root, without children and no longer a site root.
        welcome = Page.objects.filter(
            depth=2,
            slug="home",
            numchild=0,
            content_type__app_label="wagtailcore",
            content_type__model="page",
            sites_rooted_here__isnull=True,
        )
        for page in welcome:
            page.delete()

    # -- solutions -------------------------------------------------------------------

    def _body(self, solution: dict, language: str) -> list[dict]:
        text = solution["text"][language]
        first, *rest = text["body"]
        body = [
            {"type": "paragraph", "value": f"<p>{first}</p>"},
            {
                "type": "heading",
                "value": {"text": HEADINGS["how"][language], "level": "h2"},
            },
            *({"type": "paragraph", "value": f"<p>{p}</p>"} for p in rest),
        ]
        figures = [
            {"value": value, "label": tr(label, language)}
            for value, label in solution["figures"]
            if tr(label, language)
        ]
        if figures:
            body.append({"type": "key_figures", "value": {"figures": figures}})
        if text.get("quote"):
            quote, attribution = text["quote"]
            body.append(
                {"type": "quote", "value": {"text": quote, "attribution": attribution}}
            )
        links = []
        for kind, address in [
            ("repository", solution["repository"]),
            ("open_data", solution["open_data"]),
        ]:
            if address:
                links.append(
                    {"title": HEADINGS[kind][language], "page": None, "url": address}
                )
        links.append(
            {
                "title": HEADINGS["programme"][language],
                "page": None,
                "url": PROGRAMME_URL,
            }
        )
        body.append(
            {
                "type": "link_list",
                "value": {"heading": HEADINGS["links"][language], "links": links},
            }
        )
        return body

    def _localised_fields(self, solution: dict, language: str) -> dict:
        text = solution["text"][language]
        start, end = solution.get("period") or (None, None)
        amount, currency = solution.get("budget") or (None, Currency.EUR)
        latitude, longitude = solution.get("coordinates") or (None, None)
        return {
            "title": text["title"],
            "teaser": text["teaser"],
            "body": self._body(solution, language),
            "phase": solution["phase"],
            "lead_organisation": self.organisation(solution["lead"], language),
            "municipality": solution["municipality"],
            **taxonomy.PLACE_KEYS.get(solution["municipality"], {}),
            "latitude": Decimal(str(latitude)) if latitude is not None else None,
            "longitude": Decimal(str(longitude)) if longitude is not None else None,
            "start_date": datetime.date.fromisoformat(start) if start else None,
            "end_date": datetime.date.fromisoformat(end) if end else None,
            "budget": Decimal(amount) if amount is not None else None,
            "currency": currency,
            "licence": solution["licence"],
            "source_repository": solution["repository"],
            "open_data_url": solution["open_data"],
            "adoption_requirements": text["adoption"],
            **readiness_fields(solution["key"], language),
            **teaser_fields(solution["key"], language),
            "plain_language_summary": legal.PLAIN_LANGUAGE.get(solution["key"], {}).get(
                language, ""
            ),
        }

    def _set_classification(self, page: SolutionPage, solution: dict, language: str):
        page.fields_of_action = [
            SolutionFieldOfAction(field_of_action=self.field_of_action(key, language))
            for key in solution["fields"]
        ]
        page.partners = [
            SolutionPartner(organisation=self.organisation(key, language))
            for key in solution["partners"]
        ]
        page.contacts = [
            SolutionContact(contact=self.contact(key, language))
            for key in solution["contacts"]
        ]
        page.tags.set([self.tags[key] for key in solution["tags"]])

    def _set_relations(self, page: SolutionPage, solution: dict, language: str):
        """Cross-links to the same language version of each target, if it exists."""
        links = []
        for key in solution["related"]:
            targets = SolutionPage.objects.filter(
                translation_key=demo_key("page", f"solution:{key}")
            )
            target = (
                targets.filter(locale=page.locale).first()
                or targets.filter(locale=self._locale(SOURCE_LANGUAGE)).first()
                or targets.first()
            )
            if target is not None:
                links.append(SolutionRelation(target=target))
        page.related_links = links

    def seed_solutions(self) -> None:
        self.tags = demo_tags()
        created: list[tuple[SolutionPage, dict, str]] = []
        # Pass 1: create the missing pages (as drafts) in every language.
        for solution in SOLUTIONS:
            key = f"solution:{solution['key']}"
            languages = languages_of(solution)
            source_language = languages[0]
            source = self.page(SolutionPage, key, source_language)
            if source is None:
                area = self.page(
                    PartnerAreaPage, f"area:{solution['area']}", source_language
                )
                source = SolutionPage(
                    slug=solution["key"],
                    translation_key=demo_key("page", key),
                    locale=self._locale(source_language),
                    **self._localised_fields(solution, source_language),
                )
                self._set_classification(source, solution, source_language)
                area.add_child(instance=source)
                created.append((source, solution, source_language))
            for language in languages[1:]:
                if self.page(SolutionPage, key, language) is not None:
                    continue
                translation = source.copy_for_translation(
                    self._locale(language), exclude_fields=SOLUTION_CHILD_RELATIONS
                )
                for name, value in self._localised_fields(solution, language).items():
                    setattr(translation, name, value)
                # The address in the translation's own words, like its title.
                translation.slug = find_available_slug(
                    translation.get_parent(),
                    slug_from_name(translation.title, 80).strip("-"),
                    ignore_page_id=translation.pk,
                )
                self._set_classification(translation, solution, language)
                translation.save()
                created.append((translation, solution, language))
        # Pass 2: every target now exists; link and publish what was created.
        for page, solution, language in created:
            self._set_relations(page, solution, language)
            self._publish(page)
            self._created(page, "solutions")

    # -- users -----------------------------------------------------------------------

    def ensure_admin(self) -> None:
        User = get_user_model()
        exists = User.objects.filter(username="admin").exists()
        if not exists:
            User.objects.create_superuser(
                "admin",
                "admin@example.org",
                "admin",
                first_name="Demo",
                last_name="Admin",
            )
            self.result.created["users"] += 1
        note = "superuser" + (", existed before: password unchanged" if exists else "")
        self.result.users.append(("admin", "admin", note))

    def ensure_role_users(self) -> None:
        for username, group in demo_users():
            user, created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                self.result.created["users"] += 1
            user.groups.add(group)
            note = group.name + ("" if created else ", existed before")
            self.result.users.append((username, DEMO_PASSWORD, note))

    # -- all -------------------------------------------------------------------------

    def run(self) -> SeedResult:
        with transaction.atomic():
            # Every save of a page and of each of its child objects would update
            # the reference index; once per created object at the end is enough.
            with disable_reference_index_auto_update():
                self.seed_snippets()
                self.seed_structure()
                self.seed_legal()
                self.seed_solutions()
            # The authority of each new organisation and contact, from its areas
            # and solutions (the data migration's rule).
            assign_owners(
                translation_keys=[
                    obj.translation_key
                    for obj in self.created_objects
                    if isinstance(obj, Organisation | Contact)
                ]
            )
            for obj in self.created_objects:
                ReferenceIndex.create_or_update_for_object(obj)
            setup_roles()
            self.ensure_admin()
            self.ensure_role_users()
            ensure_demo_partner(self, DEMO_PASSWORD)
            # After the users: the relations name who proposed and who confirmed.
            reused = seed_reuse(demo_key)
            if reused:
                self.result.created["reuse"] += reused
        return self.result


def seed_demo() -> SeedResult:
    """Create whatever part of the demo content is missing."""
    return DemoSeeder().run()


def _publish_revision(snippet) -> None:
    """Give a demo snippet with drafts its first revision, live (like the admin)."""
    if isinstance(snippet, DraftStateMixin):
        snippet.save_revision().publish()
