"""The Wagtail admin asks for the second factor before anything else."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from apps.security import two_factor

#: Admin pages a signed-in account reaches before its code is entered.
OPEN_BEFORE_VERIFICATION = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "security_two_factor_verify",
}
#: ... and, while it has no authenticator yet, the setup page.
OPEN_FOR_SETUP = {"security_two_factor_setup", "security_two_factor_confirm"}


class AdminTwoFactorMiddleware:
    """Admin pages wait for the code from the authenticator app.

    An account with a confirmed device is sent to the code page after its password;
    with ADMIN_2FA_REQUIRED an admin account without one is sent to the setup page.
    Runs after django-otp's OTPMiddleware, which knows whether the session is
    verified. The portal is not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.redirect_for(request) or self.get_response(request)

    def redirect_for(self, request: HttpRequest) -> HttpResponse | None:
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not user.has_perm("wagtailadmin.access_admin"):
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in OPEN_BEFORE_VERIFICATION:
            return None
        if two_factor.is_enrolled(user):
            return redirect_to_login(
                request.get_full_path(), reverse("security_two_factor_verify")
            )
        if two_factor.required() and url_name not in OPEN_FOR_SETUP:
            return redirect_to_login(
                request.get_full_path(), reverse("security_two_factor_setup")
            )
        return None


class RejectNulCharactersMiddleware:
    """An address with a NUL character is a bad request, not a database error.

    PostgreSQL refuses NUL in text, so a ``%00`` in a path or query parameter would
    otherwise reach a query and fail as a server error. Form fields refuse NUL on
    their own (Django's ProhibitNullCharactersValidator). The APIs get the message
    as JSON, ``{"message": "..."}``, like their other bad requests.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = _("The address contains a character that is not allowed (NUL).")
            if request.path_info.startswith("/api/"):
                # The APIs' error shape (Wagtail API v2's BadRequestError).
                return JsonResponse({"message": message}, status=HTTPStatus.BAD_REQUEST)
            return HttpResponseBadRequest(
                message, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
