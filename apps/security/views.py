"""Views: the lockout answer to too many failed logins, and the admin's 2FA pages."""

from __future__ import annotations

import logging
import math
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView
from django_otp import login as otp_login
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from apps.security import two_factor
from apps.security.forms import SetupCodeForm, VerifyCodeForm

logger = logging.getLogger(__name__)

# -- login throttling ------------------------------------------------------------


def lockout_message() -> str:
    """What a locked-out visitor reads, in their language."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, math.ceil(float(cool_off) * 60)) if cool_off else 0
    if not minutes:
        return str(
            _(
                "Too many failed login attempts. This account is locked; please "
                "contact the Digitalagentur."
            )
        )
    return ngettext(
        "Too many failed login attempts. Please wait %(minutes)d minute and try again.",
        "Too many failed login attempts. Please wait %(minutes)d minutes and try "
        "again.",
        minutes,
    ) % {"minutes": minutes}


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """django-axes' lockout response: the login page again, with the reason.

    The login form the visitor used (the admin's or the partner portal's) is shown
    again with the user name still filled in and the lockout as its only error.
    """
    message = lockout_message()
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and form is not None:
        form._errors = {NON_FIELD_ERRORS: form.error_class([message])}
        original_response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        original_response.content = original_response.rendered_content
        return original_response
    return render(
        request,
        "security/locked_out.html",
        {"message": message},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


# -- two-factor authentication ---------------------------------------------------


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(
        REDIRECT_FIELD_NAME, ""
    )
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@sensitive_post_parameters("otp_token")
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the authenticator app or a recovery code."""
    if request.user.is_verified() or not two_factor.is_enrolled(request.user):
        return redirect(_safe_next(request))
    form = VerifyCodeForm(
        request.user, request.POST if request.method == "POST" else None
    )
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, form.device)
            if form.device.persistent_id.startswith("otp_static"):
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)d is left. Set up your "
                        "authenticator again to get new ones.",
                        "You used a recovery code; %(count)d are left. Set up your "
                        "authenticator again to get new ones.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_safe_next(request))
        status = HTTPStatus.BAD_REQUEST
    return render(
        request,
        "security/two_factor_verify.html",
        {"form": form, "next": _safe_next(request)},
        status=status,
    )


class SetupView(WagtailAdminTemplateMixin, FormView):
    """Account area: connect an authenticator app by QR code and a first code."""

    template_name = "security/two_factor_setup.html"
    form_class = SetupCodeForm
    page_title = _("Two-factor authentication")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.device = two_factor.pending_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            enrolled=two_factor.is_enrolled(user),
            required=two_factor.required(),
            qr_code=two_factor.qr_code_svg(self.device),
            secret=two_factor.secret(self.device),
            recovery_codes_left=two_factor.recovery_codes_left(user),
        )

    def form_valid(self, form):
        # Switched on only from the link in the mail: the password alone is not
        # enough to put an authenticator on the account.
        try:
            two_factor.send_setup_link(self.request, self.device)
        except OSError:  # SMTPException and connection errors
            logger.exception(
                "Could not mail the 2FA setup link to %s", form.device.user
            )
            form.add_error(
                None,
                _(
                    "The confirmation mail could not be sent. Please try again in a "
                    "few minutes."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = HTTPStatus.SERVICE_UNAVAILABLE
            return response
        return render(
            self.request,
            "security/two_factor_mail_sent.html",
            {
                "page_title": self.page_title,
                "header_icon": self.header_icon,
                "email": self.request.user.email,
                "minutes": two_factor.SETUP_LINK_MAX_AGE // 60,
            },
        )

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = HTTPStatus.BAD_REQUEST
        return response


setup = sensitive_post_parameters("password", "otp_token")(
    never_cache(SetupView.as_view())
)


@never_cache
def confirm_setup(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the setup mail: switch the authenticator on, show the
    recovery codes."""
    device = two_factor.device_from_setup_link(token, request.user)
    if device is None:
        messages.error(
            request,
            _(
                "This confirmation link is not valid or has expired. Please set up "
                "your authenticator again."
            ),
        )
        return redirect("security_two_factor_setup")
    codes = two_factor.confirm(device)
    otp_login(request, device)
    messages.success(request, _("Two-factor authentication is on for your account."))
    return render(
        request,
        "security/two_factor_done.html",
        {
            "page_title": SetupView.page_title,
            "header_icon": SetupView.header_icon,
            "recovery_codes": codes,
        },
    )
