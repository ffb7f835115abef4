"""Admin views of search upkeep: searches without results and the engine status."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from apps.knowledge.models import PendingIndexUpdate, ZeroResultQuery
from apps.knowledge.search import engine


class ZeroResultQueriesReportView(ReportView):
    """Portal searches that found nothing, most frequent first: gaps to fill."""

    page_title = _("Searches without results")
    header_icon = "search"
    index_url_name = "knowledge_zero_result_queries"
    index_results_url_name = "knowledge_zero_result_queries_results"
    model = ZeroResultQuery
    columns = [
        Column("query", label=_("Query")),
        Column("language", label=_("Language")),
        Column("count", label=_("Searches")),
        DateColumn("first_seen", label=_("First seen")),
        DateColumn("last_seen", label=_("Last seen")),
    ]
    list_export = ["query", "language", "count", "first_seen", "last_seen"]

    def get_queryset(self):
        return ZeroResultQuery.objects.order_by("-count", "-last_seen", "query")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["search_status"] = search_status()
        return context


def search_status() -> dict:
    """Whether the portal searches its configured engine, and what is pending."""
    backend, fallback = engine.portal_backend()
    return {
        "engine": engine.backend_name(backend),
        "fallback": fallback,
        # A failed search (a missing index, an overloaded cluster) while the
        # engine still answers pings.
        "failure": engine.last_failure(),
        "pending": PendingIndexUpdate.objects.count(),
    }


class SearchStatusPanel(Component):
    """Dashboard warning while the search engine fails or updates are pending."""

    name = "search_status"
    order = 50
    template_name = "knowledge/admin/search_status_panel.html"

    def get_context_data(self, parent_context=None):
        return {"status": search_status()}
