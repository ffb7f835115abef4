"""Two moderators act on the same moderation step at once, through gunicorn.

Two real admin sessions (``requests``) log in to gunicorn serving the test
database and press their buttons at the same moment: both "Approve" in the page
editor, "Approve" against "Request changes" in the editor, and the same from the
admin home panel's modal. Exactly one decision is taken; the other moderator is
told who decided and when, in their admin language, gets the comment they typed
back, and no revision of theirs is made. No server error, no "database is locked".

On PostgreSQL gunicorn uses the test database itself. On SQLite (whose test
database lives in memory) it gets a file copy, which is copied back afterwards.
The sequential races are in tests/workflow/test_moderation_races.py.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path

import requests
from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Page, PageLogEntry, TaskState
from wagtail.users.models import UserProfile

from apps.knowledge.roles import AREA_ROLES
from tests.factories import PASSWORD, UserFactory
from tests.fault_services import PortalServer, server_env
from tests.knowledge.factories import SolutionPageFactory
from tests.migration_data import restore_migration_data
from tests.workflow.admin_actions import (
    client_for,
    current_task_state,
    edit_url,
    editor_form_data,
    shown_messages,
    submit,
    workflow_action_url,
)
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG = AREA_ROLES[0]
COMMENT = "Bitte die Quelle der Zahlen ergänzen – 'Tabelle 3' & <Anhang>."


def speaks(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@contextmanager
def database_for_server(tmp_path: Path) -> Iterator[str]:
    """A ``DATABASE_URL`` under which a server process sees this test's data."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        yield (
            f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
        return
    # SQLite: the in-memory test database is copied to a file for the server;
    # what the server wrote is copied back for the assertions.
    path = tmp_path / "server.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    yield f"sqlite:///{path}"
    served = sqlite3.connect(path)
    served.backup(connection.connection)
    served.close()


