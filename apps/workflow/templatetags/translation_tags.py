"""The portal's notice on a language version that is older than its original, and
the translation editor's "Submit translation for review" action."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language_info
from wagtail.models import Page, Site

from apps.knowledge import content_cache
from apps.knowledge.i18n import organisation_language_urls
from apps.knowledge.models import ContactDirectoryPage, Organisation
from apps.workflow.moderation.translation_status import LanguageVersionState, group_of
from apps.workflow.moderation.views import submit_translation_url

register = template.Library()


@register.inclusion_tag(
    "knowledge/includes/outdated_translation_notice.html", takes_context=True
)
def outdated_translation_notice(context, obj) -> dict:
    """Tell readers when ``obj`` (a page or snippet) lags behind its original.

    Links to the original in its language where it has a portal address: a page's
    own, an organisation's page in the contact directory (``context["page"]``).
    """
    if obj is None or not hasattr(obj, "translation_key"):
        return {"show": False}
    request = context.get("request")
    if getattr(request, "is_preview", False):
        return _notice(context, obj)
    # Kept until the content changes: publishing, and wagtail-localize's records of
    # a translation (apps.knowledge.portal.page_cache.CONTENT_MODELS), bump the version.
    site = Site.find_for_request(request)
    page = context.get("page")
    return content_cache.remember(
        "outdated-translation-notice",
        lambda: _notice(context, obj),
        obj._meta.label_lower,
        obj.pk,
        site.pk if site else "",
        page.pk if page is not None else "",
    )


def _notice(context, obj) -> dict:
    group = group_of(obj)
    if group is None:
        return {"show": False}
    version = group.versions.get(obj.locale.language_code)
    if version is None or version.status != LanguageVersionState.OUTDATED:
        return {"show": False}
    source = group.source
    code = source.locale.language_code
    return {
        "show": True,
        "source_language": code,
        "source_language_name": get_language_info(code)["name_translated"],
        "source_language_local": get_language_info(code)["name_local"],
        "source_url": _source_url(context, source),
    }


def _source_url(context, source) -> str:
    request = context.get("request")
    if isinstance(source, Page):
        source = source.specific
        return (source.get_url(request) or "") if source.live else ""

    page = context.get("page")
    if isinstance(source, Organisation) and isinstance(page, ContactDirectoryPage):
        urls = organisation_language_urls(page, source)
        return urls.get(source.locale.language_code, "")
    return ""


@register.inclusion_tag("workflow/admin/submit_translation_footer.html")
def submit_translation_footer(page, user) -> dict:
    """wagtail-localize's editor (a React app) has no "Submit for moderation" in its
    footer; this puts ``SubmitTranslationView``'s action there as the main one."""
    return {"url": submit_translation_url(page, user)}
