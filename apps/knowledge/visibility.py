"""What a visitor may see: pages that are live, public, not expired and not below a
page that is unpublished or expired; documents only where such a page uses them.

Wagtail's ``live()`` looks at a page alone. A published solution in a partner area
that was never published (or that was unpublished without its subpages) is still
served, listed and indexed by Wagtail, and a page whose expiry time has passed stays
live until ``publish_scheduled`` runs. The portal, its search, feeds, downloads,
API and sitemap therefore narrow their pages with :func:`visible`, and pages are
served only when :func:`is_visible` (a ``before_serve_page`` hook).

Documents are served by Wagtail's view to anyone who knows the address unless their
collection is private. A partner's upload sits in a draft until it is approved, so
a document is served to a visitor only when a visible page uses it (the reference
index); people who may work with documents in the admin always get it, once they
have logged in completely, with their second factor (apps.security.two_factor).
https://docs.wagtail.org/en/stable/reference/hooks.html#before-serve-document
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from apps.knowledge import content_cache
from apps.security import two_factor
from apps.security.record_ids import record_id


def _hidden_q() -> Q:
    """Pages that are not live or have expired."""
    return Q(live=False) | Q(expire_at__lte=timezone.now())


def _hidden_rows() -> list[tuple[int, str, bool, int]]:
    """(pk, path, live, numchild) of live pages past their expiry and of hidden
    pages with subpages: few rows at any time, kept until the content changes or
    the next live page expires."""
    return content_cache.remember_visible("hidden-pages", _query_hidden_rows)


def _query_hidden_rows() -> list[tuple[int, str, bool, int]]:
    now = timezone.now()
    return list(
        Page.objects.filter(depth__gt=1)
        .filter(Q(live=True, expire_at__lte=now) | (_hidden_q() & Q(numchild__gt=0)))
        .order_by("path")
        .values_list("pk", "path", "live", "numchild")
    )


def restricted_paths() -> list[str]:
    """Paths of pages with a view restriction (their subpages are restricted too),
    kept until the content changes (a restriction's save bumps the version)."""
    return content_cache.remember(
        "restricted-paths",
        lambda: list(
            PageViewRestriction.objects.order_by("page__path").values_list(
                "page__path", flat=True
            )
        ),
    )


def _restriction_paths() -> list[str]:
    """Paths below which Wagtail finds a view restriction: restricted pages, and
    aliases of restricted pages (Wagtail checks an alias's original), kept."""

    def build() -> list[str]:
        paths = restricted_paths()
        if not paths:
            return []
        under_restriction = Q()
        for path in paths:
            under_restriction |= Q(alias_of__path__startswith=path)
        aliases = Page.objects.filter(under_restriction).values_list("path", flat=True)
        return [*paths, *aliases]

    return content_cache.remember("restriction-paths", build)


class PublicPageMixin:
    """Lets Wagtail's view-restriction check of a served page skip its two
    queries when no restriction lies on the page or above it (the kept paths).

    Where one does, Wagtail's own ``get_view_restrictions`` answers, so a
    restricted page asks for the login or password exactly as before.
    """

    def get_view_restrictions(self):
        if not any(self.path.startswith(path) for path in _restriction_paths()):
            return _no_restrictions()
        return super().get_view_restrictions()


def _no_restrictions() -> QuerySet:
    """An empty queryset that knows it is empty: iterating ``none()`` still builds
    and compiles its SQL before giving up, on every page served."""
    empty = PageViewRestriction.objects.none()
    empty._result_cache = []
    empty._prefetch_done = True
    return empty


def public(queryset: QuerySet) -> QuerySet:
    """Wagtail's ``public()`` (no view restriction on the page or above it), from
    the kept list of restricted paths instead of a query per call."""
    restricted = Q()
    for path in restricted_paths():
        restricted |= Q(path__startswith=path)
    return queryset.exclude(restricted) if restricted else queryset


def hidden_branches(rows=None) -> Q:
    """Pages below a hidden page; an empty ``Q`` when there is none."""
    branches = Q()
    covered: list[str] = []
    for _pk, path, _live, numchild in _hidden_rows() if rows is None else rows:
        if not numchild or any(path.startswith(parent) for parent in covered):
            continue
        covered.append(path)
        branches |= Q(path__startswith=path)
    return branches


def visible(queryset: QuerySet) -> QuerySet:
    """``queryset`` (of pages) narrowed to what every visitor may see.

    Filters only on fields the search backends can filter on (``pk``, ``path``),
    so the result can still be searched.
    """
    queryset = public(queryset.live())
    rows = _hidden_rows()
    # Expired but still live until publish_scheduled runs.
    expired = [pk for pk, _path, live, _numchild in rows if live]
    if expired:
        queryset = queryset.exclude(pk__in=expired)
    branches = hidden_branches(rows)
    return queryset.exclude(branches) if branches else queryset


def hidden_live_q() -> Q:
    """Live pages a visitor may not see: expired, below a hidden page or under a
    view restriction; an empty ``Q`` when there is none."""
    rows = _hidden_rows()
    hidden = Q()
    expired = [pk for pk, _path, live, _numchild in rows if live]
    if expired:
        hidden |= Q(pk__in=expired)
    branches = hidden_branches(rows)
    if branches:
        hidden |= branches
    for path in restricted_paths():
        hidden |= Q(path__startswith=path)
    return hidden


def is_visible(page: Page) -> bool:
    """Whether ``page`` and every page above it are live and not expired.

    View restrictions are left to Wagtail, which asks for the password or login.
    """
    if not page.live or (page.expire_at and page.expire_at <= timezone.now()):
        return False
    # A hidden page above this one has subpages, so it is one of the kept rows.
    return not any(
        page.path.startswith(path) and len(path) < len(page.path)
        for _pk, path, _live, _numchild in _hidden_rows()
    )


def refuse_hidden_page(page: Page, request: HttpRequest, *args, **kwargs) -> None:
    """``before_serve_page``: a page below an unpublished page, or expired, is
    not found."""
    if not is_visible(page):
        raise Http404


def document_is_public(document) -> bool:
    """Whether a visible, public page uses ``document``."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ReferenceIndex._get_base_content_type(Page))
        .values_list("object_id", flat=True)
    )
    ids = [pk for pk in map(record_id, page_ids) if pk is not None]
    return bool(ids) and visible(Page.objects.filter(pk__in=ids)).exists()


def refuse_unpublished_document(document, request: HttpRequest):
    """``before_serve_document``: a document only a draft uses is not found,
    except for people who work with documents in the admin and have passed the
    whole login (password and, where the account has or needs one, the code)."""
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    user = request.user
    policy = policy_registry.get_by_type(get_document_model())
    if two_factor.login_complete(user) and policy.user_has_any_permission(
        user, ["add", "change", "choose"]
    ):
        return None
    if not document_is_public(document):
        raise Http404
    return None
