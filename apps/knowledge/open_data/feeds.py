"""RSS 2.0 and Atom feeds of new and updated solutions, per language and per field
of action.

The language is the one of the address (``/da/feeds/rss/``); only live, public
solutions appear, the most recently published first.
https://docs.djangoproject.com/en/5.2/ref/contrib/syndication/
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from apps.knowledge import i18n
from apps.knowledge.models import FieldOfAction, SolutionPage
from apps.knowledge.models.pages import live_solutions
from apps.knowledge.models.snippets import public_version
from apps.knowledge.models.tags import tag_name
from apps.knowledge.public_url import absolute_url, page_full_url

FEED_LENGTH = 50


@dataclass
class FeedSubject:
    """What a feed is about: a language and maybe one field of action."""

    request: HttpRequest
    locale: Locale
    field: FieldOfAction | None


class SolutionsFeed(Feed):
    """New and updated solutions in the address's language (RSS 2.0)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, field: str | None = None):
        locale = Locale.get_active()
        field_of_action = None
        if field is not None:
            # The slug is the same in every language; an untranslated field of
            # action still has its solutions in this language.
            field_of_action = i18n.best_translation(
                FieldOfAction.objects.live()
                .filter(slug=field)
                .select_related("locale"),
                locale.language_code,
            )
            if field_of_action is None:
                raise Http404("Unknown field of action")
        return FeedSubject(request, locale, field_of_action)

    def title(self, obj: FeedSubject) -> str:
        if obj.field:
            return _("Smart border region: solutions in %(field)s") % {
                "field": obj.field.name
            }
        return _("Smart border region: new and updated solutions")

    def description(self, obj: FeedSubject) -> str:
        return _("New and updated solutions of the smart border region knowledge base.")

    def link(self, obj: FeedSubject) -> str:
        home = i18n.home_for_language(obj.request, obj.locale.language_code)
        return page_full_url(home, obj.request) if home else absolute_url("/")

    def feed_url(self, obj: FeedSubject) -> str:
        return absolute_url(obj.request.path)

    def items(self, obj: FeedSubject):
        solutions = live_solutions(obj.locale)
        if obj.field:
            solutions = solutions.filter(
                fields_of_action__field_of_action__translation_key=(
                    obj.field.translation_key
                )
            ).distinct()
        return solutions.prefetch_related(
            "fields_of_action__field_of_action", "tagged_items__tag__translations"
        ).order_by("-last_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item: SolutionPage) -> str:
        return item.title

    def item_description(self, item: SolutionPage) -> str:
        return item.teaser

    def item_link(self, item: SolutionPage) -> str:
        return item.full_url

    def item_guid(self, item: SolutionPage) -> str:
        return item.full_url

    def item_pubdate(self, item: SolutionPage):
        return item.first_published_at

    def item_updateddate(self, item: SolutionPage):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item: SolutionPage) -> str | None:
        lead = public_version(item.lead_organisation)
        return lead.name if lead else None

    def item_categories(self, item: SolutionPage) -> list[str]:
        fields = [
            field.name
            for field in (
                public_version(entry.field_of_action)
                for entry in item.fields_of_action.all()
            )
            if field is not None
        ]
        # Tags named in the feed's language where translated.
        language = i18n.active_language()
        return fields + [
            tag_name(entry.tag, language) for entry in item.tagged_items.all()
        ]


class SolutionsAtomFeed(SolutionsFeed):
    """The same solutions as an Atom 1.0 feed."""

    feed_type = Atom1Feed

    def subtitle(self, obj: FeedSubject) -> str:
        return self.description(obj)
