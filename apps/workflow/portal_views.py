"""Portal views for partners: log in, register, submit, follow and answer reviews."""

from __future__ import annotations

import logging
from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from apps.workflow import accounts
from apps.workflow.forms import (
    AcceptInvitationForm,
    PartnerLoginForm,
    RegistrationForm,
    SubmissionForm,
    email_taken,
)
from apps.workflow.models import OutboxMessage, PartnerInvitation, PartnerProfile
from apps.workflow.similar import similar_solutions
from apps.workflow.spam import RateLimit
from apps.workflow.submissions import (
    NoAreaError,
    Status,
    content_from_page,
    create_submission,
    organisation_submissions,
    resubmit,
    status_of,
    summaries,
)
from apps.workflow.uploads import UploadStash

logger = logging.getLogger(__name__)

EDITABLE = {Status.CHANGES_REQUESTED, Status.DRAFT}
LOGIN_URL = reverse_lazy("partner:login")


def _profile(user) -> PartnerProfile | None:
    try:
        return user.partner_profile
    except PartnerProfile.DoesNotExist:
        return None


def partner_required(view):
    """Only logged-in partner accounts; others log in or are told why not."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        profile = _profile(request.user)
        if profile is None:
            return render(
                request,
                "workflow/portal/not_partner.html",
                status=HTTPStatus.FORBIDDEN,
            )
        request.partner = profile
        return view(request, *args, **kwargs)

    return wrapper


def verified_required(view):
    """Only partners who have confirmed their e-mail address."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.partner.is_verified:
            return render(
                request,
                "workflow/portal/verify_required.html",
                status=HTTPStatus.FORBIDDEN,
            )
        return view(request, *args, **kwargs)

    return partner_required(wrapper)


# -- log in and out --------------------------------------------------------------


class PartnerLoginView(auth_views.LoginView):
    """Django's login view with the portal's template."""

    template_name = "workflow/portal/login.html"
    authentication_form = PartnerLoginForm
    next_page = reverse_lazy("partner:submissions")


class PartnerLogoutView(auth_views.LogoutView):
    """Django's logout (POST only); back to the portal's home page."""

    def get_default_redirect_url(self) -> str:
        return f"/{get_language()}/"


# -- accounts --------------------------------------------------------------------


