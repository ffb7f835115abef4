"""The solution page: a smart-region project or solution and its relations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from apps.knowledge.blocks import SolutionStreamBlock
from apps.knowledge.choices import Currency, Licence, Phase
from apps.knowledge.forms import SolutionPageForm
from apps.knowledge.models.readiness import ReadinessMixin
from apps.knowledge.models.regional_keys import RegionalKeysMixin
from apps.knowledge.models.relations import (
    related_solutions,
    solution_relations,
)
from apps.knowledge.models.snippets import public_version
from apps.knowledge.public_url import PublicUrlMixin
from apps.knowledge.visibility import PublicPageMixin, visible


class SolutionPageTag(TaggedItemBase):
    """Links a tag to a solution page."""

    content_object = ParentalKey(
        "knowledge.SolutionPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class SolutionFieldOfAction(Orderable):
    """Assigns a field of action to a solution."""

    page = ParentalKey(
        "knowledge.SolutionPage",
        related_name="fields_of_action",
        on_delete=models.CASCADE,
    )
    # PROTECT: deleting a field of action in use would silently leave solutions
    # without one; the snippet admin refuses and lists where it is used instead.
    field_of_action = models.ForeignKey(
        "knowledge.FieldOfAction",
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("field_of_action")]

    class Meta(Orderable.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")


class SolutionPartner(Orderable):
    """A partner organisation of a solution besides the lead organisation."""

    page = ParentalKey(
        "knowledge.SolutionPage", related_name="partners", on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")


class SolutionContact(Orderable):
    """A contact person for a solution."""

    page = ParentalKey(
        "knowledge.SolutionPage", related_name="contacts", on_delete=models.CASCADE
    )
    contact = models.ForeignKey(
        "knowledge.Contact",
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("contact")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class SolutionRelation(Orderable):
    """A cross-link an editor sets from one solution to another; shown on both."""

    page = ParentalKey(
        "knowledge.SolutionPage",
        related_name="related_links",
        on_delete=models.CASCADE,
    )
    target = models.ForeignKey(
        "knowledge.SolutionPage",
        verbose_name=_("related solution"),
        on_delete=models.CASCADE,
        related_name="incoming_links",
    )

    panels = [FieldPanel("target", heading=_("Related solution"))]

    class Meta(Orderable.Meta):
        verbose_name = _("related solution")
        verbose_name_plural = _("related solutions")

    def clean(self) -> None:
        super().clean()
        page = getattr(self, "page", None)
        target = getattr(self, "target", None)
        if page and target and page.translation_key == target.translation_key:
            raise ValidationError(
                {"target": _("A solution cannot be related to itself.")}
            )


class SolutionPage(
    PublicUrlMixin, PublicPageMixin, RegionalKeysMixin, ReadinessMixin, Page
):
    """A smart-region solution or project, from idea to regular operation."""

    teaser = models.TextField(
        _("teaser"),
        max_length=400,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    body = StreamField(SolutionStreamBlock(), blank=True, verbose_name=_("body"))
    # Translated with the page (wagtail-localize); shown only when filled.
    plain_language_summary = models.TextField(
        _("summary in plain language"),
        blank=True,
        help_text=_(
            "Short sentences, everyday words: Leichte Sprache in German, letlæst in "
            "Danish, plain language in English. Shown in its own section."
        ),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.IDEA
    )
    lead_organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_solutions",
    )
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    licence = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, blank=True
    )
    source_repository = models.URLField(_("source code repository"), blank=True)
    open_data_url = models.URLField(_("open data"), blank=True)
    adoption_requirements = models.TextField(
        _("what another municipality needs to adopt it"), blank=True
    )
    review_date = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_(
            "When the owner should check that this solution is still accurate."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("teaser image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text of the teaser image"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it, in this page's "
            "language. Required with an image, unless the image's own description "
            "says it."
        ),
    )
    tags = ClusterTaggableManager(
        through=SolutionPageTag, blank=True, verbose_name=_("tags")
    )

    parent_page_types = ["knowledge.PartnerAreaPage"]
    subpage_types: list[str] = []

    base_form_class = SolutionPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
        FieldPanel("plain_language_summary"),
    ]
    classification_panels = [
        FieldPanel("phase"),
        InlinePanel("fields_of_action", label=_("Fields of action"), min_num=1),
        FieldPanel("tags"),
        FieldPanel("lead_organisation"),
        InlinePanel("partners", label=_("Partner organisations")),
        InlinePanel("contacts", label=_("Contacts")),
        InlinePanel("related_links", label=_("Related solutions")),
    ]
    facts_panels = [
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldRowPanel(
                    [
                        FieldPanel("regional_key"),
                        FieldPanel("municipality_key"),
                        FieldPanel("danish_municipality_code"),
                    ]
                ),
            ],
            heading=_("Location"),
        ),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")
        ),
        FieldRowPanel(
            [FieldPanel("budget"), FieldPanel("currency")], heading=_("Budget")
        ),
        ReadinessMixin.readiness_panel(
            FieldPanel("licence"),
            FieldPanel("source_repository"),
            FieldPanel("open_data_url"),
            FieldPanel("adoption_requirements"),
        ),
        FieldPanel("review_date"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(facts_panels, heading=_("Facts and reuse")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    # The place's keys and the transfer phase are the same in every language.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            *RegionalKeysMixin.REGIONAL_KEY_FIELDS,
            *ReadinessMixin.READINESS_SYNCHRONISED_FIELDS,
        )
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("municipality"),
        index.SearchField("adoption_requirements"),
        index.AutocompleteField("teaser"),
        # A Danish visitor searching a tag's Danish name finds pages tagged in German.
        index.RelatedFields(
            "tags",
            [
                index.SearchField("name"),
                index.RelatedFields("translations", [index.SearchField("name")]),
            ],
        ),
        # The name visitors see: a translation awaiting review is not searchable.
        index.SearchField("lead_organisation_name"),
        index.FilterField("phase"),
        index.FilterField("lead_organisation"),
        index.FilterField("currency"),
    ]

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        # Browsing by a facet selects solutions by these columns (the portal
        # search on the database backends, apps/knowledge/search/database_query.py).
        indexes = [
            models.Index(fields=["phase"], name="kb_solution_phase"),
            models.Index(fields=["transfer_phase"], name="kb_solution_transfer"),
            models.Index(fields=["municipality"], name="kb_solution_municipality"),
        ]

    @classmethod
    def get_indexed_objects(cls):
        """What the search index reads, a query per relation instead of per page.

        The engines' documents carry the facet values (apps/knowledge/search/
        facets.py): fields of action, the lead organisation and the locale.
        """
        return (
            super()
            .get_indexed_objects()
            .select_related("lead_organisation", "locale")
            .prefetch_related("fields_of_action__field_of_action", "tags__translations")
        )

    def lead_organisation_name(self) -> str:
        """The lead organisation's public name (its live version), for search."""
        organisation = public_version(self.lead_organisation)
        return organisation.name if organisation else ""

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot lie before the start.")
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("The budget cannot be negative.")
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("Latitude lies between -90 and 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("Longitude lies between -180 and 180.")
        # The error goes to the field that is missing.
        if self.latitude is None and self.longitude is not None:
            errors["latitude"] = _("Give both latitude and longitude, or neither.")
        if self.longitude is None and self.latitude is not None:
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        # A teaser image is never decorative: the cards and the page header show
        # it as content, so it must say what it shows (WCAG 1.1.1).
        if self.image_id and not self.teaser_image_alt:
            errors["image_alt"] = _(
                "Describe the teaser image for people who cannot see it."
            )
        try:
            self.clean_regional_keys()
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def teaser_image_alt(self) -> str:
        """The teaser image's alternative text: this page's own, else the image's
        description (the one a partner gave when submitting it)."""
        if self.image_alt.strip():
            return self.image_alt.strip()
        if self.image is not None:
            return (self.image.description or "").strip()
        return ""

    @property
    def country_codes(self) -> list[str]:
        """Countries of the lead and partner organisations, for cross-border marks."""
        organisations = [self.lead_organisation] if self.lead_organisation else []
        organisations += [
            p.organisation for p in self.partners.select_related("organisation")
        ]
        return sorted({o.country for o in organisations})

    def get_related_solutions(self) -> list[SolutionPage]:
        return related_solutions(self)

    def prefetch_relations(self) -> None:
        """Load fields of action, partners, contacts and tags in one query each.

        The template and the structured data read them several times; without this
        each item would cost a query or two more.
        """
        prefetch_related_objects(
            [self],
            Prefetch(
                "fields_of_action",
                SolutionFieldOfAction.objects.select_related("field_of_action__locale"),
            ),
            Prefetch(
                "partners",
                SolutionPartner.objects.select_related("organisation__locale"),
            ),
            Prefetch(
                "contacts",
                SolutionContact.objects.select_related(
                    "contact__locale", "contact__organisation__locale"
                ),
            ),
            # The tags' names in every language: the template and the structured
            # data both name them in the visitor's language.
            "tags__translations",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The relations are loaded by the template ({% load_relations %}) where it
        # shows them: not at all while its fragments are kept.
        related, linking = solution_relations(self)
        context["related_solutions"] = related
        context["linking_pages"] = linking
        return context


def visible_tags():
    """Tags of the solutions a visitor may see (not those only drafts carry)."""
    return Tag.objects.filter(
        knowledge_solutionpagetag_items__content_object__in=visible(
            SolutionPage.objects
        ).values("pk")
    ).distinct()
