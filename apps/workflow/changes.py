"""What a page's newest revision changes against its published version.

Moderation checks what visitors will read. A review date is the owner's reminder
to check the page (``apps.workflow.notifications.reminders``) and is not shown in
the portal, so
a revision that changes nothing but the review date needs no one's approval: each
step of the default workflow skips it and the finish action publishes it at once
(a partner's solution would otherwise go through the feasibility check, the
authority and the Danish partners again for a date).

The changes are found the way the admin's "Compare" view finds them: through the
comparisons of the page type's edit panels.
"""

from __future__ import annotations

from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page

# Fields whose change alone needs no review: visitors never see them.
NO_REVIEW_FIELDS = frozenset({"review_date"})


def changed_fields(page: Page) -> set[str] | None:
    """Names of the fields the newest revision changes against the live version;
    ``None`` if the page has never been published."""
    page = page.specific
    if not page.live or page.live_revision_id is None:
        return None
    latest = page.get_latest_revision()
    if latest is None or latest.pk == page.live_revision_id:
        return set()
    published = page.live_revision.as_object()
    proposed = latest.as_object()
    panel = get_edit_handler(type(page)).get_bound_panel(
        instance=page, request=None, form=None
    )
    return {
        comparison.field.name
        for comparison in (
            compare(published, proposed) for compare in panel.get_comparison()
        )
        if comparison.has_changed()
    }


def needs_review(page: Page) -> bool:
    """False only when the newest revision changes nothing visitors would see."""
    changed = changed_fields(page)
    return not (changed and changed <= NO_REVIEW_FIELDS)
