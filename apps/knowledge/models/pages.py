"""The portal page tree: home, knowledge base, partner areas, themes, directory."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, When
from django.http import Http404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from apps.knowledge import content_cache
from apps.knowledge.blocks import SolutionStreamBlock
from apps.knowledge.choices import Country, Phase
from apps.knowledge.models.snippets import Contact, FieldOfAction, Organisation
from apps.knowledge.models.solutions import SolutionPage
from apps.knowledge.public_url import PublicUrlMixin
from apps.knowledge.visibility import PublicPageMixin, visible

SOLUTIONS_PER_PAGE = 12


def live_solutions(locale, request=None, shown_as: Iterable[str] = ()):
    """Published, public solutions in one language, newest first.

    A page showing them is retired when a solution of the language changes
    (apps/knowledge/portal/page_cache.py); ``shown_as``: the tags of a narrower
    list the caller makes of them
    (:func:`~apps.knowledge.content_cache.narrow_list_tags`), retired only by a
    solution that is or was in it."""
    content_cache.note(*(shown_as or [content_cache.list_tag(locale.pk)]))
    return (
        visible(SolutionPage.objects)
        .filter(locale=locale)
        .select_related("lead_organisation", "image", "locale")
        .order_by("-first_published_at", "-pk")
    )


def paginate(
    request, items, per_page: int = SOLUTIONS_PER_PAGE, parameter: str = "page"
):
    """The page of ``items`` the query parameter ``parameter`` asks for: the first
    for a number that is not one, the last for one past the end."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get(parameter) if request else 1)
    # The pagination links change this parameter (knowledge/includes/pagination.html).
    page.parameter = parameter
    return page


def lazy_page(
    request, items, per_page: int = SOLUTIONS_PER_PAGE, parameter: str = "page"
):
    """:func:`paginate`, counted and loaded only when a template shows it: a list
    kept as a shared fragment (``{% shared_fragment %}``) costs no query. ``items``
    may be a function returning them: not even the query is built then (building
    it costs as much as rendering the rest of a kept page)."""
    return SimpleLazyObject(
        lambda: paginate(
            request, items() if callable(items) else items, per_page, parameter
        )
    )


def places_urls(page: Page, filters: str = "") -> dict[str, str]:
    """The addresses of every place of a page's list, for its map
    (:mod:`apps.knowledge.portal.map`, which reads the page's ``map_solutions``):
    the data the map's script fetches, and the plain list of them all."""
    query = f"?{filters}" if filters else ""
    return {
        "places_source": f"{reverse('list_places_json', args=[page.pk])}{query}",
        "places_list": f"{reverse('list_places', args=[page.pk])}{query}",
    }


