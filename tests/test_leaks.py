"""Nothing unpublished leaks: a matrix of hidden content against every channel.

Each kind of hidden content carries a secret word of its own (in its title, slug,
tag, file name) and a probe word (in its teaser and text, e.g. ``wombatdraft`` for
``quokkadraft``); each channel is a set of addresses a visitor, a harvester or a
partner of another organisation can ask. Searches ask for the probe (a search page
repeats what was asked), so a result that shows the hidden title gives the secret
away. A cell asks every address and asserts that the secret (and where the probe
was not asked for, the probe), the page's id and its address are absent.

A published control solution carries its own word through the same channels and
must be found there, so a channel that shows nothing at all cannot pass for one
that hides well.

The world is built once per module (through the same calls the partner portal and
the admin make) and every test runs in a savepoint on top of it. Search runs on the
test settings' database backend.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction

from apps.knowledge.models import SolutionPage, SolutionRelation, ThemePage
from apps.knowledge.roles import AREA_ROLES, DIGITALAGENTUR_GROUP
from apps.workflow.partners.submissions.content import SubmissionContent
from apps.workflow.partners.submissions.create import create_submission
from apps.workflow.partners.uploads import StashedUpload
from tests.knowledge import factories
from tests.knowledge.factories import (
    SnippetTranslationFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.upload_files import pdf_bytes, png_bytes
from tests.workflow.admin_actions import save_draft
from tests.workflow.factories import PartnerPortalFactory, PartnerProfileFactory
from tests.workflow.partners.submission_form import submission_data

FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]
PUBLIC = "quokkapublic"
# Every solution's teaser has this word, so one search lists them all with facets.
SHARED = "grenzregion"
REDIRECTS = {HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY}


@dataclass
class Hidden:
    """One piece of hidden content: its secret and where it would be reached."""

    secret: str
    page: Page | None = None
    # The object's own addresses and the status a visitor without rights gets.
    urls: list[str] = field(default_factory=list)
    status: set[int] = field(default_factory=lambda: {HTTPStatus.NOT_FOUND})
    # The live title a visitor still sees (a live page with a newer draft).
    live_title: str = ""
    # A snippet (organisation) instead of a page.
    snippet: object = None


@dataclass
class World:
    hidden: dict[str, Hidden]
    control: Page
    showcase: Page
    organisation_url: str
    other_partner: object
    other_moderator: object
    agency: object
    editor: object
    submission_pks: dict[str, int]


def _upload(kind: str, name: str, content: bytes) -> StashedUpload:
    path = default_storage.save(f"leak-stash/{name}", ContentFile(content))
    return StashedUpload(key=name, kind=kind, name=name, path=path)


def probe_of(secret: str) -> str:
    """The word in the teaser and text of the content whose title has ``secret``."""
    return secret.replace("quokka", "wombat")


def _partner_submission(setup, secret: str, **extra) -> SolutionPage:
    """A solution submitted in the portal by the partner: a draft in moderation."""
    content = SubmissionContent(
        title=f"{secret.capitalize()} Dorfbus",
        teaser=f"Ein Bus für die {SHARED.capitalize()}, Kennwort {probe_of(secret)}.",
        body_text=f"Der Bus fährt über Land. {probe_of(secret)} steht im Text.",
        field_of_action=setup.portal.field,
        organisation=setup.organisation,
        contact=setup.contact,
        **extra,
    )
    submission = create_submission(setup.partner, content, Locale.get_default())
    page = SolutionPage.objects.get(pk=submission.page_id)
    page.tags.add(secret)
    page.save()
    return page


def _live(portal, secret: str, parent=None, **fields) -> SolutionPage:
    """A published solution whose title, slug, teaser and tag carry ``secret``."""
    fields.setdefault("title", f"{secret.capitalize()} Ladesäule")
    fields.setdefault("slug", f"{secret}-ladesaeule")
    fields.setdefault(
        "teaser", f"Laden in der {SHARED.capitalize()}: {probe_of(secret)}."
    )
    page = SolutionPageFactory(portal=portal, **fields)
    if parent is not None:
        page.move(parent, pos="last-child")
        page = SolutionPage.objects.get(pk=page.pk)
    page.tags.add(secret)
    page.save_revision().publish()
    return SolutionPage.objects.get(pk=page.pk)


def _build_world(media_root) -> World:
    setup = PartnerPortalFactory()
    portal = setup.portal
    for language in ("da", "en"):
        for page in (portal.directory, portal.theme):
            TranslationFactory(page=page, language_code=language)
    user_model = get_user_model()
    superuser = user_model.objects.create_superuser("chief", "chief@example.org", "x")
    agency = user_model.objects.create_user("agency", "agency@example.org", "x")
    agency.groups.add(Group.objects.get(name=DIGITALAGENTUR_GROUP))
    other_moderator = user_model.objects.create_user("nf-mod", "nf@example.org", "x")
    other_moderator.groups.add(Group.objects.get(name=NORDFRIESLAND.moderators))
    other_organisation = factories.OrganisationFactory(name="Andere Initiative e.V.")
    for language in ("da", "en"):
        SnippetTranslationFactory(snippet=other_organisation, language_code=language)
    other_partner = PartnerProfileFactory(
        organisation=other_organisation,
        user__username="other-partner",
        verified=True,
        confirmed=True,
    )

    control = _live(portal, PUBLIC, lead_organisation=setup.organisation)
    control_document = get_document_model().objects.create(
        title=f"{PUBLIC}doc", file=ContentFile(pdf_bytes(), name=f"{PUBLIC}doc.pdf")
    )
    control.body = [
        {"type": "document", "value": {"document": control_document.pk, "title": ""}}
    ]
    control.save_revision().publish()
    hidden: dict[str, Hidden] = {}
    submission_pks: dict[str, int] = {}

    # A draft a partner submitted, in moderation, never published.
    draft = _partner_submission(setup, "quokkadraft")
    hidden["draft"] = Hidden("quokkadraft", draft, [draft.url])
    submission_pks["draft"] = draft.submission.pk

    # A draft whose uploaded document and image are used nowhere else.
    with_document = _partner_submission(
        setup,
        "quokkadocument",
        document=_upload("document", "quokkadocument.pdf", pdf_bytes()),
    )
    document = get_document_model().objects.get(title__startswith="Quokkadocument")
    hidden["document"] = Hidden(
        "quokkadocument",
        with_document,
        [with_document.url, document.url],
        {HTTPStatus.NOT_FOUND, HTTPStatus.FORBIDDEN},
    )
    with_image = _partner_submission(
        setup,
        "quokkaimage",
        image=_upload("image", "quokkaimage.png", png_bytes()),
        image_description="Ein Foto",
    )
    assert get_image_model().objects.filter(title__startswith="Quokkaimage").exists()
    hidden["image"] = Hidden("quokkaimage", with_image, [with_image.url])

    # A published solution with a newer draft saved in the admin.
    revised = _live(
        portal,
        "sichtbarwort",
        title="Sichtbare Ladesäule",
        slug="sichtbare-ladesaeule",
        lead_organisation=setup.organisation,
    )
    editor_client = Client()
    editor_client.force_login(superuser)
    response = save_draft(
        editor_client,
        revised,
        title="Quokkarevision Ladesäule",
        slug="quokkarevision-ladesaeule",
        teaser=f"Neu in der {SHARED.capitalize()}: wombatrevision.",
        tags="quokkarevision",
        municipality="Quokkarevisionstadt",
    )
    assert response.status_code == HTTPStatus.FOUND, response.content[:2000]
    revised = SolutionPage.objects.get(pk=revised.pk)
    assert revised.has_unpublished_changes
    hidden["revision"] = Hidden(
        "quokkarevision",
        revised,
        [revised.url],
        {HTTPStatus.OK},
        live_title="Sichtbare Ladesäule",
    )

    # Private pages: password, login, groups.
    for kind, restriction in (
        ("password", PageViewRestriction.PASSWORD),
        ("login", PageViewRestriction.LOGIN),
        ("groups", PageViewRestriction.GROUPS),
    ):
        secret = f"quokka{kind}"
        page = _live(portal, secret, lead_organisation=setup.organisation)
        view_restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=restriction, password="geheim123"
        )
        if restriction == PageViewRestriction.GROUPS:
            view_restriction.groups.add(Group.objects.get(name=DIGITALAGENTUR_GROUP))
        status = {HTTPStatus.OK} if kind == "password" else REDIRECTS
        hidden[kind] = Hidden(secret, page, [page.url], status)

    # A live solution in a partner area that is not live.
    draft_area = factories.PartnerAreaPageFactory(
        parent=portal.knowledge,
        title="Quokkaparent Bereich",
        slug="quokkaparent-bereich",
        organisation=setup.organisation,
        live=False,
    )
    in_draft_area = _live(
        portal, "quokkaparent", parent=draft_area, lead_organisation=setup.organisation
    )
    hidden["parent"] = Hidden(
        "quokkaparent", in_draft_area, [in_draft_area.url, draft_area.url]
    )

    # A solution whose expiry has passed (publish_scheduled has not run yet).
    expired = _live(
        portal,
        "quokkaexpired",
        lead_organisation=setup.organisation,
    )
    SolutionPage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    hidden["expired"] = Hidden("quokkaexpired", expired, [expired.url])

    # A live German solution with a Danish translation that is still a draft.
    german = _live(
        portal,
        "grenzenlos",
        title="Grenzenlose Ladesäule",
        slug="grenzenlose-ladesaeule",
        lead_organisation=setup.organisation,
    )
    danish_area = portal.area.get_translation(Locale.objects.get(language_code="da"))
    danish = german.copy_for_translation(Locale.objects.get(language_code="da"))
    danish = SolutionPage.objects.get(pk=danish.pk)
    assert danish.get_parent().pk == danish_area.pk
    danish.title = "Quokkatranslation Ladestander"
    danish.slug = "quokkatranslation-ladestander"
    danish.teaser = f"Opladning i {SHARED}: wombattranslation."
    danish.live = False
    danish.save()
    danish.tags.add("quokkatranslation")
    danish.save()
    danish.save_revision()
    hidden["translation"] = Hidden(
        "quokkatranslation",
        danish,
        [danish.url, danish.url.replace("/da/", "/en/")],
    )

    # A published showcase that relates to every hidden solution and is related
    # from every hidden live one: its related list is a channel.
    showcase = _live(
        portal,
        "schaufenster",
        title="Schaufenster Ladesäule",
        slug="schaufenster",
        lead_organisation=setup.organisation,
    )
    for index, item in enumerate(hidden.values()):
        SolutionRelation.objects.create(
            page=showcase, target=item.page, sort_order=index
        )
        if item.page.live:
            SolutionRelation.objects.create(page=item.page, target=showcase)
    for item in hidden.values():
        SolutionPage.objects.filter(pk=item.page.pk).update(
            lead_organisation=setup.organisation
        )

    # A theme page (the story of a field of action) whose expiry has passed.
    coast = factories.FieldOfActionFactory(name="Küste", slug="kueste")
    theme = factories.ThemePageFactory(
        parent=portal.themes,
        title="Quokkatheme Küste",
        slug="quokkatheme-kueste",
        field_of_action=coast,
        intro="Die Küste: wombattheme.",
    )
    Page.objects.filter(pk=theme.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    hidden["expired theme"] = Hidden("quokkatheme", theme, [theme.url])

    # Snippets: an organisation whose Danish translation awaits review, lead of
    # the live Danish showcase; one with a newer draft revision, lead of the
    # German showcase.
    danish_locale = Locale.objects.get(language_code="da")
    grenzhof = factories.OrganisationFactory(name="Grenzhof e.V.", slug="grenzhof")
    forening = grenzhof.copy_for_translation(danish_locale)
    forening.name = "Quokkaforening Grænsegård"
    forening.slug = "quokkaforening-graensegaard"
    forening.description = "Forening: wombatforening."
    forening.live = False
    forening.save()
    forening.save_revision()
    showcase_da = showcase.copy_for_translation(danish_locale)
    showcase_da = SolutionPage.objects.get(pk=showcase_da.pk)
    showcase_da.lead_organisation = forening
    showcase_da.save_revision().publish()
    verein = factories.OrganisationFactory(
        name="Sichtbarer Verein", slug="sichtbarer-verein"
    )
    verein.name = "Quokkaverein Verein"
    verein.description = "Verein: wombatverein."
    verein.save_revision()
    verein.refresh_from_db()
    assert verein.name == "Sichtbarer Verein"
    SolutionPage.objects.filter(pk=showcase.pk).update(lead_organisation=verein)
    directory = portal.directory.specific
    directory_da = directory.get_translation(danish_locale).specific
    hidden["snippet translation"] = Hidden(
        "quokkaforening",
        None,
        [directory_da.url + "quokkaforening-graensegaard/", directory_da.url],
        {HTTPStatus.OK, HTTPStatus.NOT_FOUND} | REDIRECTS,
        snippet=forening,
    )
    hidden["snippet revision"] = Hidden(
        "quokkaverein",
        None,
        [directory.organisation_url(verein), directory.url],
        {HTTPStatus.OK},
        live_title="Sichtbarer Verein",
        snippet=verein,
    )

    return World(
        hidden=hidden,
        control=control,
        showcase=showcase,
        organisation_url=directory.organisation_url(setup.organisation),
        other_partner=other_partner,
        other_moderator=other_moderator,
        agency=agency,
        editor=superuser,
        submission_pks=submission_pks,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The hidden content, built once; rolled back when the module is done."""
    media_root = tmp_path_factory.mktemp("leak-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        built = _build_world(media_root)
        built.media_root = media_root
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _world_media(_media_root, settings, world, db):
    """Files of the world stay reachable under each test's media root."""
    settings.MEDIA_ROOT = world.media_root


# Channels ----------------------------------------------------------------------


@dataclass
class Channel:
    """Addresses of one channel for a secret; ``who`` names the visitor."""

    name: str
    urls: Callable[[World, str, int], list[str]]
    who: str = "anonymous"
    method: str = "get"
    data: Callable[[World, str], dict] | None = None
    # Whether a published solution shows there (the catalogue has no titles).
    control: bool = True
    # Whether its addresses ask for the probe word (and so may repeat it).
    asks_probe: bool = False


def _languages(template: str) -> list[str]:
    return [template.format(lang=code) for code in ("de", "da", "en")]


def _typo(secret: str) -> str:
    """The secret with its last letter wrong: "did you mean" must not know it."""
    return secret[:-1] + ("x" if secret[-1] != "x" else "y")


def _search_urls(world, secret, pk):
    probe = probe_of(secret)
    return [
        *(f"/{code}/search/?q={probe}" for code in ("de", "da", "en")),
        f"/de/search/?q={_typo(secret)}",
        f"/de/search/?q={probe}+ladesäule",
        f"/de/search/?q={SHARED}",
        f"/de/search/?q={SHARED}&sort=date",
    ]


def _search_api_urls(world, secret, pk):
    probe = probe_of(secret)
    return [
        *(f"/api/search/?q={probe}&lang={code}" for code in ("de", "da", "en")),
        f"/api/search/?q={_typo(secret)}&lang=de",
    ]


def _suggest_urls(world, secret, pk):
    return [
        f"/api/search/suggest/?q={prefix}&lang={code}"
        for prefix in (secret[:7], secret[:-2])
        for code in ("de", "da", "en")
    ]


def _facet_urls(world, secret, pk):
    return [
        *(f"/api/search/?q={SHARED}&lang={code}" for code in ("de", "da", "en")),
        f"/api/search/?q={probe_of(secret)}&lang=de",
        f"/de/search/?q={SHARED}&phase=pilot",
    ]


def _api_list_urls(world, secret, pk):
    base = "/api/v2/solutions/"
    fields = "fields=*"
    return [
        f"{base}?{fields}&limit=100",
        *(f"{base}?{fields}&locale={code}" for code in ("de", "da", "en")),
        f"{base}?search={probe_of(secret)}",
        f"{base}?search={SHARED}&{fields}",
        f"{base}?field_of_action=energy&{fields}",
        f"{base}?organisation=mobil-im-dorf-ev&{fields}",
        f"{base}?phase=pilot&{fields}",
        f"{base}?type=knowledge.SolutionPage&{fields}",
        "/api/v2/organisations/?fields=*&limit=100",
        *(f"/api/v2/organisations/?fields=*&locale={code}" for code in ("de", "da")),
        "/api/v2/contacts/?fields=*&locale=da",
    ]


def _api_detail_urls(world, secret, pk):
    snippet = next(
        (i.snippet for i in world.hidden.values() if i.secret == secret), None
    )
    urls = [f"/api/v2/solutions/{pk}/"]
    if snippet is not None:
        urls.append(f"/api/v2/organisations/{snippet.pk}/")
    return urls


def _feed_urls(world, secret, pk):
    return [
        *_languages("/{lang}/feeds/rss/"),
        *_languages("/{lang}/feeds/atom/"),
        *_languages("/{lang}/feeds/energy/rss/"),
        *_languages("/{lang}/feeds/energy/atom/"),
    ]


def _export_urls(world, secret, pk):
    tables = ("solutions", "organisations", "contacts", "fields-of-action")
    return [
        *(
            f"/opendata/{code}/{table}.csv"
            for code in ("de", "da", "en")
            for table in tables
        ),
        *_languages("/opendata/{lang}/knowledge-base.json"),
    ]


def _dcat_urls(world, secret, pk):
    return ["/opendata/catalog.ttl", "/opendata/catalog.jsonld"]


def _sitemap_urls(world, secret, pk):
    return ["/sitemap.xml"]


def _list_page_urls(world, secret, pk):
    """Portal pages that list solutions: home, knowledge base, area, theme, the
    organisation and contact directory, and the related list of a showcase."""
    urls = []
    for code in ("de", "da", "en"):
        locale = Locale.objects.get(language_code=code)
        for page in (world.showcase, *_section_pages(world)):
            translation = page.get_translation_or_none(locale)
            if translation and translation.live:
                urls.append(translation.url)
    urls.append(world.organisation_url)
    urls.append(world.organisation_url + "?page=2")
    return urls


def _section_pages(world) -> list[Page]:
    area = world.showcase.get_parent()
    knowledge = area.get_parent()
    home = knowledge.get_parent()
    return [
        home,
        area,
        *Page.objects.child_of(home),
        *Page.objects.type(ThemePage)
        .descendant_of(home)
        .filter(expire_at__isnull=True),
    ]


def _partner_urls(world, secret, pk):
    return [
        *_languages("/{lang}/partner/submissions/"),
        *(
            f"/de/partner/submissions/{submission_pk}/edit/"
            for submission_pk in world.submission_pks.values()
        ),
        "/de/following/",
    ]


def _follow_urls(world, secret, pk):
    return [f"/de/follow/solution/{pk}/"]


def _similar_urls(world, secret, pk):
    return ["/de/partner/submit/"]


def _similar_data(world, secret):
    from types import SimpleNamespace

    from apps.knowledge.models import Contact, Organisation

    organisation = Organisation.objects.get(
        name="Andere Initiative e.V.", locale=Locale.get_default()
    )
    setup = SimpleNamespace(
        portal=SimpleNamespace(
            field=world.showcase.fields_of_action.first().field_of_action
        ),
        organisation=organisation,
        contact=Contact.objects.filter(locale=organisation.locale).first(),
    )
    probe = probe_of(secret)
    data = submission_data(setup, title=f"{probe} Ladesäule Mitfahrbank")
    data["teaser"] = f"Eine Ladesäule {probe} in der {SHARED}."
    data["contact"] = ""
    data["contact_name"] = "Ole Hansen"
    data["contact_email"] = "ole@example.org"
    return data


def _dashboard_urls(world, secret, pk):
    return ["/admin/moderation-dashboard/", "/admin/"]


CHANNELS = [
    Channel("search page", _search_urls, asks_probe=True),
    Channel("search api", _search_api_urls, asks_probe=True),
    Channel("suggest", _suggest_urls),
    Channel("facets", _facet_urls, asks_probe=True),
    Channel("api v2 list", _api_list_urls, asks_probe=True),
    Channel("api v2 detail", _api_detail_urls),
    Channel("feeds", _feed_urls),
    Channel("exports", _export_urls),
    Channel("dcat", _dcat_urls, control=False),
    Channel("sitemap", _sitemap_urls),
    Channel("list pages", _list_page_urls),
    Channel("other partner", _partner_urls, who="other_partner"),
    Channel("follow", _follow_urls, who="other_partner", method="post"),
    Channel(
        "similar on submit",
        _similar_urls,
        who="other_partner",
        method="post",
        data=_similar_data,
        asks_probe=True,
    ),
    Channel("other moderator", _dashboard_urls, who="other_moderator"),
]
# Channels where the control must appear; the others are checked by the
# rightful user instead (see the test below).
PUBLIC_CHANNELS = [c for c in CHANNELS if c.who == "anonymous" and c.control]


def _client(world: World, who: str) -> Client:
    client = Client()
    user = {
        "anonymous": None,
        "other_partner": getattr(world.other_partner, "user", None),
        "other_moderator": world.other_moderator,
        "agency": world.agency,
        "editor": world.editor,
    }[who]
    if user is not None:
        client.force_login(user)
    return client


def _fetch(client: Client, channel: Channel, world: World, url: str, secret: str):
    if channel.method == "post":
        data = channel.data(world, secret) if channel.data else {}
        return client.post(url, data)
    return client.get(url)


def _text(response) -> str:
    content = (
        b"".join(response.streaming_content)
        if response.streaming
        else (response.content)
    )
    text = content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # Both the escaped and the plain form of non-ASCII titles.
        text += json.dumps(json.loads(text), ensure_ascii=False)
    return text.casefold()


def _api_ids(response) -> set[int]:
    if not response.get("Content-Type", "").startswith("application/json"):
        return set()
    data = response.json()
    return {item.get("id") for item in data.get("items", []) if isinstance(item, dict)}


KINDS = [
    "draft",
    "revision",
    "password",
    "login",
    "groups",
    "parent",
    "expired",
    "document",
    "image",
    "translation",
    "expired theme",
    "snippet translation",
    "snippet revision",
]


@pytest.mark.parametrize("channel", CHANNELS, ids=lambda c: c.name)
@pytest.mark.parametrize("kind", KINDS)
def test_hidden_content__absent_from_channel(world, kind, channel, settings):
    settings.PARTNER_RATE_LIMITS = {"submission": (1000, 60), "registration": (5, 60)}
    item = world.hidden[kind]
    client = _client(world, channel.who)
    page_path = item.page.url if item.page else None
    pk = item.page.pk if item.page else 0
    for url in channel.urls(world, item.secret, pk):
        response = _fetch(client, channel, world, url, item.secret)
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, url
        text = _text(response)
        assert item.secret not in text, f"{item.secret} leaks through {url}"
        if not channel.asks_probe:
            probe = probe_of(item.secret)
            assert probe not in text, f"{probe} leaks through {url}"
        if kind == "revision" or item.page is None:
            continue  # its live version is public: id and address may appear
        assert item.page.pk not in _api_ids(response), f"id leaks through {url}"
        if page_path and not url.startswith("/de/partner/"):
            assert page_path.casefold() not in text, f"address leaks through {url}"


@pytest.mark.parametrize("channel", PUBLIC_CHANNELS, ids=lambda c: c.name)
def test_control__published_solution_appears_in_channel(world, channel):
    """The control: the same channels do show a published solution."""
    client = _client(world, channel.who)
    texts = []
    for url in channel.urls(world, PUBLIC, world.control.pk):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        texts.append(_text(response))
    assert any(PUBLIC in text for text in texts), channel.name


@pytest.mark.parametrize("kind", KINDS)
def test_hidden_page__own_address_refused(world, kind):
    item = world.hidden[kind]
    client = Client()
    for url in item.urls:
        response = client.get(url)
        assert response.status_code in item.status, (url, response.status_code)
        # The address itself holds the secret (in the slug); the content must not.
        text = _text(response).replace(url.casefold(), "")
        assert item.secret not in text, url
        assert probe_of(item.secret) not in text, url
    if item.live_title:
        page = client.get(item.urls[0])
        assert item.live_title in page.content.decode()


def test_control__own_address_and_document_served(world):
    client = Client()
    assert PUBLIC in _text(client.get(world.control.url))
    document = get_document_model().objects.get(title=f"{PUBLIC}doc")
    response = client.get(document.url)
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_rightful_users__see_what_others_do_not(world):
    """The partner's own organisation and the Digitalagentur see the draft: the
    partner and moderator cells above can fail."""
    item = world.hidden["draft"]
    partner = Client()
    partner.force_login(SolutionPage.objects.get(pk=item.page.pk).owner)
    assert item.secret in _text(partner.get("/de/partner/submissions/"))
    agency = _client(world, "agency")
    assert item.secret in _text(agency.get("/admin/moderation-dashboard/"))


def test_revision__live_version_is_what_everyone_gets(world):
    item = world.hidden["revision"]
    client = Client()
    data = client.get(f"/api/v2/solutions/{item.page.pk}/").json()
    assert data["title"] == item.live_title
    found = client.get("/api/search/?q=sichtbarwort&lang=de").json()
    assert [hit["title"] for hit in found["results"]] == [item.live_title]


# Admin views of drafts: previews, revisions, history --------------------------


def _admin_urls(page: Page) -> list[str]:
    revision = page.latest_revision
    urls = [
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page.pk, "live", revision.pk],
        ),
        reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
        reverse("wagtailadmin_pages:search") + f"?q={page.title.split()[0]}",
    ]
    return urls


