"""Who may do what in the admin: role x authority x action, every cell through the
admin with the test client.

Each cell starts from a solution in the authority's partner area (German tree) whose
latest revision the authority's own editor wrote:

- view     open the page in the admin editor (HTTP 200)
- edit     "Save draft" with a new title (the new title is the latest revision)
- submit   "Submit for moderation" (a workflow is in progress afterwards)
- approve  the page was submitted by its editor and waits at the authority review;
           the role approves it from the action modal (the task state is approved)
- reject   as approve, with "Request changes" (the task state is rejected)
- publish  "Publish" in the editor (the page is live afterwards)

Nobody publishes directly: pages go live through the workflow's last approval
(tests/workflow/moderation/test_moderation.py follows that path and the later steps: the
feasibility check of the Digitalagentur and the cross-border review of the Danish
partner moderators).
"""

from __future__ import annotations

from http import HTTPStatus

from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import Page, TaskState

from apps.knowledge.models import PartnerAreaPage
from apps.knowledge.roles import AREA_ROLES, DANISH_PARTNERS
from apps.workflow.groups import setup_roles
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.admin_actions import (
    act,
    client_for,
    current_task_state,
    edit_url,
    publish,
    save_draft,
    submit,
)
from tests.workflow.factories import AuthoritiesFactory, PartnerProfileFactory
from tests.workflow.moderation import test_translation_status as localizing

ACTIONS = ["view", "edit", "submit", "approve", "reject", "publish"]
AUTHORITIES = {
    "Flensburg": AREA_ROLES[0],
    "Nordfriesland": AREA_ROLES[1],
    "Schleswig-Fl.": AREA_ROLES[2],
    "Danish": DANISH_PARTNERS,
}

# The editor and moderator rows are users of Stadt Flensburg; the partner belongs
# to an organisation of Flensburg but has no admin access.
MATRIX = """
role              authority      view  edit  submit  approve  reject  publish
editor            Flensburg      yes   yes   yes     no       no      no
editor            Nordfriesland  no    no    no      no       no      no
editor            Schleswig-Fl.  no    no    no      no       no      no
editor            Danish         no    no    no      no       no      no
moderator         Flensburg      yes   yes   yes     yes      yes     no
moderator         Nordfriesland  no    no    no      no       no      no
moderator         Schleswig-Fl.  no    no    no      no       no      no
moderator         Danish         no    no    no      no       no      no
digitalagentur    Flensburg      yes   yes   yes     no       no      no
digitalagentur    Nordfriesland  yes   yes   yes     no       no      no
digitalagentur    Schleswig-Fl.  yes   yes   yes     no       no      no
digitalagentur    Danish         yes   yes   yes     no       no      no
dk-moderator      Flensburg      no    no    no      no       no      no
dk-moderator      Nordfriesland  no    no    no      no       no      no
dk-moderator      Schleswig-Fl.  no    no    no      no       no      no
dk-moderator      Danish         yes   yes   yes     yes      yes     no
partner           Flensburg      no    no    no      no       no      no
partner           Nordfriesland  no    no    no      no       no      no
partner           Schleswig-Fl.  no    no    no      no       no      no
partner           Danish         no    no    no      no       no      no
translator        Flensburg      yes   yes   yes     no       no      no
translator        Nordfriesland  yes   yes   yes     no       no      no
translator        Schleswig-Fl.  yes   yes   yes     no       no      no
translator        Danish         yes   yes   yes     no       no      no
anonymous         Flensburg      no    no    no      no       no      no
anonymous         Nordfriesland  no    no    no      no       no      no
anonymous         Schleswig-Fl.  no    no    no      no       no      no
anonymous         Danish         no    no    no      no       no      no
"""


