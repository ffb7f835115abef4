"""Proposing and confirming reuse: "we adopted solution X", "X is adopted by Y",
"X builds on Z" (``apps.knowledge.models.reuse``).

A relation has two sides. For an adoption: the reused solution's authority and the
adopting organisation; for a derivation: the authorities of the reused and of the
derived solution. Either side proposes, the other side's moderators confirm or
decline it, with a comment; only a confirmed relation is public.

- A side acts through the editors and moderators of its authority (the partner
  area holding the solution, ``area_role_for_page``; the organisation's ``owner``)
  and the Digitalagentur; an adopting organisation also through its confirmed
  partner accounts (``apps.workflow.partners.membership``).
- The other side decides: its authority's moderators, or the Digitalagentur where
  the side belongs to no authority. Nobody decides their own proposal, and the
  proposing side's people cannot decide it unless they moderate the other side too.
- The deciders are told through the outbox in their language, the proposer is told
  the decision.

Why a status on the relation and not a Wagtail workflow: a relation has no content
to draft, revise or publish, its reviewers change with the side that proposed, and
partners who never enter the admin propose too. The decision is one step with a
row lock (two deciders at once: the first decision stands), like the membership
requests next door.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.knowledge import content_cache
from apps.knowledge.models import Organisation, Reuse, ReuseChanges, SolutionPage
from apps.knowledge.models.relations import localize_keys
from apps.knowledge.ownership import user_owners
from apps.knowledge.public_url import absolute_url
from apps.knowledge.roles import AREA_ROLES, DIGITALAGENTUR_GROUP, AreaRole
from apps.workflow.models import Membership, OutboxMessage, PartnerProfile
from apps.workflow.notifications.outbox import queue_email
from apps.workflow.notifications.recipients import language_for
from apps.workflow.permissions import area_role_for_page, area_roles_for_pages

Side = Reuse.Side


class ProposalRefused(PermissionDenied):
    """A proposal or decision that may not be made; the message says why."""


# -- the two sides -------------------------------------------------------------------


def solution_version(key) -> SolutionPage | None:
    """A version of the solution ``key``, the default language's first."""
    versions = SolutionPage.objects.filter(translation_key=key)
    return (
        versions.filter(locale=content_cache.default_locale()).first()
        or versions.order_by("pk").first()
    )


def side_role(reuse: Reuse, side: str) -> AreaRole | None:
    """The authority acting for ``side`` of ``reuse``, None for the Digitalagentur."""
    if side == Side.REUSER and reuse.kind == Reuse.Kind.ADOPTION:
        owner = reuse.organisation.owner
        return next((role for role in AREA_ROLES if role.area_slug == owner), None)
    key = reuse.solution_key if side == Side.SOLUTION else reuse.derived_key
    page = solution_version(key)
    return area_role_for_page(page) if page is not None else None


def decider_group(reuse: Reuse, side: str) -> str:
    """The group whose members decide for ``side``."""
    role = side_role(reuse, side)
    return role.moderators if role else DIGITALAGENTUR_GROUP


def _group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def acts_for(user, reuse: Reuse, side: str) -> bool:
    """Whether ``user`` may propose for ``side`` of ``reuse``."""
    if not user.is_authenticated:
        return False
    names = _group_names(user)
    if user.is_superuser or DIGITALAGENTUR_GROUP in names:
        return True
    role = side_role(reuse, side)
    if role is not None and {role.editors, role.moderators} & names:
        return True
    if side == Side.REUSER and reuse.kind == Reuse.Kind.ADOPTION:
        organisation = reuse.organisation
        return organisation.owner in user_owners(user) or _is_confirmed_member(
            user, organisation
        )
    return False


def _is_confirmed_member(user, organisation: Organisation) -> bool:
    """A confirmed, verified partner account of ``organisation`` (any language
    version), as ``apps.workflow.partners.membership.confirmed_members`` counts
    them; queried here because the partners' portal view imports this module."""
    return PartnerProfile.objects.filter(
        user=user,
        user__is_active=True,
        organisation__translation_key=organisation.translation_key,
        membership=Membership.CONFIRMED,
        email_verified_at__isnull=False,
    ).exists()


def proposing_side(user, reuse: Reuse) -> str | None:
    """The side ``user`` proposes for (the reusing side first), None if neither."""
    for side in (Side.REUSER, Side.SOLUTION):
        if acts_for(user, reuse, side):
            return side
    return None


def can_decide(user, reuse: Reuse) -> bool:
    """Whether ``user`` may confirm or decline ``reuse`` (the other side's
    moderators, never the proposer)."""
    if not user.is_authenticated or reuse.status != Reuse.Status.PROPOSED:
        return False
    if reuse.proposed_by_id == user.pk:
        return False
    if user.is_superuser:
        return True
    return decider_group(reuse, reuse.other_side) in _group_names(user)