@pytest.mark.parametrize("who", ["anonymous", "other_partner", "other_moderator"])
@pytest.mark.parametrize("kind", ["draft", "revision", "translation", "parent"])
def test_admin_preview_and_revisions__refused(world, kind, who):
    item = world.hidden[kind]
    page = Page.objects.get(pk=item.page.pk)
    client = _client(world, who)
    for url in _admin_urls(page):
        response = client.get(url)
        text = _text(response)
        assert item.secret not in text, f"{item.secret} leaks to {who} at {url}"
        if who != "other_moderator":
            assert response.status_code in REDIRECTS | {HTTPStatus.FORBIDDEN}, url


def test_admin_preview__the_editor_sees_the_draft(world):
    page = Page.objects.get(pk=world.hidden["revision"].page.pk)
    client = _client(world, "editor")
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == HTTPStatus.OK
    assert "quokkarevision" in _text(response)


# The anonymous page cache -------------------------------------------------------


def _expires_soon(page: Page) -> None:
    # Published with an expiry time two seconds ahead.
    Page.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() + datetime.timedelta(seconds=2)
    )


def _hide_by_expiry(page: Page) -> None:
    # Time passes; nothing is saved (publish_scheduled has not run yet).
    time.sleep(2.1)


def _hide_by_restriction(page: Page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )


