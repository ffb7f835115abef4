"""The portfolio in figures on the admin dashboard (issue 16).

The same figures as the portal's statistics page
(:mod:`apps.knowledge.portal.figures`), named in the admin user's language
(Wagtail activates the language chosen in the account settings). They count the
published solutions in German, the source language every solution starts in (the
portal's Danish and English pages count their own translations), with links to
the statistics page in each language.
"""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from apps.knowledge import content_cache
from apps.knowledge.models import StatisticsPage
from apps.knowledge.portal.figures import portfolio_figures, solutions_counted
from apps.knowledge.visibility import visible


class FiguresPanel(Component):
    """Dashboard panel: the published solutions counted per field, phase, country,
    authority and year, and the budgets per currency."""

    name = "portfolio_figures"
    order = 150
    template_name = "knowledge/admin/figures_panel.html"

    def get_context_data(self, parent_context=None):
        locale = content_cache.default_locale()
        figures = portfolio_figures(locale)
        pages = visible(StatisticsPage.objects).select_related("locale")
        return {
            "figures": figures,
            "total": solutions_counted(figures),
            "statistics_pages": sorted(
                pages,
                key=lambda page: page.locale.language_code != locale.language_code,
            ),
            "language_code": locale.language_code,
        }