def deciders(reuse: Reuse) -> QuerySet:
    """Active users who may decide ``reuse`` and get told about it."""
    users = get_user_model().objects.filter(
        is_active=True, groups__name=decider_group(reuse, reuse.other_side)
    )
    if reuse.proposed_by_id is not None:
        users = users.exclude(pk=reuse.proposed_by_id)
    return users.distinct().order_by("pk")


def _side_key(reuse: Reuse, side: str):
    """The translation key of the solution acting for ``side``, None for an
    adopting organisation."""
    if side == Side.REUSER and reuse.kind == Reuse.Kind.ADOPTION:
        return None
    return reuse.solution_key if side == Side.SOLUTION else reuse.derived_key


def decider_groups(reuses: list[Reuse]) -> dict[int, str]:
    """:func:`decider_group` of the other side of each of ``reuses``, by pk, in a
    fixed number of queries however many there are (``organisation`` selected)."""
    keys = {_side_key(reuse, reuse.other_side) for reuse in reuses} - {None}
    default = content_cache.default_locale()
    versions: dict = {}
    for page in (
        SolutionPage.objects.filter(translation_key__in=keys)
        .select_related("lead_organisation")
        .only(
            "pk", "path", "depth", "translation_key", "locale_id", "lead_organisation"
        )
        .order_by("pk")
    ):
        # As solution_version: the default language's version, else the first.
        known = versions.get(page.translation_key)
        if known is None or (page.locale_id == default.pk != known.locale_id):
            versions[page.translation_key] = page
    page_roles = area_roles_for_pages(list(versions.values()))
    groups = {}
    for reuse in reuses:
        key = _side_key(reuse, reuse.other_side)
        if key is None:
            owner = reuse.organisation.owner
            role = next((r for r in AREA_ROLES if r.area_slug == owner), None)
        else:
            page = versions.get(key)
            role = page_roles.get(page.pk) if page is not None else None
        groups[reuse.pk] = role.moderators if role else DIGITALAGENTUR_GROUP
    return groups


def proposals_for(user) -> list[Reuse]:
    """Open proposals ``user`` may decide, oldest first (:func:`can_decide`), in a
    fixed number of queries however many proposals wait."""
    if not user.is_authenticated:
        return []
    open_proposals = list(
        Reuse.objects.filter(status=Reuse.Status.PROPOSED)
        .exclude(proposed_by=user)
        .select_related("organisation", "proposed_by")
        .order_by("proposed_at", "pk")
    )
    if user.is_superuser:
        return open_proposals
    names = _group_names(user)
    groups = decider_groups(open_proposals)
    return [reuse for reuse in open_proposals if groups[reuse.pk] in names]


def proposals_by(user) -> QuerySet:
    """What ``user`` proposed, newest first."""
    return (
        Reuse.objects.filter(proposed_by=user)
        .select_related("organisation", "decided_by")
        .order_by("-proposed_at")
    )


# -- proposing and deciding ------------------------------------------------------------


def _open_duplicate(reuse: Reuse) -> bool:
    same = Reuse.objects.filter(
        kind=reuse.kind,
        solution_key=reuse.solution_key,
        status__in=[Reuse.Status.PROPOSED, Reuse.Status.CONFIRMED],
    )
    if reuse.kind == Reuse.Kind.ADOPTION:
        return same.filter(
            organisation__translation_key=reuse.organisation.translation_key
        ).exists()
    return same.filter(derived_key=reuse.derived_key).exists()


