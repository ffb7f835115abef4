"""Server errors: while the database is unreachable (restarting, failing over) the
visitor gets a 503 in their language with ``Retry-After``, not a 500.

``handler500`` runs inside Django's exception handling, so the error that got there
is ``sys.exc_info()``; whichever layer raised it (a view, the session or the
authentication middleware), it ends here. The page needs no database.
https://docs.djangoproject.com/en/5.2/ref/views/#the-500-server-error-view
"""

from __future__ import annotations

import sys
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import requires_csrf_token

from apps.knowledge.portal.views import server_error as portal_server_error

#: Seconds after which a client may try again; a restart takes a few.
RETRY_AFTER_SECONDS = 10
#: Errors that mean "the database cannot be reached right now", not a bug.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def _language(request: HttpRequest) -> str:
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``: HTML for the portal, JSON for the APIs."""
    with translation.override(_language(request)):
        if request.path_info.startswith(("/api/", "/opendata/")):
            response = JsonResponse(
                {
                    "error": gettext(
                        "The knowledge base is briefly unavailable. "
                        "Please try again in a minute."
                    )
                },
                status=HTTPStatus.SERVICE_UNAVAILABLE,
            )
        else:
            response = render(
                request,
                "503.html",
                {"retry_after": RETRY_AFTER_SECONDS},
                status=HTTPStatus.SERVICE_UNAVAILABLE,
            )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database outage is a 503, anything else the portal's 500."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        return database_unavailable(request)
    return portal_server_error(request)
