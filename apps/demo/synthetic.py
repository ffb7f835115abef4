"""Synthetic solution pages for benchmarks (``seed_demo --synthetic N``).

Generates exactly N pages spread over the three languages (partly as translation
groups), the partner areas, fields of action, phases and tags. Deterministic: page
group ``g`` always gets the same key, content and place, so a rerun with the same N
adds nothing and a larger N only adds the difference.

Speed (100,000 pages in minutes, not an hour): the pages are published directly
(``live=True``) without revisions, placed with treebeard paths computed per partner
area instead of one ``add_child`` query round per page, and written in batches of
:data:`BATCH` with a few bulk inserts per batch (page rows, solution rows, their
fields of action, contacts and tags, and the "created" log entries ``Page.save``
writes) instead of about thirty queries per page. They skip the reference index
(they link to no page). The search index is not updated page by page by the save
signal: it is built afterwards in bulk for every configured backend, or left to a
following ``update_index`` (``index=False``, as the search benchmark does, which
times the engine's own bulk indexing).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from apps.demo import taxonomy
from apps.demo.seed import LANGUAGES, demo_key, demo_tags
from apps.knowledge import content_cache
from apps.knowledge.choices import Currency, Licence, Phase
from apps.knowledge.models import (
    Contact,
    FieldOfAction,
    Organisation,
    PartnerAreaPage,
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
    SolutionPageTag,
)

SLUG_PREFIX = "synthetic-"
#: Pages written per round of bulk inserts (and indexed per round afterwards);
#: about 40 parameters per page row stay well under PostgreSQL's 65,535.
BATCH = 1000

# One cycle of translation groups: 3 + 2 + 1 + 1 + 1 + 1 = 9 pages.
LANGUAGE_CYCLE = [
    ("de", "da", "en"),
    ("de", "da"),
    ("de",),
    ("da",),
    ("en",),
    ("de",),
]

NOUNS = [
    ("Mitfahrbörse", "Samkørselsbørs", "Ride-sharing exchange"),
    ("Sensornetz", "Sensornet", "Sensor network"),
    ("Bürgerportal", "Borgerportal", "Citizen portal"),
    ("Pflegeplattform", "Plejeplatform", "Care platform"),
    ("Energiemonitor", "Energimonitor", "Energy monitor"),
    ("Dorf-App", "Landsby-app", "Village app"),
    ("Datenkatalog", "Datakatalog", "Data catalogue"),
    ("Lieferdienst", "Leveringstjeneste", "Delivery service"),
    ("Telemedizin-Station", "Telemedicinstation", "Telemedicine station"),
    ("Ladepark", "Ladepark", "Charging park"),
    ("Coworking-Raum", "Coworking-rum", "Coworking space"),
    ("Hochwasserwarnung", "Oversvømmelsesvarsling", "Flood warning"),
]
CONNECTOR = {"de": "für", "da": "for", "en": "for"}
PLACES = [
    ("Husum", 54.4858, 9.0524),
    ("Niebüll", 54.7880, 8.8290),
    ("Schleswig", 54.5153, 9.5697),
    ("Kappeln", 54.6614, 9.9311),
    ("Harrislee", 54.8000, 9.3900),
    ("Sønderborg", 54.9094, 9.7923),
    ("Aabenraa", 55.0443, 9.4174),
    ("Tønder", 54.9330, 8.8667),
    ("Haderslev", 55.2490, 9.4880),
    ("Flensburg", 54.7836, 9.4321),
    ("Bredstedt", 54.6190, 8.9640),
    ("Glücksburg", 54.8340, 9.5470),
]
TEASER = {
    "de": "Synthetische Testlösung {n}: {noun} in {place}, erzeugt für Lasttests.",
    "da": "Syntetisk testløsning {n}: {noun} i {place}, genereret til belastningstest.",
    "en": "Synthetic test solution {n}: {noun} in {place}, generated for load tests.",
}
BODY = {
    "de": "Diese Seite wurde automatisch erzeugt. Sie beschreibt ein(e) {noun} in "
    "{place} und dient nur der Messung von Suche und Listen.",
    "da": "Denne side er genereret automatisk. Den beskriver et {noun} i {place} og "
    "bruges kun til at måle søgning og lister.",
    "en": "This page was generated automatically. It describes a {noun} in {place} "
    "and only serves to measure search and listings.",
}
#: The child relations :func:`_build` fills (the others stay empty).
CHILD_RELATIONS = ("fields_of_action", "contacts", "tagged_items")
LICENCES = [Licence.EUPL, Licence.MIT, Licence.APACHE, Licence.CC_BY, Licence.UNKNOWN]


def plan(n: int) -> Iterator[tuple[int, str]]:
    """``(group, language)`` for each of the ``n`` pages, in creation order."""
    produced = 0
    group = 0
    while produced < n:
        for language in LANGUAGE_CYCLE[group % len(LANGUAGE_CYCLE)]:
            if produced == n:
                return
            yield group, language
            produced += 1
        group += 1


class _Catalogue:
    """Snippets and partner areas by key and language, loaded once."""

    def __init__(self) -> None:
        self.locales = {
            code: Locale.objects.get(language_code=code) for code in LANGUAGES
        }

        def by_key(model, kind: str, keys: list[str]) -> dict:
            wanted = {demo_key(kind, key): key for key in keys}
            objects = model.objects.filter(translation_key__in=wanted).select_related(
                "locale"
            )
            return {
                (wanted[obj.translation_key], obj.locale.language_code): obj
                for obj in objects
            }

        self.fields = by_key(
            FieldOfAction, "field", [f["key"] for f in taxonomy.FIELDS_OF_ACTION]
        )
        self.field_keys = [f["key"] for f in taxonomy.FIELDS_OF_ACTION]
        self.organisations = by_key(
            Organisation, "organisation", [o["key"] for o in taxonomy.ORGANISATIONS]
        )
        self.contacts = by_key(
            Contact, "contact", [c["key"] for c in taxonomy.CONTACTS]
        )
        self.contact_keys = [c["key"] for c in taxonomy.CONTACTS]
        self.areas = by_key(
            PartnerAreaPage,
            "page",
            [f"area:{a['key']}" for a in taxonomy.PARTNER_AREAS],
        )
        self.area_specs = taxonomy.PARTNER_AREAS
        self.tags = demo_tags()
        self.tag_keys = sorted(self.tags)


class _PathAllocator:
    """Next free treebeard path under each partner area, read once per area."""

    def __init__(self) -> None:
        self.next_step: dict[int, int] = {}
        self.added: dict[int, int] = {}

    def allocate(self, parent: Page) -> str:
        if parent.pk not in self.next_step:
            last = parent.get_last_child()
            self.next_step[parent.pk] = (
                Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
            )
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] = step + 1
        self.added[parent.pk] = self.added.get(parent.pk, 0) + 1
        return Page._get_path(parent.path, parent.depth + 1, step)

    def update_numchild(self) -> None:
        for pk in self.added:
            parent = Page.objects.get(pk=pk)
            Page.objects.filter(pk=pk).update(numchild=parent.get_children().count())


def _build(group: int, language: str, catalogue: _Catalogue, now) -> SolutionPage:
    rng = random.Random(group)  # noqa: S311 - reproducible test data, not security
    area_spec = catalogue.area_specs[group % len(catalogue.area_specs)]
    noun = NOUNS[group % len(NOUNS)][LANGUAGES.index(language)]
    place, latitude, longitude = PLACES[rng.randrange(len(PLACES))]
    phase = Phase.values[group % len(Phase.values)]
    field_keys = rng.sample(catalogue.field_keys, k=rng.choice([1, 1, 2]))
    lead_key = area_spec["organisation"] or rng.choice(
        ["aabenraa-kommune", "soenderborg-kommune", "toender-kommune"]
    )
    danish = area_spec["key"] == "daenische-partner"
    start = datetime.date(2022 + group % 4, 1 + group % 12, 1)
    title = f"{noun} {CONNECTOR[language]} {place} #{group}"
    locale = catalogue.locales[language]
    page = SolutionPage(
        title=title,
        draft_title=title,
        slug=f"{SLUG_PREFIX}{group}",
        translation_key=demo_key("page", f"synthetic:{group}"),
        locale=locale,
        teaser=TEASER[language].format(n=group, noun=noun, place=place),
        body=[
            {
                "type": "paragraph",
                "value": f"<p>{BODY[language].format(noun=noun, place=place)}</p>",
            }
        ],
        phase=phase,
        lead_organisation=catalogue.organisations[(lead_key, language)],
        municipality=place,
        latitude=Decimal(str(latitude)),
        longitude=Decimal(str(longitude)),
        start_date=start,
        end_date=start + datetime.timedelta(days=365 * (1 + group % 3)),
        budget=Decimal(rng.randrange(20, 2000) * 1000),
        currency=Currency.DKK if danish else Currency.EUR,
        licence=LICENCES[group % len(LICENCES)],
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        live_revision=None,
    )
    page.fields_of_action = [
        SolutionFieldOfAction(field_of_action=catalogue.fields[(key, language)])
        for key in field_keys
    ]
    page.contacts = [
        SolutionContact(
            contact=catalogue.contacts[(rng.choice(catalogue.contact_keys), language)]
        )
    ]
    # The tag links themselves: ``page.tags.set()`` would look the tags up again.
    page.tagged_items = [
        SolutionPageTag(tag=catalogue.tags[key])
        for key in rng.sample(catalogue.tag_keys, k=3)
    ]
    return page


def _insert(pages: list[SolutionPage], now) -> None:
    """Write ``pages`` (built, placed, not saved) with a few bulk inserts.

    What ``page.save(clean=False)`` writes for a new page: the page row, the
    solution row, the child rows held in memory by modelcluster, and a
    "wagtail.create" log entry. Django's ``bulk_create`` refuses multi-table
    inheritance, so the page rows go through ``Page`` (which returns their ids on
    PostgreSQL and SQLite) and the solution rows through the queryset's insert,
    the step ``bulk_create`` itself ends with.
    """
    if not pages:
        return
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id
    solution_fields = [
        field for field in SolutionPage._meta.local_concrete_fields if field.column
    ]
    SolutionPage.objects._insert(pages, fields=solution_fields)
    for name in CHILD_RELATIONS:
        relation = SolutionPage._meta.get_field(name)
        children = []
        for page in pages:
            for child in getattr(page, name).all():
                setattr(child, relation.field.attname, page.pk)
                children.append(child)
        relation.related_model.objects.bulk_create(children)
    content_type = ContentType.objects.get_for_model(
        SolutionPage, for_concrete_model=False
    )
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=content_type,
            label=page.get_admin_display_title(),
            action="wagtail.create",
            timestamp=now,
            data={},
            page=page,
            content_changed=True,
        )
        for page in pages
    )


def index_pages(pks: list[int]) -> None:
    """Add the pages ``pks`` to every search backend, :data:`BATCH` at a time.

    What the save signal does page by page (``insert_or_update_object`` on every
    backend that updates automatically), with the indexed objects' own prefetching.
    """
    backends = list(get_search_backends(with_auto_update=True))
    objects = SolutionPage.get_indexed_objects().order_by("pk")
    for start in range(0, len(pks), BATCH):
        chunk = list(objects.filter(pk__in=pks[start : start + BATCH]))
        for backend in backends:
            backend.add_bulk(SolutionPage, chunk)


def generate_synthetic(n: int, *, index: bool = True) -> int:
    """Create the missing ones of ``n`` synthetic solution pages; returns how many.

    ``index=False`` leaves the search index to a following ``update_index``.
    """
    catalogue = _Catalogue()
    existing = set(
        SolutionPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "translation_key", "locale__language_code"
        )
    )
    allocator = _PathAllocator()
    now = timezone.now()
    added: list[int] = []
    with transaction.atomic(), disable_reference_index_auto_update():
        batch: list[SolutionPage] = []
        for group, language in plan(n):
            translation_key = demo_key("page", f"synthetic:{group}")
            if (translation_key, language) in existing:
                continue
            page = _build(group, language, catalogue, now)
            area_spec = catalogue.area_specs[group % len(catalogue.area_specs)]
            parent = catalogue.areas[(f"area:{area_spec['key']}", language)]
            page.depth = parent.depth + 1
            page.path = allocator.allocate(parent)
            page.numchild = 0
            page.set_url_path(parent)
            # Validation is skipped: slugs are unique by construction and the
            # content is generated from valid values.
            batch.append(page)
            if len(batch) == BATCH:
                _insert(batch, now)
                added.extend(page.pk for page in batch)
                batch = []
        _insert(batch, now)
        added.extend(page.pk for page in batch)
        allocator.update_numchild()
        if added:
            # What the save signal of each live page would have done.
            content_cache.retire_everything()
    if index:
        index_pages(added)
    return len(added)
