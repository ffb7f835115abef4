"""Search upkeep kept by editors: the term list (synonyms, glossary) and gap log."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from apps.knowledge.choices import Language

#: Longest query text kept in the zero-result log.
QUERY_MAX_LENGTH = 200


class TermGroup(ClusterableModel):
    """Terms that mean the same thing in German, Danish and English."""

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What the terms mean, for editors, e.g. “public transport”."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Context or usage advice for translators.")
    )
    use_as_synonyms = models.BooleanField(
        _("use as search synonyms"),
        default=True,
        help_text=_("A search for one of the terms also finds the others."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("use_as_synonyms"),
        FieldPanel("note"),
        InlinePanel("terms", label=_("Terms"), min_num=1),
    ]

    class Meta:
        verbose_name = _("term group")
        verbose_name_plural = _("term groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def term_list(self) -> str:
        """The group's terms, comma separated, for the admin listing."""
        return ", ".join(term.text for term in self.terms.all())


class Term(Orderable):
    """One word or phrase of a term group in one language."""

    group = ParentalKey(TermGroup, related_name="terms", on_delete=models.CASCADE)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default="de"
    )
    text = models.CharField(_("term"), max_length=120)

    panels = [FieldPanel("language"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return self.text


class ZeroResultQuery(models.Model):
    """A portal search that found nothing: a gap in the knowledge base.

    Holds only the normalised query text and the language, never who searched.
    """

    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=8)
    count = models.PositiveIntegerField(_("searches"), default=1)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        ordering = ["-count", "-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language"], name="unique_zero_result_query"
            )
        ]

    def __str__(self) -> str:
        return self.query

    @classmethod
    def record(cls, query: str, language: str) -> None:
        """Count one more search for ``query`` that found nothing."""
        text = normalise_query(query)
        if not text:
            return
        now = timezone.now()
        updated = cls.objects.filter(query=text, language=language).update(
            count=F("count") + 1, last_seen=now
        )
        if not updated:
            cls.objects.get_or_create(
                query=text,
                language=language,
                defaults={"first_seen": now, "last_seen": now},
            )


def normalise_query(query: str) -> str:
    """Lower case, single spaces, cut to the stored length."""
    return " ".join(query.lower().split())[:QUERY_MAX_LENGTH]


class PendingIndexUpdate(models.Model):
    """An index change Elasticsearch missed while unreachable; replayed later."""

    class Action(models.TextChoices):
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=255)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_pending_index_update"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type_id}:{self.object_id}"
