"""When each periodic job last ran and which scheduler is running it now."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledJob(models.Model):
    """A periodic job of ``manage.py run_scheduler`` (e.g. sending waiting e-mails).

    The row is the job's lock: a scheduler claims it with one conditional UPDATE
    before running the job, so two schedulers never run the same job at once.
    """

    name = models.CharField(_("job"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)
    locked_by = models.CharField(_("running in"), max_length=200, blank=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_succeeded = models.BooleanField(_("last run succeeded"), null=True)
    last_output = models.TextField(_("last output"), blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
