"""Two-factor authentication for admin accounts, built on django-otp.

An account has at most one confirmed TOTP device (an authenticator app) and one
static device holding its recovery codes. Setting up creates an unconfirmed TOTP
device and shows its secret as a QR code; the account's password and the first code
the app shows send a link to the account's e-mail address, and the device is
confirmed only when that link is opened. So someone who knows only the password
cannot put their own authenticator on an account that has none yet.

A login is complete after the password and, when the account has an authenticator
(or must have one, ``ADMIN_2FA_REQUIRED``), its code: :func:`login_complete`.
https://django-otp-official.readthedocs.io/
"""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery"
SETUP_LINK_SALT = "security.two_factor.setup"
SETUP_LINK_MAX_AGE = 60 * 60


def required() -> bool:
    """Whether admin accounts without a device must set one up before going on."""
    return bool(getattr(settings, "ADMIN_2FA_REQUIRED", False))


def is_enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def login_complete(user) -> bool:
    """Whether ``user`` has passed every step of the login: the password, and the
    code when the account has an authenticator or, with ``ADMIN_2FA_REQUIRED``,
    must have one (an account that has not set it up yet is not logged in)."""
    if not user.is_authenticated:
        return False
    # ``is_verified`` is added by django-otp's OTPMiddleware.
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    return not is_enrolled(user) and not required()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device a setup page shows; kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
    return device


def secret(device: TOTPDevice) -> str:
    """The key in the base32 form authenticator apps accept when typed in."""
    return b32encode(device.bin_key).decode()


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code (no image request)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8
    )
    return image.to_string(encoding="unicode")


def send_setup_link(request: HttpRequest, device: TOTPDevice) -> None:
    """Mail the link that confirms ``device`` to its account's address.

    Sent directly (apps.security stands apart from the workflow app's outbox): the
    user waits for it on the setup page, and a failed send is shown to them.
    """
    user = device.user
    token = signing.dumps({"device": device.pk, "user": user.pk}, salt=SETUP_LINK_SALT)
    url = request.build_absolute_uri(
        reverse("security_two_factor_confirm", args=[token])
    )
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation.override(language):
        context = {"user": user, "url": url, "minutes": SETUP_LINK_MAX_AGE // 60}
        subject = render_to_string(
            "security/two_factor_setup_mail_subject.txt", context
        )
        body = render_to_string("security/two_factor_setup_mail.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def device_from_setup_link(token: str, user) -> TOTPDevice | None:
    """The unconfirmed device of ``user`` that a setup link names, if still valid."""
    try:
        data = signing.loads(token, salt=SETUP_LINK_SALT, max_age=SETUP_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk:
        return None
    return TOTPDevice.objects.filter(
        pk=data.get("device"), user=user, confirmed=False
    ).first()


@transaction.atomic
def confirm(device: TOTPDevice) -> list[str]:
    """Make ``device`` the account's authenticator; return fresh recovery codes.

    Any earlier authenticator of the account is removed: setting up again replaces
    a lost phone.
    """
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()
