"""Machine translation, chosen in the admin, and background translation of trees."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class MachineTranslationEngine(models.TextChoices):
    NONE = "", _("None (no machine translation)")
    DEEPL = "deepl", _("DeepL")
    LIBRETRANSLATE = "libretranslate", _("LibreTranslate")


class DeepLPlan(models.TextChoices):
    AUTO = "", _("Decide by the key (keys ending in “:fx” are DeepL API Free)")
    FREE = "free", _("DeepL API Free (api-free.deepl.com)")
    PRO = "pro", _("DeepL API Pro (api.deepl.com)")


class TranslationSettingsForm(WagtailAdminModelForm):
    """Never shows a stored API key; an empty key field keeps the stored key."""

    SECRET_FIELDS = ("deepl_api_key", "libretranslate_api_key")

    forget_keys = forms.BooleanField(
        label=_("Delete the stored API keys"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.MACHINE_TRANSLATION["ENGINE"]:
            self.fields["engine"].help_text = _(
                "This server's configuration (MACHINE_TRANSLATION_ENGINE) sets the "
                "engine; the choice here applies once it is removed."
            )
        for name in self.SECRET_FIELDS:
            field = self.fields[name]
            field.widget = forms.PasswordInput(
                render_value=False, attrs={"autocomplete": "off"}
            )
            if getattr(self.instance, name):
                field.help_text = _(
                    "A key is stored. Leave empty to keep it; type a new one to "
                    "replace it."
                )

    def clean(self):
        cleaned = super().clean()
        for name in self.SECRET_FIELDS:
            if cleaned.get("forget_keys"):
                cleaned[name] = ""
            elif not cleaned.get(name):
                cleaned[name] = getattr(self.instance, name)
        engine = cleaned.get("engine")
        env = settings.MACHINE_TRANSLATION
        if engine == MachineTranslationEngine.DEEPL and not (
            cleaned.get("deepl_api_key") or env["DEEPL_API_KEY"]
        ):
            self.add_error("deepl_api_key", _("DeepL needs an API key."))
        if engine == MachineTranslationEngine.LIBRETRANSLATE and not (
            cleaned.get("libretranslate_url") or env["LIBRETRANSLATE_URL"]
        ):
            self.add_error(
                "libretranslate_url", _("LibreTranslate needs the server's address.")
            )
        return cleaned


@register_setting(icon="globe")
class TranslationSettings(BaseGenericSetting):
    """Which machine translation service the translators' “Translate” button uses."""

    engine = models.CharField(
        _("machine translation"),
        max_length=20,
        choices=MachineTranslationEngine.choices,
        default=MachineTranslationEngine.NONE,
        blank=True,
        help_text=_(
            "With “None”, translators translate by hand and the machine translation "
            "button is hidden."
        ),
    )
    deepl_api_key = models.CharField(
        _("DeepL API key"), max_length=200, blank=True, default=""
    )
    deepl_plan = models.CharField(
        _("DeepL plan"),
        max_length=10,
        choices=DeepLPlan.choices,
        default=DeepLPlan.AUTO,
        blank=True,
    )
    libretranslate_url = models.URLField(
        _("LibreTranslate address"),
        blank=True,
        default="",
        help_text=_("The server's base address, e.g. https://translate.example.org"),
    )
    libretranslate_api_key = models.CharField(
        _("LibreTranslate API key"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Only if the server asks for one."),
    )
    # The DeepL glossary made from the term list, and a hash of what it was made
    # from: it is made again only when the terms (or the account) change.
    deepl_glossary_id = models.CharField(max_length=100, blank=True, editable=False)
    deepl_glossary_hash = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("engine"),
        MultiFieldPanel(
            [
                FieldPanel("deepl_api_key"),
                FieldPanel("deepl_plan"),
            ],
            heading=_("DeepL"),
        ),
        MultiFieldPanel(
            [FieldPanel("libretranslate_url"), FieldPanel("libretranslate_api_key")],
            heading=_("LibreTranslate"),
        ),
        FieldPanel("forget_keys"),
    ]

    class Meta:
        verbose_name = _("machine translation")

    base_form_class = TranslationSettingsForm


#: A running job without progress for this long counts as stopped and may resume.
STALE_AFTER_MINUTES = 15


class TreeTranslationJob(models.Model):
    """A page and its subpages, translated into other languages in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    root_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    target_locales = models.ManyToManyField(
        "wagtailcore.Locale", verbose_name=_("languages"), related_name="+"
    )
    machine_translate = models.BooleanField(_("machine-translate"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("pages"), default=0)
    done = models.PositiveIntegerField(_("pages done"), default=0)
    # The tree path of the last page finished: a rerun continues after it.
    last_path = models.CharField(max_length=255, blank=True, default="")
    error = models.TextField(_("error"), blank=True)
    # Source terms whose term-list translation the machine left out, one per line
    # ("page: term → expected"), for the translators to check.
    term_warnings = models.TextField(_("terms to check"), blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last progress"), auto_now=True)

    class Meta:
        verbose_name = _("tree translation")
        verbose_name_plural = _("tree translations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.root_page)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def can_resume(self) -> bool:
        """Failed, or running without progress for long (its worker died)."""
        if self.status == self.Status.FAILED:
            return True
        stale = timezone.now() - timedelta(minutes=STALE_AFTER_MINUTES)
        return self.status == self.Status.RUNNING and self.updated_at < stale
