"""Admin views of search upkeep: searches without results and the engine status,
and the synonyms brought up to date when the term list changes."""

from __future__ import annotations

from django.db import transaction
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from apps.knowledge.models import PendingIndexUpdate, TermGroup, ZeroResultQuery
from apps.knowledge.search import engine
from apps.knowledge.search.rebuild import update_synonyms_task


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


def search_report_urlpatterns() -> list:
    """The report of searches without results, and its results-only fragment."""
    return [
        path(
            "reports/searches-without-results/",
            ZeroResultQueriesReportView.as_view(),
            name="knowledge_zero_result_queries",
        ),
        path(
            "reports/searches-without-results/results/",
            ZeroResultQueriesReportView.as_view(results_only=True),
            name="knowledge_zero_result_queries_results",
        ),
    ]


def update_synonyms_after_term_list_change(request, instance) -> None:
    """After a term group is created, edited or deleted in the snippet admin."""
    # Elasticsearch holds the synonyms in its analyzers; the database backends
    # read the term list at each search.
    instances = instance if isinstance(instance, list) else [instance]
    if any(isinstance(item, TermGroup) for item in instances):
        transaction.on_commit(update_synonyms_task.enqueue)
