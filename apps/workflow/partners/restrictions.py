"""Partner accounts do not count as "logged-in users" for Wagtail's view restrictions.

Wagtail's "Private, accessible to logged-in users" restriction
(``PageViewRestriction.LOGIN``, and the same on collections of documents) lets any
authenticated account in. Anyone can open a partner account through the portal, so
such a restriction would protect nothing. Pages and documents restricted this way are
therefore served only to accounts without a partner profile (editors, moderators,
other staff) and to partner accounts that also have access to the admin.
Password and group restrictions are left to Wagtail.
https://docs.wagtail.org/en/stable/reference/hooks.html#before-serve-page
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.models import BaseViewRestriction, Page


def counts_as_logged_in(user) -> bool:
    """Whether ``user`` passes a "logged-in users" restriction."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "partner_profile"):
        return True
    return user.has_perm("wagtailadmin.access_admin")


def _refused(request: HttpRequest) -> HttpResponse:
    response = render(
        request, "workflow/portal/restricted.html", status=HTTPStatus.FORBIDDEN
    )
    add_never_cache_headers(response)
    return response


def _login_restricted(restrictions) -> bool:
    return any(r.restriction_type == BaseViewRestriction.LOGIN for r in restrictions)


def refuse_partner_on_login_restriction(
    page: Page, request: HttpRequest, *args, **kwargs
) -> HttpResponse | None:
    """``before_serve_page``: runs before Wagtail's own restriction check, which
    still sends anonymous visitors to the login."""
    user = request.user
    if not user.is_authenticated or counts_as_logged_in(user):
        return None
    if _login_restricted(page.get_view_restrictions()):
        return _refused(request)
    return None


def refuse_partner_on_login_restricted_document(
    document, request: HttpRequest
) -> HttpResponse | None:
    """``before_serve_document``: the same rule for documents in a collection
    restricted to logged-in users."""
    user = request.user
    if not user.is_authenticated or counts_as_logged_in(user):
        return None
    if _login_restricted(document.collection.get_view_restrictions()):
        return _refused(request)
    return None
