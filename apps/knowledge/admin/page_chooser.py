"""The admin's page chooser without other authorities' unpublished titles.

Wagtail's page chooser lists pages by their latest draft title
(``get_admin_display_title``) and answers "chosen" requests for any page id. The
``construct_page_chooser_queryset`` hook (``apps.knowledge.ownership.chooser_pages``)
already leaves out drafts the user may not edit; a *live* page whose latest
revision renames it still showed that draft's title, and the "browse into" and
"chosen" steps took any page id. These views, served at Wagtail's own addresses
(``cms.urls``, before the admin's), show a page the user may not edit by its
published title and refuse the pages the chooser does not offer.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from wagtail.admin.views import chooser
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from apps.knowledge.ownership import chooser_pages, sees_everything


def show_published_title(page: Page, user) -> Page:
    """``page``, titled as published unless ``user`` may see its drafts."""
    if (
        page.live
        and not sees_everything(user)
        and not page_permission_policy.user_has_permission_for_instance(
            user, "change", page
        )
    ):
        page.draft_title = page.title
    return page


class PublishedTitleColumn(chooser.PageTitleColumn):
    """The chooser's title column: the draft title only for those who may edit."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_value(self, instance):
        # The cell template reads the title from the page again (its data
        # attributes), so the page itself gets the published title.
        return show_published_title(instance, self.user).get_admin_display_title()


class _PublishedTitlesMixin:
    @property
    def columns(self):
        return [
            PublishedTitleColumn(
                column.name,
                label=column.label,
                is_multiple_choice=column.is_multiple_choice,
                user=self.request.user,
            )
            if isinstance(column, chooser.PageTitleColumn)
            else column
            for column in super().columns
        ]


class BrowseView(_PublishedTitlesMixin, chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        if (
            parent_page_id
            and not (
                chooser_pages(Page.objects.filter(pk=parent_page_id), request.user)
            ).exists()
        ):
            raise Http404
        return super().get(request, parent_page_id)


class SearchView(_PublishedTitlesMixin, chooser.SearchView):
    pass


class ChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        ids = chooser_pages(
            Page.objects.filter(pk__in=request.GET.getlist("id")), request.user
        ).values_list("pk", flat=True)
        pages = Page.objects.filter(pk__in=list(ids)).specific()
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": show_published_title(
                    page, request.user
                ).get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)
