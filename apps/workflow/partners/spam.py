"""Spam protection for the portal forms: a honeypot field and a rate limit.

The honeypot is a text field people never see (hidden by CSS, out of the tab order,
labelled "leave empty" for anyone whose browser shows it anyway); form-filling bots
fill it. The rate limit counts actions per user and per IP address in Django's cache
in fixed windows, e.g. at most 5 submissions an hour.

Counting and checking are one atomic step (``cache.add`` then ``cache.incr``, atomic
in Redis and in the local-memory cache), taken before the action: two requests at
the same moment get different counts, so a limit of 5 lets exactly 5 through, and an
attempt that fails afterwards (a bad password, a known address) has been counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"

# Actions and their default limits: (number of actions, window in seconds). A
# project overrides them with the PARTNER_RATE_LIMITS setting.
DEFAULT_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "submission": (5, 3600),
    "registration": (5, 3600),
    "feedback": (5, 3600),
}


class HoneypotMixin(forms.Form):
    """Adds the honeypot field; a filled honeypot makes the form invalid."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "honeypot"}
        ),
    )

    # Deliberately vague: a bot should not learn what gave it away.
    honeypot_message = _("This form could not be accepted. Please try again later.")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            self.honeypot_filled = True
            raise forms.ValidationError(self.honeypot_message, code="rejected")
        return cleaned_data

    @property
    def is_spam(self) -> bool:
        return getattr(self, "honeypot_filled", False)


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` actions per ``window`` seconds per user and per IP address."""

    action: str
    limit: int
    window: int

    @classmethod
    def for_action(cls, action: str) -> RateLimit:
        limits = {
            **DEFAULT_RATE_LIMITS,
            **getattr(settings, "PARTNER_RATE_LIMITS", {}),
        }
        limit, window = limits[action]
        return cls(action, limit, window)

    def _keys(self, request: HttpRequest) -> list[str]:
        # REMOTE_ADDR, not X-Forwarded-For: a client can write any forwarded
        # address it likes; a proxy in front must set REMOTE_ADDR correctly.
        keys = [f"ratelimit:{self.action}:ip:{request.META.get('REMOTE_ADDR', '')}"]
        if request.user.is_authenticated:
            keys.append(f"ratelimit:{self.action}:user:{request.user.pk}")
        return keys

    def hit(self, request: HttpRequest) -> bool:
        """Count one attempt; False if it is over the limit (and must be refused).

        Every key is counted, also once one is over, so refused attempts count too.
        """
        allowed = True
        for key in self._keys(request):
            # add() starts the window only if the counter does not exist yet.
            cache.add(key, 0, timeout=self.window)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 0, timeout=self.window)
                count = cache.incr(key)
            allowed = allowed and count <= self.limit
        return allowed

    @property
    def message(self) -> str:
        minutes = max(1, self.window // 60)
        return _(
            "You have reached the limit of %(limit)s attempts in %(minutes)s minutes. "
            "Please wait a while and try again; nothing you entered is lost."
        ) % {"limit": self.limit, "minutes": minutes}
