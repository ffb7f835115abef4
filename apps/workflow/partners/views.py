"""Portal views for partners: log in, register, submit, follow and answer reviews."""

from __future__ import annotations

import logging
from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from apps.workflow.models import OutboxMessage, PartnerInvitation, PartnerProfile
from apps.workflow.partners import accounts, membership
from apps.workflow.partners.forms import (
    AcceptInvitationForm,
    PartnerLoginForm,
    RegistrationForm,
    SubmissionForm,
    existing_account,
)
from apps.workflow.partners.similar import similar_solutions
from apps.workflow.partners.spam import RateLimit
from apps.workflow.partners.submissions.content import (
    attachments_of,
    content_from_page,
)
from apps.workflow.partners.submissions.create import create_submission, resubmit
from apps.workflow.partners.submissions.routing import NoAreaError
from apps.workflow.partners.submissions.status import (
    SubmissionStatus,
    organisation_submissions,
    status_of,
    summaries,
)
from apps.workflow.partners.uploads import UploadStash

logger = logging.getLogger(__name__)

EDITABLE = {SubmissionStatus.CHANGES_REQUESTED, SubmissionStatus.DRAFT}
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


def _posted(request: HttpRequest):
    """The form data of a POST, even an empty one (``request.POST or None`` would
    leave the form unbound, and adding the limit's error to it fails)."""
    return request.POST if request.method == "POST" else None


def register(request: HttpRequest) -> HttpResponse:
    """Self-registration of a partner, with e-mail verification.

    Every attempt counts towards the limit, valid or not. A known address gets the
    same answer as a new one, and its owner a mail (``accounts`` explains why).
    """
    limit = RateLimit.for_action("registration")
    status = HTTPStatus.OK
    form = RegistrationForm(_posted(request), locale=Locale.get_active())
    if request.method == "POST":
        if not limit.hit(request):
            form.is_valid()
            form.add_error(None, limit.message)
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif form.is_valid():
            email = form.cleaned_data["email"]
            owner = existing_account(email)
            if owner is None:
                try:
                    profile = accounts.register(form, get_language())
                except IntegrityError:  # the same address, registered just now
                    owner = existing_account(email)
                else:
                    message = accounts.send_verification(profile)
            if owner is not None:
                # As long as creating an account takes, so timing tells nothing.
                make_password(form.cleaned_data["password1"])
                message = accounts.send_account_exists(owner, get_language())
            return render(
                request,
                "workflow/portal/registered.html",
                {"email": email, "mail_sent": _mail_sent(message)},
            )
        else:
            status = HTTPStatus.BAD_REQUEST
    return render(
        request, "workflow/portal/register.html", {"form": form}, status=status
    )


def _mail_sent(message: OutboxMessage | None) -> bool:
    """False if the mail server cannot be reached now (the mail stays in the outbox
    and ``retry_outbox`` sends it later)."""
    if message is None:
        return True
    message.refresh_from_db(fields=["status"])
    return message.status != OutboxMessage.Status.FAILED


def _send_verification(profile: PartnerProfile) -> bool:
    """Queue the confirmation mail; False if it could not be sent now."""
    message = accounts.send_verification(profile)
    return message is not None and _mail_sent(message)


@require_POST
@partner_required
def resend_verification(request: HttpRequest) -> HttpResponse:
    limit = RateLimit.for_action("registration")
    if not limit.hit(request):
        messages.error(request, limit.message)
    elif _send_verification(request.partner):
        messages.success(request, _("We have sent you a new confirmation link."))
    else:
        messages.error(
            request, _("The e-mail could not be sent. Please try again later.")
        )
    return redirect("partner:submit")


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    profile = accounts.verify(token)
    if (
        profile is not None
        and not profile.is_confirmed_member
        and not membership.confirm_by_domain(profile)
    ):
        # Deciders hear of a request only once the address is real.
        membership.notify_request(profile)
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
    form = AcceptInvitationForm(_posted(request), email=invitation.email)
    status = HTTPStatus.OK
    if request.method == "POST":
        if accounts_exists := existing_account(invitation.email) is not None:
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
    else:
        content = form.content()
        if not request.POST.get("confirm"):
            context["similar"] = similar_solutions(
                content.title, content.teaser, locale
            )
        if not context["similar"] and not limit.hit(request):
            form.add_error(None, limit.message)
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif not context["similar"]:
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
    attached = attachments_of(submission)
    status = HTTPStatus.OK
    if request.method == "POST":
        form = SubmissionForm(
            request.POST,
            request.FILES,
            profile=profile,
            locale=page.locale,
            stash=stash,
            attached=attached,
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
            attached=attached,
        )
    return _render_submission_form(
        request,
        "edit.html",
        {"form": form, "submission": submission, "solution": page},
        status,
    )


# -- membership ------------------------------------------------------------------


@verified_required
def membership_requests(request: HttpRequest) -> HttpResponse:
    """Confirmed members confirm or decline who else acts for their organisation."""
    profile = request.partner
    if not profile.is_confirmed_member:
        return render(
            request,
            "workflow/portal/membership_requests.html",
            {"profile": profile, "requests": None},
            status=HTTPStatus.FORBIDDEN,
        )
    return render(
        request,
        "workflow/portal/membership_requests.html",
        {"profile": profile, "requests": membership.requests_for_member(profile)},
    )


@require_POST
@verified_required
def decide_membership(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in {"approve", "decline"}:
        raise Http404
    # Only requests this member may decide exist for them.
    get_object_or_404(membership.requests_for_member(request.partner), pk=pk)
    profile = membership.decide(pk, request.user, approve=decision == "approve")
    if profile is not None:
        messages.success(request, _decision_message(profile))
    return redirect("partner:membership_requests")


def _decision_message(profile: PartnerProfile) -> str:
    name = profile.user.get_full_name() or profile.user.get_username()
    if profile.is_confirmed_member:
        return _("%(name)s now acts for %(organisation)s.") % {
            "name": name,
            "organisation": profile.organisation,
        }
    return _("The request of %(name)s was declined.") % {"name": name}
