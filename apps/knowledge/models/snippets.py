"""Translatable snippets: fields of action, organisations and contacts.

Each has drafts, revisions and a workflow, like pages: a translation (any language
but the default, German) is saved as a draft and goes live only when a reviewer of
its language approves it (``apps.workflow``'s translation review). Public channels
show live rows only (``live=True``); see ``LiveSnippetQuerySet``. The workflow
app puts its "Translation review" panel on top of their ``panels``
(``WorkflowConfig.ready``): this app never imports it.
https://docs.wagtail.org/en/stable/topics/snippets/features.html#saving-draft-changes-of-snippets
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from apps.knowledge import content_cache
from apps.knowledge.choices import (
    Country,
    Language,
    OrganisationKind,
    Owner,
    Pictogram,
    PublicationConsent,
)
from apps.knowledge.forms import ContactForm, OwnedSnippetForm
from apps.knowledge.models.regional_keys import RegionalKeysMixin

# German and Danish letters spelt out, so "Sønderborg" becomes "soenderborg"
# instead of losing the letter ("snderborg").
_SPELL_OUT = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "Æ": "Ae",
        "Ø": "Oe",
        "Å": "Aa",
    }
)


def slug_from_name(name: str, max_length: int = 200) -> str:
    """An ASCII slug for a German, Danish or English name."""
    return slugify(name.translate(_SPELL_OUT))[:max_length]


class SnippetQuerySet(models.QuerySet):
    """Queries of the portal and the open-data channels: live snippets only."""

    def live(self) -> SnippetQuerySet:
        return self.filter(live=True)

    def public_in(self, locale) -> SnippetQuerySet:
        """Live snippets in ``locale``; where the translation into ``locale`` is
        still a draft (awaiting review), its live default-language version."""
        default = content_cache.default_locale()
        own = Q(locale=locale, live=True)
        if locale.pk == default.pk:
            return self.filter(own)
        drafts = self.model._default_manager.filter(locale=locale, live=False)
        return self.filter(
            own
            | Q(
                locale=default,
                live=True,
                translation_key__in=drafts.values("translation_key"),
            )
        )


class SnippetModerationMixin(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    models.Model,
):
    """Drafts, revisions, locking, workflows and translations for a snippet."""

    objects = SnippetQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def public_version(self):
        """What the public sees of this snippet: itself if live, else the live
        version in the default language (a translation awaiting review shows the
        source instead), else None."""
        if self.live:
            return self
        from wagtail.models import Locale

        return (
            type(self)
            .objects.filter(
                translation_key=self.translation_key,
                locale_id=Locale.get_default().pk,
                live=True,
            )
            .first()
        )


# Public mail services: an address there says nothing about the organisation.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "posteo.de",
        "mail.dk",
        "jubii.dk",
        "hotmail.dk",
    }
)
_DOMAIN = re.compile(
    r"(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
)


def split_domains(value: str) -> list[str]:
    """The domains in a comma- or space-separated list, lower case."""
    return [part.lower() for part in re.split(r"[\s,;]+", value or "") if part]


def validate_member_email_domains(value: str) -> None:
    """Each entry a domain name (no addresses, no wildcards, no public service)."""
    for domain in split_domains(value):
        if not _DOMAIN.fullmatch(domain):
            raise ValidationError(
                _("'%(domain)s' is not a domain name such as flensburg.de."),
                params={"domain": domain},
            )
        if domain in PUBLIC_MAIL_DOMAINS:
            raise ValidationError(
                _(
                    "%(domain)s is a public mail service: anyone can have an "
                    "address there."
                ),
                params={"domain": domain},
            )


def owner_field() -> models.CharField:
    """Who maintains a shared record (``apps.knowledge.ownership``)."""
    return models.CharField(
        _("owner"),
        max_length=40,
        choices=Owner.choices,
        default=Owner.DIGITALAGENTUR,
        help_text=_(
            "The authority whose editors maintain this record in every language; "
            "the Digitalagentur maintains every record."
        ),
    )


# The owner is the same in every language; translators do not change it.
OWNER_SYNCHRONIZED = SynchronizedField("owner", overridable=False)


def public_version(snippet):
    """``snippet.public_version()``, for a snippet or None."""
    return snippet.public_version() if snippet is not None else None


class FieldOfAction(SnippetModerationMixin, index.Indexed, models.Model):
    """A field of action (Handlungsfeld), the backbone of the taxonomy."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("Stays the same in every language; used in filter addresses."),
    )
    description = models.TextField(_("description"), blank=True)
    cross_cutting = models.BooleanField(
        _("cross-cutting"),
        default=False,
        help_text=_("Cross-cutting topics such as open data or public services."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    pictogram = models.CharField(
        _("pictogram"),
        max_length=30,
        choices=Pictogram.choices,
        default=Pictogram.GENERIC,
        help_text=_(
            "The symbol shown next to the name on theme pages, links and cards."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("cross_cutting"),
        FieldPanel("sort_order"),
        FieldPanel("pictogram"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]
    # The slug is part of filter addresses and must not be translated; the
    # pictogram is the same in every language.
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("pictogram", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="unique_field_of_action_slug_per_locale",
                violation_error_message=_(
                    "Another field of action in this language already has this slug."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(
    SnippetModerationMixin, RegionalKeysMixin, index.Indexed, models.Model
):
    """An organisation in solutions: authority, municipality, Verein, company."""

    base_form_class = OwnedSnippetForm

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        blank=True,
        help_text=_("Address of the organisation page; filled from the name if empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.GERMANY
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner = owner_field()
    member_email_domains = models.CharField(
        _("member e-mail domains"),
        max_length=500,
        blank=True,
        validators=[validate_member_email_domains],
        help_text=_(
            "Optional. Someone who registers for this organisation with a "
            "confirmed address at one of these domains (e.g. flensburg.de; several "
            "separated by commas) becomes a member at once; anyone else waits for "
            "approval. Only the organisation's own domains, no public mail services."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("description"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("regional_key"),
                FieldPanel("municipality_key"),
                FieldPanel("danish_municipality_code"),
            ],
            heading=_("Official keys of its territory"),
        ),
        FieldPanel("logo"),
        FieldPanel("owner"),
        FieldPanel("member_email_domains"),
    ]
    # The same in every language; translators change none of them.
    override_translatable_fields = [
        OWNER_SYNCHRONIZED,
        SynchronizedField("member_email_domains", overridable=False),
        *(
            SynchronizedField(name, overridable=False)
            for name in RegionalKeysMixin.REGIONAL_KEY_FIELDS
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("country"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # The slug is the address of the organisation page in the directory.
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="unique_organisation_slug_per_locale",
                violation_error_message=_(
                    "Another organisation in this language already has this slug."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_from_name(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.clean_regional_keys(country=self.country)
        # Filled here as well as in save() so that the check below sees the slug
        # that will be stored.
        if not self.slug:
            self.slug = slug_from_name(self.name)
        # Checked here, on the slug field, because the admin form has no locale
        # field and Django skips the database constraint's check without it.
        taken = (
            Organisation.objects.filter(locale_id=self.locale_id, slug=self.slug)
            .exclude(pk=self.pk)
            .exists()
        )
        if self.locale_id and taken:
            raise ValidationError(
                {
                    "slug": _(
                        "Another organisation in this language already has this slug."
                    )
                }
            )

    @property
    def is_danish(self) -> bool:
        return self.country == Country.DENMARK

    def member_domains(self) -> set[str]:
        """The allow-listed domains of ``member_email_domains``, lower case."""
        return set(split_domains(self.member_email_domains))


class Contact(SnippetModerationMixin, index.Indexed, models.Model):
    """A person partners can contact about a solution."""

    base_form_class = ContactForm

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent = models.CharField(
        _("consent to publication"),
        max_length=8,
        choices=PublicationConsent.choices,
        default=PublicationConsent.NONE,
        help_text=_("What the person agreed the portal may show about them."),
    )
    consent_recorded_at = models.DateField(
        _("consent recorded on"), null=True, blank=True
    )
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("Language codes, e.g. de, da, en."),
    )
    owner = owner_field()

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("languages"),
        FieldPanel("consent"),
        FieldPanel("consent_recorded_at"),
        FieldPanel("owner"),
    ]
    override_translatable_fields = [OWNER_SYNCHRONIZED]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.languages, list):
            raise ValidationError(
                {"languages": _("Give the languages as a list of language codes.")}
            )
        known = set(Language.values)
        unknown = [code for code in self.languages if code not in known]
        if unknown:
            raise ValidationError(
                {
                    "languages": _("Unknown language codes: %(codes)s")
                    % {"codes": ", ".join(unknown)}
                }
            )

    @property
    def shows_name(self) -> bool:
        return self.consent in {PublicationConsent.NAME, PublicationConsent.FULL}

    @property
    def shows_details(self) -> bool:
        return self.consent == PublicationConsent.FULL

    def get_language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages or []]