class HomePage(PublicUrlMixin, PublicPageMixin, Page):
    """The start page of the portal in one language."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.KnowledgeIndexPage",
        "knowledge.ThemeIndexPage",
        "knowledge.ContactDirectoryPage",
        "knowledge.LegalNoticePage",
        "knowledge.PrivacyNoticePage",
        "knowledge.AccessibilityStatementPage",
        "knowledge.StatisticsPage",
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Built only when the template shows them (not when their fragment is
        # kept): building the queries costs as much as serving the kept page.
        context["themes"] = SimpleLazyObject(
            lambda: (
                visible(ThemePage.objects)
                .filter(locale=self.locale)
                .select_related("field_of_action")
                .order_by("field_of_action__sort_order", "title")
            )
        )
        context["newest_solutions"] = SimpleLazyObject(
            lambda: live_solutions(self.locale)[:6]
        )
        context["knowledge_index"] = self.knowledge_index
        return context

    def knowledge_index(self):
        return KnowledgeIndexPage.objects.live().filter(locale=self.locale).first()


class KnowledgeIndexPage(PublicUrlMixin, PublicPageMixin, Page):
    """The knowledge base: every published solution, filterable by phase and theme.

    Its map shows every solution under the filters: the page holds the places of
    the solutions it lists, the map's script fetches the others from
    ``/<lang>/places/<page id>/json/`` and ``/<lang>/places/<page id>/`` lists
    them all without JavaScript (:mod:`apps.knowledge.portal.map`, which reads
    :meth:`map_solutions`).
    """

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.PartnerAreaPage"]
    # The query parameters get_context reads: a request with any other one is never
    # stored in the page cache (apps/knowledge/portal/page_cache.py), so junk parameters
    # cannot fill it.
    cache_query_parameters = ("phase", "field", "page")
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("knowledge base index")

    def map_solutions(self, request=None):
        """Every solution under the request's filters: what the map shows."""
        return self.filtered_solutions(request)[0]

    def filtered_solutions(self, request) -> tuple:
        """The solutions under the request's filters, the phase and the field."""
        solutions = live_solutions(self.locale)
        phase = request.GET.get("phase", "")
        if phase in Phase.values:
            solutions = solutions.filter(phase=phase)
        else:
            phase = ""
        field = request.GET.get("field", "")
        if field:
            solutions = solutions.filter(
                fields_of_action__field_of_action__slug=field
            ).distinct()
        return solutions, phase, field

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        solutions, phase, field = self.filtered_solutions(request)
        filters = urlencode(
            [(k, v) for k, v in (("phase", phase), ("field", field)) if v]
        )
        context.update(
            solutions=paginate(request, solutions),
            # Every solution under the filters, not only this page's: the map's
            # data, and their plain list.
            **places_urls(self, filters),
            phases=Phase.choices,
            selected_phase=phase,
            # The facet block: the same on every request until a snippet changes.
            fields=content_cache.remember(
                "field-of-action-facet",
                lambda: list(FieldOfAction.objects.public_in(self.locale)),
                self.locale_id,
            ),
            selected_field=field,
            areas=visible(self.get_children()).specific(),
        )
        return context


class PartnerAreaPage(PublicUrlMixin, PublicPageMixin, Page):
    """The part of the knowledge base an authority or partner group is responsible for.

    Editor and moderator permissions are granted on this page, so each authority
    edits and approves only its own solutions.
    """

    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.SolutionPage"]
    cache_query_parameters = ("page",)
    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("partner area")
        verbose_name_plural = _("partner areas")

    def list_tags(self) -> tuple[str, str]:
        """The tags of its list of solutions (the page cache's)."""
        return content_cache.narrow_list_tags(self.locale_id, "area", self.pk)

    def map_solutions(self, request=None):
        """Every solution of the area: its list, and what its map shows."""
        return live_solutions(self.locale, shown_as=self.list_tags()).child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["solutions"] = lazy_page(request, lambda: self.map_solutions(request))
        context["list_tags"] = self.list_tags()
        # Every solution of the area, for the map: fetched by its script.
        context.update(places_urls(self))
        return context