@transaction.atomic
def propose(
    user,
    *,
    solution: SolutionPage,
    organisation: Organisation | None = None,
    derived: SolutionPage | None = None,
    since: date | None = None,
    changes: str = "",
    language: str = "",
    municipality: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> Reuse:
    """Record ``user``'s proposal and tell the other side's moderators.

    An adoption names ``organisation``, a derivation the ``derived`` solution.
    Raises ``ProposalRefused`` if ``user`` acts for neither side, and
    ``ValidationError`` for incomplete or duplicate data.
    """
    reuse = Reuse(
        kind=Reuse.Kind.ADOPTION if organisation is not None else Reuse.Kind.DERIVATION,
        solution_key=solution.translation_key,
        organisation=organisation,
        derived_key=derived.translation_key if derived is not None else None,
        since=since,
        municipality=municipality,
        latitude=latitude,
        longitude=longitude,
        proposed_by=user,
    )
    if (organisation is None) == (derived is None):
        raise ValidationError(
            _("Name either the adopting organisation or the derived solution.")
        )
    reuse.full_clean(exclude=["proposed_side"])
    side = proposing_side(user, reuse)
    if side is None:
        raise ProposalRefused(
            _(
                "You act neither for the solution nor for the organisation or "
                "solution reusing it."
            )
        )
    if _open_duplicate(reuse):
        raise ValidationError(_("This reuse has already been proposed or confirmed."))
    reuse.proposed_side = side
    reuse.save()
    if changes.strip():
        ReuseChanges.objects.create(
            reuse=reuse, language=language or language_for(user), text=changes.strip()
        )
    notify_deciders(reuse)
    return reuse


@transaction.atomic
def decide(reuse_pk: int, user, *, confirm: bool, comment: str = "") -> Reuse:
    """Confirm or decline an open proposal as the other side; tells the proposer."""
    reuse = (
        # Only the relation's row: PostgreSQL cannot lock the organisation's side
        # of the outer join (a derivation has none).
        Reuse.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=reuse_pk)
        .first()
    )
    if reuse is None or reuse.status != Reuse.Status.PROPOSED:
        raise ProposalRefused(_("This proposal has been decided already."))
    if not can_decide(user, reuse):
        raise ProposalRefused(
            _("Only the other side's moderators can decide this proposal.")
        )
    reuse.status = Reuse.Status.CONFIRMED if confirm else Reuse.Status.DECLINED
    reuse.decided_by = user
    reuse.decided_at = timezone.now()
    reuse.decision_comment = comment.strip()
    reuse.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    if reuse.proposed_by is not None:
        queue_email(
            reuse.proposed_by,
            OutboxMessage.Kind.REUSE_DECIDED,
            describe(reuse, language_for(reuse.proposed_by)),
            dedup_key=f"reuse_decided:{reuse.pk}",
        )
    return reuse


def add_to_form(form, error: ValidationError) -> None:
    """Show ``error`` of ``propose`` on ``form``: at its field where the form has
    one, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


# -- notifications -------------------------------------------------------------------


def describe(reuse: Reuse, language: str) -> dict:
    """The names a message about ``reuse`` shows, in ``language``."""
    locale = content_cache.locale_for(language) or content_cache.default_locale()
    keys = [key for key in (reuse.solution_key, reuse.derived_key) if key]
    pages = {
        page.translation_key: page
        for page in SolutionPage.objects.filter(translation_key__in=keys).order_by("pk")
    }
    # Live versions in the reader's language first; drafts by their own title.
    for page in localize_keys(SolutionPage, keys, locale):
        pages[page.translation_key] = page
    organisation = reuse.organisation
    if organisation is not None:
        organisation = (
            Organisation.objects.filter(
                translation_key=organisation.translation_key, locale=locale
            ).first()
            or organisation
        )
    solution = pages.get(reuse.solution_key)
    derived = pages.get(reuse.derived_key)
    return {
        "reuse": reuse,
        "adoption": reuse.kind == Reuse.Kind.ADOPTION,
        "solution": solution.title if solution else "",
        "derived": derived.title if derived else "",
        "organisation": organisation.name if organisation else "",
        "proposer": (
            reuse.proposed_by.get_full_name() or reuse.proposed_by.get_username()
            if reuse.proposed_by
            else ""
        ),
        "confirmed": reuse.status == Reuse.Status.CONFIRMED,
        "comment": reuse.decision_comment,
        "url": absolute_url(reverse("workflow_admin:reuse_proposals")),
    }


def summaries(reuses: list[Reuse], language: str) -> list[dict]:
    """What ``reuse_summary.html`` shows of each of ``reuses`` (``organisation``
    selected), the solutions' titles in ``language`` where there is a version in
    it: one query however many there are, for lists such as the admin home's."""
    keys = {key for reuse in reuses for key in (reuse.solution_key, reuse.derived_key)}
    titles: dict = {}
    for key, title, code in (
        SolutionPage.objects.filter(translation_key__in=keys - {None})
        .order_by("pk")
        .values_list("translation_key", "title", "locale__language_code")
    ):
        if key not in titles or code == language:
            titles[key] = title
    return [
        {
            "reuse": reuse,
            "adoption": reuse.kind == Reuse.Kind.ADOPTION,
            "solution": titles.get(reuse.solution_key, ""),
            "derived": titles.get(reuse.derived_key, ""),
            "organisation": reuse.organisation.name if reuse.organisation else "",
        }
        for reuse in reuses
    ]


def notify_deciders(reuse: Reuse) -> list[OutboxMessage]:
    """Tell every decider of ``reuse``, each in their language."""
    messages = []
    for user in deciders(reuse):
        message = queue_email(
            user,
            OutboxMessage.Kind.REUSE_PROPOSED,
            describe(reuse, language_for(user)),
            dedup_key=f"reuse_proposed:{reuse.pk}:{user.pk}",
        )
        if message is not None:
            messages.append(message)
    return messages