def _hide_by_unpublishing_the_area(page: Page) -> None:
    page.get_parent().specific.unpublish()


def _hide_by_unpublishing(page: Page) -> None:
    page.specific.unpublish()


@pytest.mark.parametrize(
    "hide",
    [
        _hide_by_expiry,
        _hide_by_restriction,
        _hide_by_unpublishing_the_area,
        _hide_by_unpublishing,
    ],
    ids=["expired", "restricted", "area unpublished", "unpublished"],
)
def test_page_cache__a_page_hidden_after_it_was_cached_is_not_served(
    world, settings, hide
):
    from django.core.cache import cache

    settings.PORTAL_CACHE_SECONDS = 600
    cache.clear()
    page = world.control
    knowledge = page.get_parent().get_parent()
    listing = f"{knowledge.url}?phase=pilot"
    client = Client()
    if hide is _hide_by_expiry:
        _expires_soon(page)
    for url in (page.url, listing, f"/de/search/?q={probe_of(PUBLIC)}"):
        client.get(url)
        cached = client.get(url)
        assert cached["X-Portal-Cache"] == "hit", url
        assert PUBLIC in _text(cached)

    hide(page)

    response = client.get(page.url)
    assert response.status_code in REDIRECTS | {HTTPStatus.NOT_FOUND}
    assert PUBLIC not in _text(response)
    assert PUBLIC not in _text(client.get(listing))
    assert PUBLIC not in _text(client.get(f"/de/search/?q={probe_of(PUBLIC)}"))


def test_snippets__visitors_get_the_live_versions(world):
    """The snippet cells can fail: the showcases do name their organisations."""
    client = Client()
    danish = world.showcase.get_translation(Locale.objects.get(language_code="da"))
    assert "grenzhof e.v." in _text(client.get(danish.url))
    assert "sichtbarer verein" in _text(client.get(world.showcase.url))
    feed = _text(client.get("/de/feeds/rss/"))
    assert "sichtbarer verein" in feed
