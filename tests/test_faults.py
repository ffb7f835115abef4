"""Faults caused for real on this machine: Elasticsearch down, the mail server down,
PostgreSQL restarted under traffic.

- Elasticsearch: the backend points at a loopback port nobody listens on. The
  portal, its APIs and the admin keep working on the database index; the missed
  index update waits for ``replay_search_index``.
- Mail: Django's SMTP backend talks to a closed loopback port, then to a real SMTP
  server (aiosmtpd) on loopback; a moderator's decision completes in the admin, its
  mail waits in the outbox and ``retry_outbox`` delivers it with the comment.
- PostgreSQL: a throwaway cluster of the test's own (never the shared server on
  5432) serves gunicorn; it is restarted (``pg_ctl restart -m fast``) and then
  stopped for two seconds under traffic. No request gets a 500; during the outage
  the portal answers 503 with Retry-After in the visitor's language; it recovers
  without a restart of its own and a partner submission sent afterwards is stored.

See also tests/knowledge/search/test_search_index.py and
tests/workflow/notifications/test_notifications.py for the narrower outage tests.
"""

from __future__ import annotations

import dataclasses
import hashlib
import http.cookiejar
import re
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from apps.knowledge.models import PendingIndexUpdate, SolutionPage
from apps.knowledge.search import engine
from apps.workflow.models import OutboxMessage
from tests.factories import PASSWORD, UserFactory
from tests.fault_services import (
    BASE_DIR,
    PortalServer,
    SmtpSink,
    ThrowawayPostgres,
    closed_local_port,
    manage,
    server_env,
)
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.workflow.admin_actions import act_in_admin, submit_in_admin
from tests.workflow.factories import FLENSBURG, ModeratedPortalFactory

LANGUAGES = ("de", "da", "en")
RESTARTING = "Our database is restarting. Please try again in a minute."
RESEND = "If you were sending a form, it has not been saved: please send it again."
TITLE = "Bus nach dem Neustart"
pytestmark = pytest.mark.faults