class AdminSession:
    """One person's browser: a cookie jar logged in to the admin."""

    def __init__(self, base: str, user) -> None:
        self.base = base
        self.user = user
        self.http = requests.Session()
        login = f"{base}/admin/login/"
        page = self.http.get(login, timeout=60)
        response = self.http.post(
            login,
            {
                "username": user.get_username(),
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf_token(page.text),
                "next": "/admin/",
            },
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == HTTPStatus.FOUND, response.text[-2000:]

    @property
    def language(self) -> str:
        return UserProfile.get_for_user(self.user).preferred_language

    def open_editor(self, page: Page) -> dict:
        """Open the page editor; what its form posts if nothing is typed."""
        response = self.http.get(self.base + edit_url(page), timeout=60)
        assert response.status_code == HTTPStatus.OK
        return editor_form_data(response.text)

    def editor_action(
        self, page: Page, form: dict, action: str, comment: str = ""
    ) -> Callable[[], requests.Response]:
        """Choose ``action`` in the editor's action menu (with the modal's comment)."""
        extra = json.dumps({"comment": comment} if comment else {})
        data = {
            **form,
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": extra,
        }
        url = self.base + edit_url(page)
        return lambda: self.http.post(url, data, allow_redirects=False, timeout=60)

    def modal_action(
        self, page: Page, state: TaskState, action: str, comment: str = ""
    ) -> Callable[[], requests.Response]:
        """Submit the action's modal opened from the admin home panel."""
        url = self.base + workflow_action_url(page, action, state)
        opened = self.http.get(
            url, headers={"x-requested-with": "XMLHttpRequest"}, timeout=60
        )
        token = csrf_token(opened.json()["html"])
        data = {"comment": comment, "csrfmiddlewaretoken": token}
        return lambda: self.http.post(
            url,
            data,
            headers={"x-requested-with": "XMLHttpRequest"},
            allow_redirects=False,
            timeout=60,
        )


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def at_once(*requests_: Callable[[], requests.Response]) -> list[requests.Response]:
    """Send the requests from separate threads released at the same moment."""
    barrier = threading.Barrier(len(requests_), timeout=30)
    answers: list = [None] * len(requests_)

    def send(index: int, request: Callable[[], requests.Response]) -> None:
        barrier.wait()
        answers[index] = request()

    threads = [
        threading.Thread(target=send, args=(index, request))
        for index, request in enumerate(requests_)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(answer is not None for answer in answers)
    return answers


def decided_message(state: TaskState, language: str) -> str:
    """The refusal the second moderator reads, in their admin language."""
    state.refresh_from_db()
    with translation.override(language):
        decision = {
            TaskState.STATUS_APPROVED: gettext("approved"),
            TaskState.STATUS_REJECTED: gettext("sent back for changes"),
        }[state.status]
        return gettext(
            "This step was already %(decision)s by %(user)s on %(when)s; your "
            "action was not carried out. Reload the page to see its current state."
        ) % {
            "decision": decision,
            "user": state.finished_by.get_username(),
            "when": date_format(
                timezone.localtime(state.finished_at), "DATETIME_FORMAT"
            ),
        }


def revisions(page: Page) -> list[int]:
    return list(page.revisions.order_by("pk").values_list("pk", flat=True))


def scene() -> tuple[list, dict[str, Page]]:
    """Two Flensburg moderators (German, Danish) and three submitted pages."""
    authorities = AuthoritiesFactory()
    editor = UserFactory(editor=True, area_role=FLENSBURG)
    moderators = [
        speaks(UserFactory(moderator=True, area_role=FLENSBURG), "de"),
        speaks(UserFactory(moderator=True, area_role=FLENSBURG, suffix="-2"), "da"),
    ]

    def submitted(title: str) -> Page:
        page = SolutionPageFactory(
            draft=True,
            parent=authorities.area(FLENSBURG),
            author=editor,
            portal=authorities.portal,
            title=title,
        )
        response = submit(client_for(editor), page)
        assert response.status_code == HTTPStatus.FOUND
        return Page.objects.get(pk=page.pk)

    pages = {
        "approve-approve": submitted("Rufbus Amt Hürup"),
        "approve-reject": submitted("Dorfladen Wanderup"),
        "modal": submitted("Bürgerbus Glücksburg"),
    }
    return moderators, pages


def no_server_error(*answers: requests.Response) -> None:
    for answer in answers:
        assert answer.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, answer.text[
            -3000:
        ]
        assert "database is locked" not in answer.text


class ConcurrentModerationTests(TransactionTestCase):
    # The server needs committed data; serialized_rollback puts the migrations' rows
    # back afterwards for the transactional tests that follow (as test_partner_trust).
    serialized_rollback = True

    def setUp(self) -> None:
        # An earlier transactional test may have flushed the migrations' rows.
        restore_migration_data()

    def test_two_moderators_act_at_once__one_decides_other_told_who_and_when(
        self,
    ) -> None:
        with tempfile.TemporaryDirectory() as folder:
            self.two_moderators_act_at_once(Path(folder))

    def two_moderators_act_at_once(self, tmp_path: Path) -> None:
        moderators, pages = scene()
        states = {key: current_task_state(page) for key, page in pages.items()}
        before = {key: revisions(page) for key, page in pages.items()}

        with (
            database_for_server(tmp_path) as database_url,
            PortalServer(server_env(database_url)) as server,
        ):
            first, second = (AdminSession(server.base, user) for user in moderators)

            # Both approve from the page editor.
            page = pages["approve-approve"]
            forms = [first.open_editor(page), second.open_editor(page)]
            both_approve = at_once(
                first.editor_action(page, forms[0], "approve"),
                second.editor_action(page, forms[1], "approve"),
            )

            # One approves, the other requests changes with a comment, in the editor.
            page = pages["approve-reject"]
            forms = [first.open_editor(page), second.open_editor(page)]
            approve_or_reject = at_once(
                first.editor_action(page, forms[0], "approve"),
                second.editor_action(page, forms[1], "reject", COMMENT),
            )

            # The same from the home panel's modals.
            page, state = pages["modal"], states["modal"]
            modals = at_once(
                first.modal_action(page, state, "approve"),
                second.modal_action(page, state, "reject", COMMENT),
            )
            log = server.output()

        no_server_error(*both_approve, *approve_or_reject, *modals)
        assert "Traceback" not in log, log

        sessions = [first, second]
        # Editor: the winner is sent on (302), the other stays in the editor, told.
        for key, answers in (
            ("approve-approve", both_approve),
            ("approve-reject", approve_or_reject),
        ):
            page, state = pages[key], states[key]
            codes = sorted(answer.status_code for answer in answers)
            assert codes == [HTTPStatus.OK, HTTPStatus.FOUND], (key, codes)
            loser = next(
                i for i, a in enumerate(answers) if a.status_code == HTTPStatus.OK
            )
            shown = shown_messages(answers[loser].text)
            assert decided_message(state, sessions[loser].language) in shown, (
                key,
                shown,
            )
            if key == "approve-reject" and loser == 1:
                assert COMMENT in shown  # the change request's comment is offered back
            state.refresh_from_db()
            assert state.finished_by == moderators[1 - loser]
            # Nobody's click made a revision: the editor's text is what was decided.
            assert revisions(page) == before[key]

        # Modal: one success, one refusal in the modal, the comment still in its form.
        payloads = [answer.json() for answer in modals]
        steps = sorted(payload["step"] for payload in payloads)
        assert steps == ["action", "success"], payloads
        loser = next(i for i, p in enumerate(payloads) if p["step"] == "action")
        state = states["modal"]
        assert decided_message(state, sessions[loser].language) in shown_messages(
            payloads[loser]["html"]
        )
        if loser == 1:
            assert escape(COMMENT) in payloads[loser]["html"]
        assert revisions(pages["modal"]) == before["modal"]

        # Each page was decided once: published once, or sent back once.
        for key, page in pages.items():
            decisions = PageLogEntry.objects.filter(
                page=page,
                action__in=["wagtail.workflow.approve", "wagtail.workflow.reject"],
            )
            assert decisions.count() == 1, key
            assert PageLogEntry.objects.filter(
                page=page, action="wagtail.publish"
            ).count() == int(decisions.get().action == "wagtail.workflow.approve")