def register(request: HttpRequest) -> HttpResponse:
    """Self-registration of a partner, with e-mail verification."""
    limit = RateLimit.for_action("registration")
    status = HTTPStatus.OK
    form = RegistrationForm(request.POST or None, locale=Locale.get_active())
    if request.method == "POST":
        if form.is_valid() and limit.is_exceeded(request):
            form.add_error(None, limit.message)
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif form.is_valid():
            profile = accounts.register(form, get_language())
            limit.record(request)
            login(
                request,
                profile.user,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            mail_sent = _send_verification(profile)
            return render(
                request,
                "workflow/portal/registered.html",
                {"profile": profile, "mail_sent": mail_sent},
            )
        else:
            status = HTTPStatus.BAD_REQUEST
    return render(
        request, "workflow/portal/register.html", {"form": form}, status=status
    )


def _send_verification(profile: PartnerProfile) -> bool:
    """Queue the confirmation mail; False if the mail server cannot be reached now
    (the mail stays in the outbox and ``retry_outbox`` sends it later)."""
    message = accounts.send_verification(profile)
    if message is None:
        return False
    message.refresh_from_db(fields=["status"])
    return message.status != OutboxMessage.Status.FAILED


@require_POST
@partner_required
def resend_verification(request: HttpRequest) -> HttpResponse:
    limit = RateLimit.for_action("registration")
    if limit.is_exceeded(request):
        messages.error(request, limit.message)
    elif _send_verification(request.partner):
        limit.record(request)
        messages.success(request, _("We have sent you a new confirmation link."))
    else:
        messages.error(
            request, _("The e-mail could not be sent. Please try again later.")
        )
    return redirect("partner:submit")


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    profile = accounts.verify(token)
    status = HTTPStatus.OK if profile else HTTPStatus.NOT_FOUND
    return render(
        request, "workflow/portal/verified.html", {"profile": profile}, status=status
    )


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = PartnerInvitation.objects.filter(token=token).first()
    if invitation is None or not accounts.invitation_is_valid(invitation):
        return render(
            request,
            "workflow/portal/invitation_invalid.html",
            status=HTTPStatus.NOT_FOUND,
        )
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    status = HTTPStatus.OK
    if request.method == "POST":
        if accounts_exists := email_taken(invitation.email):
            form.add_error(
                None,
                _("An account with this e-mail address exists already. Log in."),
            )
        if not accounts_exists and form.is_valid():
            profile = accounts.accept_invitation(invitation, form)
            login(
                request,
                profile.user,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            messages.success(request, _("Welcome! Your partner account is ready."))
            return redirect("partner:submit")
        status = HTTPStatus.BAD_REQUEST
    return render(
        request,
        "workflow/portal/invitation_accept.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


# -- submissions -----------------------------------------------------------------


def _render_submission_form(
    request, template: str, context: dict, status: int = HTTPStatus.OK
) -> HttpResponse:
    return render(request, f"workflow/portal/{template}", context, status=status)


@verified_required
def submit(request: HttpRequest) -> HttpResponse:
    """The submission form; a first POST shows similar solutions before submitting."""
    profile = request.partner
    locale = Locale.get_active()
    stash = UploadStash(request)
    context: dict = {"similar": []}
    status = HTTPStatus.OK
    if request.method != "POST":
        form = SubmissionForm(profile=profile, locale=locale, stash=stash)
        return _render_submission_form(
            request, "submit.html", {**context, "form": form}
        )

    form = SubmissionForm(
        request.POST, request.FILES, profile=profile, locale=locale, stash=stash
    )
    valid = form.is_valid()
    form.keep_uploads()
    limit = RateLimit.for_action("submission")
    if not valid:
        status = HTTPStatus.BAD_REQUEST
    elif limit.is_exceeded(request):
        form.add_error(None, limit.message)
        status = HTTPStatus.TOO_MANY_REQUESTS
    else:
        content = form.content()
        if not request.POST.get("confirm"):
            context["similar"] = similar_solutions(
                content.title, content.teaser, locale
            )
        if not context["similar"]:
            try:
                submission = create_submission(profile, content, locale)
            except NoAreaError:
                form.add_error(
                    None,
                    _(
                        "Submissions in this language are not possible yet. "
                        "Please choose another language."
                    ),
                )
                status = HTTPStatus.BAD_REQUEST
            else:
                limit.record(request)
                form.discard_uploads()
                messages.success(
                    request,
                    _("Thank you! “%(title)s” has been submitted for review.")
                    % {"title": submission.page.title},
                )
                return redirect("partner:submissions")
    return _render_submission_form(
        request, "submit.html", {**context, "form": form}, status
    )


@partner_required
def my_submissions(request: HttpRequest) -> HttpResponse:
    """Submissions of the partner's organisation with their status and comments."""
    return render(
        request,
        "workflow/portal/submissions.html",
        {"rows": summaries(request.partner), "profile": request.partner},
    )


@verified_required
def edit_submission(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a change request: edit the submission and send it back to review."""
    profile = request.partner
    # Another organisation's submission does not exist as far as this partner knows.
    submission = get_object_or_404(organisation_submissions(profile), pk=pk)
    page = submission.page.specific
    if status_of(page) not in EDITABLE:
        messages.info(
            request, _("This submission cannot be edited while it is in review.")
        )
        return redirect("partner:submissions")
    stash = UploadStash(request)
    status = HTTPStatus.OK
    if request.method == "POST":
        form = SubmissionForm(
            request.POST,
            request.FILES,
            profile=profile,
            locale=page.locale,
            stash=stash,
        )
        valid = form.is_valid()
        form.keep_uploads()
        if valid:
            resubmit(submission, form.content(), request.user)
            form.discard_uploads()
            messages.success(
                request,
                _("Thank you! Your changes to “%(title)s” are back in review.")
                % {"title": form.cleaned_data["title"]},
            )
            return redirect("partner:submissions")
        status = HTTPStatus.BAD_REQUEST
    else:
        form = SubmissionForm(
            initial=content_from_page(submission),
            profile=profile,
            locale=page.locale,
            stash=stash,
        )
    return _render_submission_form(
        request,
        "edit.html",
        {"form": form, "submission": submission, "solution": page},
        status,
    )