def parse_matrix() -> list[tuple[str, str, str, bool]]:
    lines = [line.split() for line in MATRIX.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header[2:] == ACTIONS
    return [
        (role, authority, action, answer == "yes")
        for role, authority, *answers in rows
        for action, answer in zip(ACTIONS, answers, strict=True)
    ]


class RoleAuthorityActionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.authors = {
            name: UserFactory(
                username=f"{role.user_prefix}-author",
                group_names=[role.editors],
                admin_language="en",
            )
            for name, role in AUTHORITIES.items()
        }
        # Every authority has a moderator, as in the demo: a step none of whose
        # reviewers is left would pass to the Digitalagentur (test_four_eyes.py).
        for role in (AREA_ROLES[1], AREA_ROLES[2]):
            UserFactory(moderator=True, area_role=role)
        partner = PartnerProfileFactory(user=UserFactory(username="partner")).user
        cls.users = {
            "editor": UserFactory(editor=True, area_role=AREA_ROLES[0]),
            "moderator": UserFactory(moderator=True, area_role=AREA_ROLES[0]),
            "digitalagentur": UserFactory(digitalagentur=True),
            "dk-moderator": UserFactory(moderator=True, area_role=DANISH_PARTNERS),
            "partner": partner,
            "translator": UserFactory(translator=True),
            "anonymous": None,
        }

    def setUp(self):
        self.clients = {role: client_for(u) for role, u in self.users.items()}
        self.author_clients = {name: client_for(u) for name, u in self.authors.items()}

    def test_matrix__matches_table(self):
        cells = parse_matrix()
        self.assertEqual(len(cells), len(self.users) * len(AUTHORITIES) * 6)
        for role, authority, action, expected in cells:
            with self.subTest(role=role, authority=authority, action=action):
                with transaction.atomic():
                    allowed = self.try_action(role, authority, action)
                    transaction.set_rollback(True)
                self.assertEqual(
                    allowed,
                    expected,
                    f"{role} / {authority} / {action}: expected "
                    f"{'allow' if expected else 'deny'}",
                )

    def try_action(self, role: str, authority: str, action: str) -> bool:
        page = SolutionPageFactory(
            draft=True,
            parent=self.authorities.area(AUTHORITIES[authority]),
            author=self.authors[authority],
            portal=self.authorities.portal,
            title=f"Lösung {authority}",
        )
        client: Client = self.clients[role]
        if action == "view":
            return client.get(edit_url(page)).status_code == HTTPStatus.OK
        if action == "edit":
            save_draft(client, page, title="Geänderter Titel")
            return latest(page).get_latest_revision_as_object().title == (
                "Geänderter Titel"
            )
        if action == "submit":
            submit(client, page)
            return latest(page).workflow_in_progress
        if action == "publish":
            publish(client, page)
            return latest(page).live
        submit(self.author_clients[authority], page)
        task_state = current_task_state(page)
        act(client, page, action, task_state=task_state, comment="Matrix")
        task_state.refresh_from_db()
        decided = {
            "approve": TaskState.STATUS_APPROVED,
            "reject": TaskState.STATUS_REJECTED,
        }[action]
        return task_state.status == decided


# The Danish versions of the areas, at addresses in Danish words.
DANISH_AREA_SLUGS = {
    AREA_ROLES[0]: "flensborg-by",
    AREA_ROLES[1]: "nordfrisland",
    AREA_ROLES[2]: "slesvig-flensborg",
    DANISH_PARTNERS: "danske-partnere",
}


class DanishTreeMatrixTests(RoleAuthorityActionMatrixTests):
    """The same table for solutions in the Danish tree, whose partner areas have
    Danish slugs: an area's authority does not depend on its address."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for role, slug in DANISH_AREA_SLUGS.items():
            danish = TranslationFactory(
                page=cls.authorities.area(role), language_code="da"
            )
            danish.slug = slug
            danish.save_revision().publish()
            danish.refresh_from_db()
            cls.authorities.areas[role.area_slug] = danish
        # As after translating an area on the live site.
        setup_roles()

    def test_matrix__matches_table(self):
        area = self.authorities.area(DANISH_PARTNERS)
        self.assertEqual(area.locale.language_code, "da")
        self.assertTrue(area.url_path.endswith("/danske-partnere/"), area.url_path)
        super().test_matrix__matches_table()


def latest(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


class TranslatedAreaSlugTests(TestCase):
    """A translator gives an area's Danish version its address; the authority that
    acts on it stays the same."""

    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.editor = UserFactory(editor=True, area_role=AREA_ROLES[0])
        cls.moderator = UserFactory(moderator=True, area_role=AREA_ROLES[0])
        cls.dk_moderator = UserFactory(moderator=True, area_role=DANISH_PARTNERS)
        cls.translator = UserFactory(translator=True)
        cls.reviewer = UserFactory(reviewer=True, language="da")

    def test_translator__another_authoritys_slug_changes_nobodys_rights(self):
        german = self.authorities.area(AREA_ROLES[0])
        TranslationFactory(page=german.get_parent().specific, language_code="da")
        setup_roles()  # the translators' rights on the new Danish tree
        translation = localizing.localize_translation(german, "da", self.translator)
        translator = client_for(self.translator)
        localizing.type_string(translator, translation, "title", "Flensborg By")
        # The German slug of the Danish partners' area.
        localizing.type_string(translator, translation, "slug", "daenische-partner")
        danish = translation.get_target_instance()
        translator.post(reverse("workflow_admin:submit_translation", args=[danish.pk]))
        act(client_for(self.moderator), danish, "approve")
        act(client_for(self.reviewer), danish, "approve")
        danish = PartnerAreaPage.objects.get(pk=danish.pk)
        # Flensburg's moderator reviewed the translation of Flensburg's area.
        self.assertTrue(danish.live)
        self.assertEqual(danish.slug, "daenische-partner")
        setup_roles()

        page = SolutionPageFactory(
            draft=True,
            parent=danish,
            author=self.editor,
            portal=self.authorities.portal,
            title="Digital landsbykasse",
        )
        self.assertEqual(
            client_for(self.editor).get(edit_url(page)).status_code,
            HTTPStatus.OK,
        )
        submit(client_for(self.editor), page)
        task_state = current_task_state(page)
        act(client_for(self.dk_moderator), page, "approve")
        task_state.refresh_from_db()
        self.assertEqual(task_state.status, TaskState.STATUS_IN_PROGRESS)
        act(client_for(self.moderator), page, "approve")
        task_state.refresh_from_db()
        self.assertEqual(task_state.status, TaskState.STATUS_APPROVED)
