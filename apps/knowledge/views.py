"""Portal views that are not pages: search and the error pages."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Locale

from apps.knowledge.models import SolutionPage
from apps.knowledge.models.pages import paginate


def search(request):
    query = request.GET.get("q", "").strip()
    results = None
    if query:
        locale = Locale.get_active()
        solutions = SolutionPage.objects.live().public().filter(locale=locale)
        results = paginate(request, solutions.search(query))
    return render(
        request, "knowledge/search.html", {"query": query, "results": results}
    )


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    return render(request, "500.html", status=500)
