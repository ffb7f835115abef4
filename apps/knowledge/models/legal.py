"""The legal pages every portal language needs: the legal notice (Impressum), the
privacy notice and the accessibility statement.

Each is a page under the home page of a language, translated with wagtail-localize
like the other pages; the footer of every page links to them in the visitor's
language (``apps.knowledge.templatetags.portal_tags.legal_links``). The fields follow
what the law asks a public body to say, so an editor sees what is missing:

- legal notice: § 5 DDG (Digitale-Dienste-Gesetz) and § 18 Abs. 2 MStV
  (Medienstaatsvertrag, the person responsible for journalistic content);
- privacy notice: GDPR art. 13 (controller, data protection officer, purposes and
  legal bases, recipients, storage periods, rights, supervisory authority);
- accessibility statement: § 12b BGG / BITV 2.0 as adopted by the
  Landesbehindertengleichstellungsgesetz Schleswig-Holstein (LBGG SH), following
  the EU model statement (Implementing Decision (EU) 2018/1523), and for Danish
  visitors the statement of the Danish web accessibility act
  (webtilgængelighedsloven), published through was.digst.dk.

The blocks live here: only these pages use them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from apps.knowledge.public_url import PublicUrlMixin
from apps.knowledge.visibility import PublicPageMixin

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]

#: The Danish Agency for Digital Government's statement service.
WAS_DIGST_URL = "https://www.was.digst.dk/"


class ProcessingBlock(blocks.StructBlock):
    """One processing of personal data: why, on which legal basis, for how long."""

    purpose = blocks.CharBlock(label=_("purpose"), max_length=200)
    data = blocks.TextBlock(label=_("personal data processed"), required=False)
    legal_basis = blocks.CharBlock(
        label=_("legal basis"),
        max_length=300,
        help_text=_("For example: Art. 6(1)(e) GDPR in conjunction with § 3 LDSG."),
    )
    recipients = blocks.TextBlock(label=_("recipients"), required=False)
    storage_period = blocks.TextBlock(label=_("storage period"))

    class Meta:
        icon = "list-ul"
        label = _("processing")
        template = "knowledge/blocks/processing.html"


class BarrierBlock(blocks.StructBlock):
    """A part of the portal that is not yet accessible, why, and what helps now."""

    content = blocks.TextBlock(label=_("content that is not accessible"))
    reason = blocks.TextBlock(
        label=_("reason"),
        help_text=_(
            "Non-compliance, disproportionate burden or not within the scope of "
            "the law; say which requirement is not met."
        ),
    )
    alternative = blocks.TextBlock(label=_("accessible alternative"), required=False)

    class Meta:
        icon = "warning"
        label = _("content that is not accessible")
        template = "knowledge/blocks/barrier.html"


class LegalPage(PublicUrlMixin, PublicPageMixin, Page):
    """Shared set-up of the legal pages: under a home page, no subpages."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    body = RichTextField(_("further information"), blank=True, features=TEXT_FEATURES)

    parent_page_types = ["knowledge.HomePage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        abstract = True


class LegalNoticePage(LegalPage):
    """The legal notice (Impressum): who provides the portal (§ 5 DDG) and who is
    responsible for its content (§ 18 Abs. 2 MStV)."""

    provider = models.TextField(
        _("service provider"),
        help_text=_("Name, legal form and postal address (§ 5 Abs. 1 Nr. 1 DDG)."),
    )
    represented_by = models.CharField(_("represented by"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    supervisory_authority = models.TextField(_("supervisory authority"), blank=True)
    register_entry = models.CharField(
        _("register and register number"), max_length=255, blank=True
    )
    vat_id = models.CharField(_("VAT identification number"), max_length=40, blank=True)
    responsible_for_content = models.TextField(
        _("responsible for the content"),
        help_text=_("Name and address of the person responsible (§ 18 Abs. 2 MStV)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("provider"),
                FieldPanel("represented_by"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("supervisory_authority"),
                FieldRowPanel([FieldPanel("register_entry"), FieldPanel("vat_id")]),
            ],
            heading=_("Service provider (§ 5 DDG)"),
        ),
        FieldPanel("responsible_for_content"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("legal notice")
        verbose_name_plural = _("legal notices")


class PrivacyNoticePage(LegalPage):
    """The privacy notice of GDPR art. 13: what the portal processes and why."""

    controller = models.TextField(
        _("controller"), help_text=_("Name and postal address (Art. 13(1)(a) GDPR).")
    )
    controller_email = models.EmailField(_("controller's e-mail address"))
    data_protection_officer = models.TextField(
        _("data protection officer"),
        help_text=_("How to reach the data protection officer (Art. 13(1)(b) GDPR)."),
    )
    processing = StreamField(
        [("processing", ProcessingBlock())],
        verbose_name=_("processing of personal data"),
        help_text=_(
            "Purposes, legal bases, recipients and storage periods "
            "(Art. 13(1)(c), (e) and 13(2)(a) GDPR)."
        ),
    )
    rights = RichTextField(
        _("your rights"),
        features=TEXT_FEATURES,
        help_text=_("Access, rectification, erasure, restriction, objection and more."),
    )
    supervisory_authority = models.TextField(
        _("supervisory authority"),
        help_text=_("Where to complain (Art. 13(2)(d), Art. 77 GDPR)."),
    )
    supervisory_authority_url = models.URLField(
        _("supervisory authority's website"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("controller"), FieldPanel("controller_email")],
            heading=_("Controller"),
        ),
        FieldPanel("data_protection_officer"),
        FieldPanel("processing"),
        FieldPanel("rights"),
        MultiFieldPanel(
            [
                FieldPanel("supervisory_authority"),
                FieldPanel("supervisory_authority_url"),
            ],
            heading=_("Right to lodge a complaint"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*LegalPage.search_fields, index.SearchField("processing")]

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")


class AccessibilityStatementPage(LegalPage):
    """The accessibility statement (BITV 2.0 / LBGG SH; for Denmark the
    webtilgængelighedsloven): how accessible the portal is and where to turn."""

    class Status(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("self-assessment")
        THIRD_PARTY = "third_party", _("assessment by a third party")

    compliance_status = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PARTIAL,
    )
    non_accessible_content = StreamField(
        [("barrier", BarrierBlock())],
        blank=True,
        verbose_name=_("content that is not accessible"),
    )
    statement_date = models.DateField(_("date of the statement"))
    reviewed_at = models.DateField(_("last reviewed"), null=True, blank=True)
    assessment_method = models.CharField(
        _("assessment method"),
        max_length=16,
        choices=Method.choices,
        default=Method.SELF,
    )
    contact = models.TextField(
        _("contact for accessibility"),
        help_text=_(
            "Who answers reports of barriers; the feedback form is linked anyway."
        ),
    )
    enforcement_body = models.TextField(
        _("enforcement body"),
        help_text=_(
            "In Schleswig-Holstein: the complaints and conciliation body at the "
            "State Commissioner for People with Disabilities."
        ),
    )
    enforcement_url = models.URLField(_("enforcement body's website"), blank=True)
    enforcement_text = RichTextField(
        _("enforcement procedure"), blank=True, features=TEXT_FEATURES
    )
    danish_statement_url = models.URLField(
        _("statement on was.digst.dk"),
        blank=True,
        help_text=_(
            "The accessibility statement under the Danish web accessibility act, "
            "published with the Agency for Digital Government's service."
        ),
    )
    danish_enforcement_body = models.TextField(
        _("Danish enforcement body"),
        blank=True,
        help_text=_("In Denmark: the Agency for Digital Government."),
    )
    danish_enforcement_url = models.URLField(
        _("Danish enforcement body's website"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_accessible_content"),
            ],
            heading=_("Compliance status"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("statement_date"), FieldPanel("reviewed_at")]
                ),
                FieldPanel("assessment_method"),
            ],
            heading=_("Preparation of this statement"),
        ),
        FieldPanel("contact"),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_body"),
                FieldPanel("enforcement_url"),
                FieldPanel("enforcement_text"),
            ],
            heading=_("Enforcement procedure"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("danish_statement_url"),
                FieldPanel("danish_enforcement_body"),
                FieldPanel("danish_enforcement_url"),
            ],
            heading=_("Denmark (webtilgængelighedsloven)"),
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @property
    def has_danish_statement(self) -> bool:
        return bool(self.danish_statement_url or self.danish_enforcement_body)


#: The legal pages in the order the footer links them.
LEGAL_PAGE_MODELS = (LegalNoticePage, PrivacyNoticePage, AccessibilityStatementPage)
