"""Portal forms for partners: accounts and solution submissions.

Field errors come from Django in the active portal language; Django 5.2 marks a
field with errors ``aria-invalid`` and points ``aria-describedby`` at its help text
and error list, which the portal templates render with the matching ids.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from apps.knowledge.choices import Licence, PublicationConsent
from apps.knowledge.models import Contact, FieldOfAction, Organisation
from apps.workflow.models import PartnerProfile
from apps.workflow.partners.spam import HoneypotMixin
from apps.workflow.partners.submissions.content import Attachments, SubmissionContent
from apps.workflow.partners.uploads import (
    PartnerImageField,
    PdfDocumentField,
    StashedUpload,
    UploadStash,
)

UPLOAD_FIELDS = ("image", "document")


def existing_account(email: str):
    """The user whose address or user name is ``email``, or None."""
    User = get_user_model()
    return (
        User.objects.filter(email__iexact=email).order_by("pk").first()
        or User.objects.filter(username__iexact=email).order_by("pk").first()
    )


class PartnerLoginForm(AuthenticationForm):
    """Django's login form with the portal's label for the user name."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address or user name")


class NewPartnerUserForm(SetPasswordMixin, forms.Form):
    """Name and password of a new partner account."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password (again)")
    )

    def account_email(self) -> str:
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        self.validate_passwords()
        user = get_user_model()(
            username=self.account_email(),
            email=self.account_email(),
            first_name=cleaned_data.get("first_name", ""),
            last_name=cleaned_data.get("last_name", ""),
        )
        self.validate_password_for_user(user)
        return cleaned_data

    def create_user(self):
        email = self.account_email()
        user = get_user_model()(
            username=email,
            email=email,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
        )
        return self.set_password_and_save(user)


class RegistrationForm(HoneypotMixin, NewPartnerUserForm):
    """Self-registration of a partner; the account can submit once verified."""

    field_order = [
        "first_name",
        "last_name",
        "email",
        "organisation",
        "password1",
        "password2",
    ]

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a link to this address to confirm it."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose your organisation"),
        help_text=_(
            "If your organisation is missing, ask the Digitalagentur for an invitation."
        ),
    )

    def __init__(self, *args, locale: Locale, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Published organisations only: a draft one must not be named to strangers.
        self.fields["organisation"].queryset = Organisation.objects.public_in(
            locale
        ).order_by("name")

    def account_email(self) -> str:
        return (self.cleaned_data.get("email") or "").lower()

    def clean_email(self) -> str:
        # A known address is not an error here: the view answers exactly as for a
        # new one and mails the owner, so the form cannot be used to test addresses.
        return self.cleaned_data["email"].lower()


class AcceptInvitationForm(NewPartnerUserForm):
    """Name and password of a partner who follows an invitation link."""

    def __init__(self, *args, email: str, **kwargs) -> None:
        self.email = email
        super().__init__(*args, **kwargs)

    def account_email(self) -> str:
        return self.email.lower()


class SubmissionForm(HoneypotMixin, forms.Form):
    """A solution a partner proposes, in the language of the portal."""

    title = forms.CharField(label=_("Title"), max_length=255)
    teaser = forms.CharField(
        label=_("Short description"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown in lists and search results."),
    )
    body_text = forms.CharField(
        label=_("Description"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What the solution does, for whom, what it needs and where it stands. "
            "Separate paragraphs with an empty line."
        ),
    )
    field_of_action = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=FieldOfAction.objects.none(),
        empty_label=_("Choose a field of action"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("You submit on behalf of your own organisation."),
    )
    contact = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=Contact.objects.none(),
        required=False,
        empty_label=_("Someone else: enter name and e-mail below"),
    )
    contact_name = forms.CharField(
        label=_("Name of the contact person"), max_length=200, required=False
    )
    contact_email = forms.EmailField(
        label=_("E-mail of the contact person"), required=False
    )
    image = PartnerImageField(
        label=_("Image (optional)"), required=False, widget=forms.FileInput
    )
    image_description = forms.CharField(
        label=_("Image description"),
        max_length=250,
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    document = PdfDocumentField(
        label=_("Document (optional)"), required=False, widget=forms.FileInput
    )
    # The reuse profile: results of the programme must be reusable by other
    # municipalities (open source, open data); the feasibility check asks for it.
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=Licence.choices,
        required=False,
        help_text=_(
            "Under which licence other municipalities may reuse the software or "
            "content."
        ),
    )
    source_repository = forms.URLField(
        label=_("Source code repository (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("Where the source code is published, e.g. on OpenCoDE."),
    )
    open_data_url = forms.URLField(
        label=_("Open data (optional)"), required=False, assume_scheme="https"
    )
    adoption_requirements = forms.CharField(
        label=_("What another municipality needs to adopt it (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    image_key = forms.CharField(required=False, widget=forms.HiddenInput)
    document_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        profile: PartnerProfile,
        locale: Locale,
        stash: UploadStash,
        attached: Attachments | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.stash = stash
        # What the submission has already (when it is edited): shown, and kept
        # unless the partner chooses another file.
        self.attached = attached or Attachments()
        self.stashed: dict[str, StashedUpload | None] = dict.fromkeys(UPLOAD_FIELDS)
        key = profile.organisation.translation_key
        self.fields["field_of_action"].queryset = FieldOfAction.objects.public_in(
            locale
        )
        # A partner submits only for their own organisation, and only while it is
        # published.
        organisations = Organisation.objects.public_in(locale).filter(
            translation_key=key
        )
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].initial = organisations.values_list(
            "pk", flat=True
        ).first()
        # Contacts are offered to confirmed members only, and only people who
        # agreed to have their name published (apps.workflow.partners.membership).
        if profile.is_confirmed_member:
            self.fields["contact"].queryset = Contact.objects.public_in(locale).filter(
                organisation__translation_key=key,
                consent__in=[PublicationConsent.NAME, PublicationConsent.FULL],
            )
        else:
            self.fields["organisation"].help_text = _(
                "Your organisation has not confirmed your account yet: you submit "
                "as a private person, and the moderators see that."
            )
        self._keep_unoffered_contact()
        if self.is_bound:
            for name in UPLOAD_FIELDS:
                self.stashed[name] = stash.get(self.data.get(f"{name}_key", ""), name)

    def _keep_unoffered_contact(self) -> None:
        """The person entered with a submission, shown as typed when editing it.

        A contact the partner typed in is a draft until the submission is approved,
        so the choices (published, consenting contacts) do not offer it; without
        this the edit form would come back empty and refuse the resubmission.
        """
        chosen = self.initial.get("contact")
        if not chosen or self.fields["contact"].queryset.filter(pk=chosen).exists():
            return
        person = Contact.objects.filter(pk=chosen).first()
        self.initial["contact"] = None
        if person is not None:
            self.initial.setdefault("contact_name", person.name)
            self.initial.setdefault("contact_email", person.email)

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("contact"):
            if not cleaned_data.get("contact_name") and "contact_name" not in (
                self.errors
            ):
                self.add_error(
                    "contact_name",
                    _("Enter the contact person's name, or choose a contact above."),
                )
            if not cleaned_data.get("contact_email") and "contact_email" not in (
                self.errors
            ):
                self.add_error(
                    "contact_email",
                    _("Enter the contact person's e-mail, or choose a contact above."),
                )
        has_image = (
            cleaned_data.get("image") or self.stashed["image"] or self.attached.image
        )
        if has_image and not cleaned_data.get("image_description"):
            self.add_error(
                "image_description",
                _("Describe the image for people who cannot see it."),
            )
        return cleaned_data

    def keep_uploads(self) -> None:
        """Stash files that passed their checks, so they survive a second round."""
        data = None
        for name in UPLOAD_FIELDS:
            uploaded = self.files.get(name)
            if not uploaded or name in self.errors:
                continue
            if self.stashed[name]:
                self.stash.discard(self.stashed[name].key)
            self.stashed[name] = self.stash.put(name, uploaded)
            data = data or self.data.copy()
            data[f"{name}_key"] = self.stashed[name].key
        if data is not None:
            self.data = data

    def content(self) -> SubmissionContent:
        data = self.cleaned_data
        return SubmissionContent(
            title=data["title"],
            teaser=data["teaser"],
            body_text=data["body_text"],
            field_of_action=data["field_of_action"],
            organisation=data["organisation"],
            contact=data.get("contact"),
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
            image=self.stashed["image"],
            image_description=data.get("image_description", ""),
            document=self.stashed["document"],
            licence=data.get("licence", ""),
            source_repository=data.get("source_repository", ""),
            open_data_url=data.get("open_data_url", ""),
            adoption_requirements=data.get("adoption_requirements", ""),
        )

    def discard_uploads(self) -> None:
        for upload in self.stashed.values():
            if upload:
                self.stash.discard(upload.key)