class ThemeIndexPage(PublicUrlMixin, PublicPageMixin, Page):
    """Overview of the fields of action."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ThemePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("theme index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = (
            visible(self.get_children())
            .specific()
            .order_by("themepage__field_of_action__sort_order", "title")
        )
        return context


class ThemePage(PublicUrlMixin, PublicPageMixin, Page):
    """A field of action with its story and every solution assigned to it."""

    field_of_action = models.ForeignKey(
        "knowledge.FieldOfAction",
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(SolutionStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["knowledge.ThemeIndexPage"]
    subpage_types: list[str] = []
    cache_query_parameters = ("page",)
    content_panels = [
        *Page.content_panels,
        FieldPanel("field_of_action"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("theme page")
        verbose_name_plural = _("theme pages")

    def list_tags(self) -> tuple[str, str]:
        """The tags of its list of solutions (the page cache's)."""
        return content_cache.narrow_list_tags(
            self.locale_id, "field", self.field_of_action_id
        )

    def map_solutions(self, request=None):
        """Every solution of the field of action: its list, and what its map
        shows."""
        return (
            live_solutions(self.locale, shown_as=self.list_tags())
            .filter(
                # A subquery, not the field's key: nothing is loaded while the list
                # is kept as a fragment.
                fields_of_action__field_of_action__translation_key__in=(
                    FieldOfAction.objects.filter(pk=self.field_of_action_id).values(
                        "translation_key"
                    )
                )
            )
            .distinct()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["solutions"] = lazy_page(request, lambda: self.map_solutions(request))
        context["list_tags"] = self.list_tags()
        # Every solution of the field, for the map: fetched by its script.
        context.update(places_urls(self))
        return context


class ContactDirectoryPage(PublicUrlMixin, PublicPageMixin, RoutablePageMixin, Page):
    """The contact directory: people and organisations, each with its own page."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    parent_page_types = ["knowledge.HomePage"]
    subpage_types: list[str] = []
    cache_query_parameters = ("country",)
    # What an organisation's page (the route ``organisation``) reads instead: the
    # page numbers of its two lists.
    route_query_parameters = {"organisation": ("page", "partner_page")}
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("contact directory")

    @path("")
    def directory(self, request):
        country = request.GET.get("country", "")
        if country not in Country.values:
            country = ""

        def organisations():
            # Live snippets only; a translation awaiting review shows its German
            # version.
            found = Organisation.objects.public_in(self.locale)
            return found.filter(country=country) if country else found

        def contacts():
            found = (
                Contact.objects.public_in(self.locale)
                .select_related("organisation")
                .order_by("organisation__name", "name")
            )
            return found.filter(organisation__country=country) if country else found

        # Built only where the page's fragments are rendered: a kept page builds no
        # query.
        return self.render(
            request,
            context_overrides={
                "organisations": SimpleLazyObject(organisations),
                "contacts": SimpleLazyObject(contacts),
                "countries": Country.choices,
                "selected_country": country,
            },
        )

    @path("<slug:slug>/", name="organisation")
    def organisation(self, request, slug: str):
        organisation = content_cache.remember(
            "organisation-by-slug",
            lambda: self._organisation_for(slug),
            self.locale_id,
            slug,
        )
        key = organisation.translation_key
        list_tags = content_cache.narrow_list_tags(self.locale_id, "org", key)

        def solutions():
            return live_solutions(self.locale, shown_as=list_tags)

        def led():
            return solutions().filter(lead_organisation__translation_key=key)

        def partnered():
            return (
                solutions()
                .filter(partners__organisation__translation_key=key)
                .distinct()
                .exclude(pk__in=led().values("pk"))
            )

        # The lists and contacts are built only where the page's fragments are
        # rendered: a kept page builds no query.
        return self.render(
            request,
            template="knowledge/organisation_page.html",
            context_overrides={
                "organisation": organisation,
                "list_tags": list_tags,
                # An organisation may lead hundreds of solutions: a page at a time,
                # each list with its own page number.
                "led_solutions": lazy_page(request, led),
                "partner_solutions": lazy_page(
                    request, partnered, parameter="partner_page"
                ),
                "contacts": SimpleLazyObject(
                    lambda: Contact.objects.public_in(self.locale).filter(
                        organisation__translation_key=key
                    )
                ),
            },
        )

    def _organisation_for(self, slug: str) -> Organisation:
        """The organisation of an address (kept until the content changes; an
        address that leads nowhere is not kept)."""
        # The own language first: a German version standing in for a translation
        # awaiting review may share its slug with another organisation.
        organisation = (
            Organisation.objects.public_in(self.locale)
            .filter(slug=slug)
            .order_by(Case(When(locale=self.locale, then=0), default=1))
            .first()
        )
        if organisation is None:
            raise Http404
        return organisation

    def organisation_url(self, organisation) -> str:
        return self.url + self.reverse_subpage(
            "organisation", kwargs={"slug": organisation.slug}
        )


class StatisticsPage(PublicUrlMixin, PublicPageMixin, Page):
    """The portfolio in figures: charts and tables of the published solutions in
    this language (computed in apps/knowledge/portal/figures.py)."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    parent_page_types = ["knowledge.HomePage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("statistics page")
        verbose_name_plural = _("statistics pages")