def in_language(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


# Elasticsearch down ----------------------------------------------------------------


@pytest.fixture
def elasticsearch_down(settings):
    """The default search backend is Elasticsearch at a port nobody listens on."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "apps.knowledge.search.elasticsearch",
            "URLS": [f"http://127.0.0.1:{closed_local_port()}"],
            "INDEX_PREFIX": "kbfault_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
    engine.forget_reachability()
    yield
    engine.forget_reachability()


@pytest.mark.django_db
def test_elasticsearch_down__publishing_searching_and_apis_keep_working(
    elasticsearch_down,
):
    portal = PortalFactory()
    for language in LANGUAGES[1:]:
        TranslationFactory(page=portal.area, language_code=language)
    chief = get_user_model().objects.create_superuser("chief", "c@example.org", "x")
    editor = Client()
    editor.force_login(chief)
    data = SolutionPageFactory.form_data(
        title="Windkraftgenossenschaft",
        slug="windkraft",
        fields_of_action=[portal.field],
        teaser="Bürgerwind in der Grenzregion.",
    )
    data["action-publish"] = "action-publish"

    response = editor.post(
        f"/admin/pages/add/knowledge/solutionpage/{portal.area.pk}/", data
    )

    assert response.status_code == HTTPStatus.FOUND
    solution = SolutionPage.objects.get(slug="windkraft")
    assert solution.live
    assert PendingIndexUpdate.objects.filter(object_id=str(solution.pk)).exists()
    visitor = Client()
    for language in LANGUAGES:
        page = visitor.get(f"/{language}/search/", {"q": "Windkraftgenossenschaft"})
        assert page.status_code == HTTPStatus.OK
        assert solution.url in page.content.decode()
    found = visitor.get("/api/search/", {"q": "Windkraftgenossenschaft", "lang": "da"})
    assert found.status_code == HTTPStatus.OK
    assert found.json()["engine"] == "database"
    assert [hit["title"] for hit in found.json()["results"]] == [solution.title]
    suggested = visitor.get("/api/search/suggest/", {"q": "Windkraft", "lang": "en"})
    assert suggested.status_code == HTTPStatus.OK
    assert solution.title in [item["title"] for item in suggested.json()["suggestions"]]
    api = visitor.get("/api/v2/solutions/", {"search": "Windkraftgenossenschaft"})
    assert api.status_code == HTTPStatus.OK
    assert [item["id"] for item in api.json()["items"]] == [solution.pk]

    err = StringIO()
    call_command("replay_search_index", stdout=StringIO(), stderr=err)
    assert "unreachable" in err.getvalue()
    assert PendingIndexUpdate.objects.filter(object_id=str(solution.pk)).exists()


# Mail server down ------------------------------------------------------------------


@pytest.mark.django_db
def test_mail_server_down__decision_completes_and_smtp_retry_delivers_the_comment(
    client, settings, django_capture_on_commit_callbacks
):
    setup = ModeratedPortalFactory()
    editor = UserFactory(
        username="editor", group_names=[FLENSBURG.editors], admin_language="da"
    )
    UserFactory(username="mod", group_names=[FLENSBURG.moderators])
    solution = SolutionPageFactory(
        portal=setup.portal,
        draft=True,
        owner=editor,
        author=editor,
        title="Digitale Dorfkiste",
    )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit_in_admin(client, solution).status_code == HTTPStatus.FOUND
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_local_port()
    settings.EMAIL_TIMEOUT = 5
    comment = "Bitte den Kontakt ergänzen."
    client.force_login(get_user_model().objects.get(username="mod"))

    with django_capture_on_commit_callbacks(execute=True):
        response = act_in_admin(client, solution, "reject", comment)

    # The decision is taken and kept, with its comment, though no mail went out.
    assert response.status_code == HTTPStatus.FOUND
    page = Page.objects.get(pk=solution.pk)
    assert page.current_workflow_state.status == "needs_changes"
    assert page.current_workflow_state.current_task_state.comment == comment
    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.CHANGES_REQUESTED)
    assert message.status == OutboxMessage.Status.FAILED
    assert "refused" in message.last_error.lower()

    with SmtpSink() as sink:
        settings.EMAIL_PORT = sink.port
        out = StringIO()
        call_command("retry_outbox", stdout=out)
        call_command("retry_outbox", stdout=out)

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    [(_sender, recipients)] = [
        envelope for envelope in sink.envelopes if "editor@example.org" in envelope[1]
    ]
    assert recipients == ["editor@example.org"]
    [delivered] = [m for m in sink.messages if m["To"] == "editor@example.org"]
    assert delivered["Content-Language"] == "da"
    text = delivered.get_body(("plain",)).get_content()
    assert comment in text


# PostgreSQL restarted under traffic ------------------------------------------------

#: What the template cluster depends on: when one of these changes, it is rebuilt.
TEMPLATE_SOURCES = [
    *sorted(BASE_DIR.glob("apps/*/migrations/*.py")),
    BASE_DIR / "tests/fault_services.py",
    BASE_DIR / "tests/factories.py",
    BASE_DIR / "tests/knowledge/factories.py",
    BASE_DIR / "tests/workflow/factories.py",
]


def _template_key() -> str:
    import django
    import wagtail
    import wagtail_localize

    versions = (django.__version__, wagtail.__version__, wagtail_localize.__version__)
    digest = hashlib.sha256(" ".join([*versions, SEED]).encode())
    for source in TEMPLATE_SOURCES:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


# The partner portal and one reviewer in every editorial group.
SEED = (
    "from tests.factories import UserFactory; "
    "from tests.workflow.factories import PartnerPortalFactory; "
    "PartnerPortalFactory(); UserFactory.one_per_group()"
)


@pytest.fixture(scope="module")
def cluster():
    """A migrated, seeded throwaway cluster, started; removed afterwards.

    Migrating takes a minute, so the migrated and seeded data folder is kept in
    the temporary directory as a template, keyed by the migrations and the seed
    code; later runs copy it.
    """
    pg = ThrowawayPostgres()
    template = Path(tempfile.gettempdir()) / f"kb-faults-pg-template-{_template_key()}"
    try:
        if template.exists():
            pg.start(template=template)
        else:
            pg.start()
            env = server_env(pg.url)
            manage("migrate", "--noinput", env=env, timeout=600)
            manage("shell", "-c", SEED, env=env)
            pg.save_template(template)
        yield pg
    finally:
        pg.cleanup()


@dataclass
class Answer:
    sent_at: float
    url: str
    status: int
    body: str
    retry_after: str | None
    #: When the answer had been read (a request sent just before a fault may be
    #: answered during it).
    answered_at: float = dataclasses.field(default_factory=time.monotonic)


class Traffic(threading.Thread):
    """Visitors asking the portal in a loop until stopped."""

    def __init__(self, base: str, paths: list[str]) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.paths = paths
        self.answers: list[Answer] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        index = 0
        while not self.stopped.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            self.answers.append(get(self.base + path))
            time.sleep(0.02)

    def sent_between(self, start: float, end: float) -> list[Answer]:
        """Answers to the requests sent from ``start`` to before ``end``."""
        return [a for a in list(self.answers) if start <= a.sent_at < end]

    def answered_before(self, end: float) -> list[Answer]:
        """Answers read before ``end``: the whole exchange happened before it."""
        return [a for a in list(self.answers) if a.answered_at < end]

    def wait_for(self, condition, what: str, timeout: float = 60) -> None:
        """Poll the answers until ``condition(answers)`` holds; fail after
        ``timeout`` seconds (a deadline, not a guess how long something takes)."""
        deadline = time.monotonic() + timeout
        while not condition(list(self.answers)):
            assert self.is_alive(), "the visitors stopped asking"
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(0.05)


def get(url: str, opener=None) -> Answer:
    opener = opener or urllib.request.build_opener()
    sent_at = time.monotonic()
    try:
        with opener.open(url, timeout=30) as response:
            status, body = response.status, response.read()
            retry_after = response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
        retry_after = error.headers.get("Retry-After")
    return Answer(sent_at, url, status, body.decode("utf-8", "replace"), retry_after)


def _csrf(opener, url: str) -> str:
    page = get(url, opener)
    assert page.status == HTTPStatus.OK, (url, page.status, page.body[:500])
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)[1]


def _post(opener, url: str, data: dict) -> Answer:
    request = urllib.request.Request(  # noqa: S310 - our own loopback server
        url, data=urllib.parse.urlencode(data).encode(), method="POST"
    )
    request.add_header("Referer", url)
    sent_at = time.monotonic()
    try:
        with opener.open(request, timeout=30) as response:
            return Answer(sent_at, response.url, response.status, "", None)
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        return Answer(sent_at, url, error.code, body, None)


class Partner:
    """The seeded partner in a browser: logs in, then sends the submission form."""

    def __init__(self, pg: ThrowawayPostgres, base: str) -> None:
        self.pg = pg
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def log_in(self) -> None:
        login = f"{self.base}/de/partner/login/"
        answer = _post(
            self.opener,
            login,
            {
                "csrfmiddlewaretoken": _csrf(self.opener, login),
                "username": "partner",
                "password": PASSWORD,
            },
        )
        assert answer.status == HTTPStatus.OK, answer.body[:2000]
        assert "/partner/submissions/" in answer.url

    def form(self, title: str) -> dict:
        """The filled-in form (read while the database is up)."""
        [(field,)] = self.pg.query(
            "select f.id from knowledge_fieldofaction f join wagtailcore_locale l "
            "on l.id = f.locale_id where f.slug = 'energy' and l.language_code = 'de'"
        )
        [(organisation, contact)] = self.pg.query(
            "select o.id, c.id from knowledge_organisation o "
            "join knowledge_contact c on c.organisation_id = o.id "
            "join wagtailcore_locale l on l.id = o.locale_id "
            "where o.name = 'Mobil im Dorf e.V.' and l.language_code = 'de'"
        )
        return {
            "csrfmiddlewaretoken": _csrf(
                self.opener, f"{self.base}/de/partner/submit/"
            ),
            "title": title,
            "teaser": "Ein Bus, der nach dem Neustart der Datenbank kam.",
            "body_text": "Er fährt jeden Tag.",
            "field_of_action": field,
            "organisation": organisation,
            "contact": contact,
            "contact_name": "",
            "contact_email": "",
            "image_description": "",
            "image_key": "",
            "document_key": "",
            "website": "",
            "confirm": "1",
        }

    def submit(self, form: dict) -> Answer:
        return _post(self.opener, f"{self.base}/de/partner/submit/", form)


def test_postgres_restarted_under_traffic__503_then_recovery_and_nothing_lost(
    cluster,
):
    with PortalServer(server_env(cluster.url)) as server:
        paths = ["/de/", "/da/search/?q=Mitfahrbank", "/api/v2/solutions/", "/en/"]
        for path in paths:
            warm = get(server.base + path)
            assert warm.status == HTTPStatus.OK, (path, warm.body[:2000])
        partner = Partner(cluster, server.base)
        partner.log_in()
        form = partner.form(TITLE)
        traffic = Traffic(server.base, paths)
        traffic.start()
        # Every answer is judged by when its request was sent; each phase waits
        # until the answers it needs have arrived, up to a deadline.
        traffic.wait_for(lambda a: len(a) >= 2 * len(paths), "answers before")
        restart_at = time.monotonic()
        cluster.restart()
        restarted_at = time.monotonic()
        traffic.wait_for(
            lambda a: any(
                x.sent_at >= restarted_at and x.status == HTTPStatus.OK for x in a
            ),
            "an answer from the restarted database",
        )
        stop_at = time.monotonic()
        cluster.stop()
        traffic.wait_for(
            lambda a: any(
                x.sent_at >= stop_at and x.status != HTTPStatus.OK for x in a
            ),
            "a request to reach the server while PostgreSQL is down",
        )
        # Sent while the database is down: refused with the advice to send again.
        during = partner.submit(form)
        cluster.start_again()
        started_at = time.monotonic()

        def recovered_for_a_while(answers: list[Answer]) -> bool:
            """An OK answer to a request sent after the start, and a few after it."""
            ok = [
                x.sent_at
                for x in answers
                if x.sent_at >= started_at and x.status == HTTPStatus.OK
            ]
            later = [x for x in answers if ok and x.sent_at > ok[0]]
            return len(later) >= 2 * len(paths)

        traffic.wait_for(recovered_for_a_while, "answers after the database is back")
        traffic.stopped.set()
        traffic.join(timeout=60)

        answers = traffic.answers
        statuses = {answer.status for answer in answers}
        assert HTTPStatus.INTERNAL_SERVER_ERROR not in statuses, server.output()
        assert statuses <= {HTTPStatus.OK, HTTPStatus.SERVICE_UNAVAILABLE}, statuses
        # A request in flight when the restart began may be refused (503) like
        # any sent during it; every one answered before it was answered.
        before = traffic.answered_before(restart_at)
        assert before and all(a.status == HTTPStatus.OK for a in before), [
            (a.url, a.status) for a in before if a.status != HTTPStatus.OK
        ]
        after_restart = traffic.sent_between(restarted_at, stop_at)
        assert any(a.status == HTTPStatus.OK for a in after_restart)
        down = [
            a
            for a in traffic.sent_between(stop_at, started_at)
            if a.status != HTTPStatus.OK
        ]
        assert down, "no request reached the server while PostgreSQL was down"
        for answer in down:
            assert answer.retry_after == "10"
        html = [a for a in down if "/da/" in a.url or a.url.endswith("/de/")]
        for answer in html:
            language = "da" if "/da/" in answer.url else "de"
            assert f'<html lang="{language}">' in answer.body
            assert in_language(language, RESTARTING) in answer.body
        # Once one request after the start was answered, all later ones are.
        first_ok = min(
            a.sent_at
            for a in traffic.sent_between(started_at, float("inf"))
            if a.status == HTTPStatus.OK
        )
        recovered = traffic.sent_between(first_ok, float("inf"))
        assert recovered and all(a.status == HTTPStatus.OK for a in recovered)
        assert server.process.poll() is None  # the same server, never restarted

        assert during.status == HTTPStatus.SERVICE_UNAVAILABLE
        assert in_language("de", RESEND) in during.body
        answer = partner.submit(form)  # sent again, as the page advised
        assert answer.status == HTTPStatus.OK, answer.body[:3000]
        assert answer.url.endswith("/de/partner/submissions/")

    # Stored once, in moderation, and its reviewers' notifications went out.
    [(page_id,)] = cluster.query(
        "select s.page_id from workflow_submission s "
        "join wagtailcore_page p on p.id = s.page_id where p.title = %s",
        [TITLE],
    )
    [(workflow_status,)] = cluster.query(
        "select status from wagtailcore_workflowstate "
        "where object_id = %s order by id desc limit 1",
        [str(page_id)],
    )
    assert workflow_status == "in_progress"
    mails = cluster.query(
        "select status from workflow_outboxmessage where kind = 'submitted'"
    )
    assert mails and {status for (status,) in mails} == {"sent"}


@pytest.mark.django_db
def test_database_error_page__503_in_the_visitors_language(client):
    """The handler itself, without a cluster: every query of the request fails, as
    with a dead database (whatever the portal keeps in the cache)."""
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    client.raise_request_exception = False
    for language in LANGUAGES:
        with connection.execute_wrapper(unreachable):
            response = client.get(f"/{language}/")
        assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert response["Retry-After"] == "10"
        assert f'<html lang="{language}">' in response.content.decode()
        assert in_language(language, RESEND) in response.content.decode()
