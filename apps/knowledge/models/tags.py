"""Tag names in the visitor's language.

Solutions carry django-taggit tags. wagtail-localize copies a page's tags to its
translations unchanged (they are a synchronised child relation), so a Danish page
translated from German shows the German tag words. A tag translation gives a tag
its name in another portal language; the portal, the search facets, the search
index, the API and the exports use it and fall back to the tag's own name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag


class TagTranslation(models.Model):
    """A tag's name in one portal language, edited on the tag in the admin."""

    tag = models.ForeignKey(
        Tag,
        verbose_name=_("tag"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("tag translation")
        verbose_name_plural = _("tag translations")
        ordering = ["tag", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "language"], name="unique_tag_translation_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


@dataclass(frozen=True)
class ShownTag:
    """A tag as a visitor sees it: the name in their language, the canonical slug."""

    slug: str
    name: str


def translated_names(tag_ids: Iterable[int], language: str) -> dict[int, str]:
    """{tag id: name in ``language``} for the tags that have one; one query."""
    ids = list(dict.fromkeys(tag_ids))
    if not ids:
        return {}
    return dict(
        TagTranslation.objects.filter(tag_id__in=ids, language=language).values_list(
            "tag_id", "name"
        )
    )


def shown_tags(tags: Iterable[Tag], language: str) -> list[ShownTag]:
    """``tags`` named in ``language`` where translated, sorted by the shown name.

    Whatever the number of tags, this costs one query for the translations (and
    none for the tags if they were prefetched).
    """
    tags = list(tags)
    prefetched = all(
        "translations" in getattr(tag, "_prefetched_objects_cache", {}) for tag in tags
    )
    if prefetched:  # prefetch_related("tags__translations") fetched them already
        names = {tag.pk: tag_name(tag, language) for tag in tags}
    else:
        names = translated_names((tag.pk for tag in tags), language)
    shown = [ShownTag(slug=tag.slug, name=names.get(tag.pk, tag.name)) for tag in tags]
    return sorted(shown, key=lambda tag: tag.name.casefold())


def tag_name(tag: Tag, language: str) -> str:
    """``tag``'s name in ``language``, else its own; uses prefetched translations
    (``prefetch_related("tagged_items__tag__translations")``) for lists."""
    for translation in tag.translations.all():
        if translation.language == language:
            return translation.name
    return tag.name
