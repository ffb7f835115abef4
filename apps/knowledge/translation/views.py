"""Admin views of translation: a page tree in the background (start, follow,
resume) and wagtail-localize's "Translate" from the current original."""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import edit_translation, submit_translations

from apps.knowledge.models import TreeTranslationJob
from apps.knowledge.translation import tree as tree_translation
from apps.knowledge.translation.machine import (
    MachineTranslationError,
    configured_translator,
    term_issues,
)

PERMISSION = "wagtail_localize.submit_translation"
logger = logging.getLogger(__name__)


@require_POST
def machine_translate(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's machine translation button, with what went wrong shown.

    Served at localize's own address (our admin URLs come first), so its editor
    posts here: a refusing or unreachable service becomes a message instead of a
    server error, and source terms whose term-list translation is missing from the
    result are listed for the translator to check.
    """
    issues: list = []
    token = term_issues.set(issues)
    try:
        response = edit_translation.machine_translate(request, translation_id)
    except MachineTranslationError as error:
        logger.warning("Machine translation failed: %s", error)
        messages.error(
            request,
            gettext(
                "The machine translation service could not translate this time; "
                "nothing was changed. Please try again later or translate by hand."
            ),
        )
        return redirect(
            get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
        )
    finally:
        term_issues.reset(token)
    if issues:
        messages.warning(
            request,
            gettext("Please check these terms against the term list: %(terms)s")
            % {
                "terms": "; ".join(
                    sorted(
                        {f"{issue.source_term} → {issue.expected}" for issue in issues}
                    )
                )
            },
        )
    return response


class CurrentSourceMixin:
    """wagtail-localize's "Translate", starting from the current original.

    wagtail-localize extracts the original's text once, for the first translation,
    and reuses that extract for every language added later: a language added after
    the original changed would start from the old text, and nobody would know.
    Here the extract is refreshed from the current original first (what
    wagtail-localize's "Sync translated pages" does, without publishing anything),
    and the translator is told which existing translations are now behind it.
    """

    def form_valid(self, form):
        source = TranslationSource.objects.get_for_instance_or_none(self.object)
        if source is not None:
            before = source.content_json
            source, _created = TranslationSource.update_or_create_from_instance(
                self.object
            )
            if source.content_json != before:
                self._warn_behind(source, form.cleaned_data["locales"])
        return super().form_valid(form)

    def _warn_behind(self, source: TranslationSource, new_locales) -> None:
        behind = (
            Translation.objects.filter(source=source, enabled=True)
            .exclude(target_locale__in=new_locales)
            .select_related("target_locale")
        )
        languages = sorted(str(t.target_locale.get_display_name()) for t in behind)
        messages.warning(
            self.request,
            gettext(
                "The original has changed since it was first translated. The new "
                "translation starts from its current version."
            )
            + (
                " "
                + gettext(
                    "The translations into %(languages)s were made from the older "
                    "version: they now show the changed text to translate."
                )
                % {"languages": ", ".join(languages)}
                if languages
                else ""
            ),
        )


class SubmitPageTranslationView(
    CurrentSourceMixin, submit_translations.SubmitPageTranslationView
):
    """wagtail-localize's "Translate this page" from the current original."""


class SubmitSnippetTranslationView(
    CurrentSourceMixin, submit_translations.SubmitSnippetTranslationView
):
    """wagtail-localize's "Translate" of a snippet from the current original."""


class TreeTranslationForm(forms.Form):
    """Which languages to translate a page tree into, and whether by machine."""

    locales = forms.ModelMultipleChoiceField(
        label=_("Translate into"),
        queryset=Locale.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, page: Page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locales"].queryset = Locale.objects.exclude(
            pk=page.locale_id
        ).order_by("language_code")
        translator = configured_translator()
        if translator is not None:
            self.fields["machine_translate"] = forms.BooleanField(
                label=_("Machine-translate with %(engine)s")
                % {"engine": translator.display_name},
                help_text=_(
                    "The translations stay drafts, marked as machine-translated, "
                    "until a translator reviews them."
                ),
                required=False,
            )


class TranslationJobView(View):
    """Base: only users who may submit translations (wagtail-localize's permission)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TreeTranslationStartView(TranslationJobView):
    """Asks for the languages, then queues the page and its subpages."""

    template_name = "knowledge/admin/tree_translation_start.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"], depth__gt=1)

    def render(self, request: HttpRequest, form: TreeTranslationForm) -> HttpResponse:
        count = tree_translation.subtree(self.page).count()
        return TemplateResponse(
            request,
            self.template_name,
            {
                "page_title": _("Translate page tree"),
                "page_subtitle": self.page.get_admin_display_title(),
                "header_icon": "globe",
                "page": self.page,
                "page_count": count,
                "form": form,
            },
        )

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        return self.render(request, TreeTranslationForm(self.page))

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        form = TreeTranslationForm(self.page, request.POST)
        if not form.is_valid():
            return self.render(request, form)
        job = TreeTranslationJob.objects.create(
            root_page=self.page,
            requested_by=request.user,
            machine_translate=form.cleaned_data.get("machine_translate", False),
            total=tree_translation.subtree(self.page).count(),
        )
        job.target_locales.set(form.cleaned_data["locales"])
        tree_translation.enqueue(job)
        messages.success(
            request,
            gettext("The translation of “%(title)s” and its subpages has started.")
            % {"title": self.page.get_admin_display_title()},
        )
        return redirect("knowledge_tree_translation_job", job.pk)


class TreeTranslationJobDetailView(TranslationJobView):
    """A job's progress; the page refreshes its status part until the job ends."""

    template_name = "knowledge/admin/tree_translation_job.html"
    status_template_name = "knowledge/admin/tree_translation_status.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = get_object_or_404(
            TreeTranslationJob.objects.select_related("root_page", "requested_by"),
            pk=pk,
        )
        context = {
            "job": job,
            "locales": ", ".join(
                str(locale.get_display_name()) for locale in job.target_locales.all()
            ),
            "page_title": _("Tree translation"),
            "page_subtitle": job.root_page.get_admin_display_title(),
            "header_icon": "globe",
            "status_url": reverse("knowledge_tree_translation_job", args=[job.pk])
            + "?status=1",
        }
        if request.GET.get("status"):
            return TemplateResponse(request, self.status_template_name, context)
        return TemplateResponse(request, self.template_name, context)


class TreeTranslationJobResumeView(TranslationJobView):
    """Continues a stopped job after the last page it finished."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = get_object_or_404(TreeTranslationJob, pk=pk)
        if job.can_resume:
            job.status = TreeTranslationJob.Status.QUEUED
            job.save(update_fields=["status", "updated_at"])
            tree_translation.enqueue(job)
            messages.success(request, gettext("The translation continues."))
        else:
            messages.warning(request, gettext("This translation is not stopped."))
        return redirect("knowledge_tree_translation_job", job.pk)


class TreeTranslationJobListView(TranslationJobView):
    """The latest tree translations, newest first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        jobs = TreeTranslationJob.objects.select_related("root_page", "requested_by")
        return TemplateResponse(
            request,
            "knowledge/admin/tree_translation_jobs.html",
            {
                "jobs": jobs[:100],
                "page_title": _("Tree translations"),
                "header_icon": "globe",
            },
        )


def tree_translation_urlpatterns() -> list:
    return [
        path(
            # wagtail-localize's address of its machine translation button.
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_translate,
            name="knowledge_machine_translate",
        ),
        # wagtail-localize's addresses of "Translate this page" and of a snippet's
        # "Translate", so its menus and buttons lead here.
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="knowledge_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="knowledge_submit_snippet_translation",
        ),
        path(
            "translate-tree/<int:page_id>/",
            TreeTranslationStartView.as_view(),
            name="knowledge_translate_tree",
        ),
        path(
            "translate-tree/jobs/",
            TreeTranslationJobListView.as_view(),
            name="knowledge_tree_translation_jobs",
        ),
        path(
            "translate-tree/jobs/<int:pk>/",
            TreeTranslationJobDetailView.as_view(),
            name="knowledge_tree_translation_job",
        ),
        path(
            "translate-tree/jobs/<int:pk>/resume/",
            TreeTranslationJobResumeView.as_view(),
            name="knowledge_tree_translation_resume",
        ),
    ]


def tree_translation_buttons(page, user, view_name=None, next_url=None):
    """ "Translate page tree" in the page header and the listing's "More" menu."""
    if page.depth > 1 and user.has_perm(PERMISSION):
        yield ListingButton(
            _("Translate page tree"),
            reverse("knowledge_translate_tree", args=[page.pk]),
            priority=61,
            icon_name="globe",
        )
