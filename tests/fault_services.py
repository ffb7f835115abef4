"""Real faults on this machine for tests/test_faults.py: an SMTP server on loopback
that can be there or not, and a throwaway PostgreSQL cluster that can be restarted
under traffic without touching the shared server on 5432.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

__all__ = [
    "SmtpSink",
    "ThrowawayPostgres",
    "closed_local_port",
    "free_port",
    "postgres_bin_dir",
]


def free_port() -> int:
    """A loopback port free at the moment of asking."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def closed_local_port() -> int:
    """A local TCP port verified to refuse connections."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as check:
        check.settimeout(1)
        if check.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is open")
    return port


# SMTP ----------------------------------------------------------------------------


@dataclass
class SmtpSink:
    """A real SMTP server on a loopback port (aiosmtpd) that keeps what it gets."""

    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd API
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            message_from_bytes(envelope.original_content, policy=policy.default)
        )
        return "250 Message accepted for delivery"

    def __enter__(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        self.port = self.port or free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()


# PostgreSQL ------------------------------------------------------------------------


def postgres_bin_dir() -> Path | None:
    """The newest PostgreSQL server binaries of the machine (Debian's layout)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
    )
    for candidate in reversed(found):
        if (Path(candidate) / "initdb").exists() and (
            Path(candidate) / "pg_ctl"
        ).exists():
            return Path(candidate)
    for name in ("initdb", "pg_ctl"):
        if shutil.which(name) is None:
            return None
    return Path(shutil.which("initdb")).parent


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in a temporary folder on a free port.

    As root, the server binaries run as the ``postgres`` OS user (PostgreSQL
    refuses to run as root); otherwise as the current user.
    """

    def __init__(self) -> None:
        self.bin_dir = postgres_bin_dir()
        if self.bin_dir is None:
            pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres and shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        self.root = Path(tempfile.mkdtemp(prefix="kb-faults-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        if self.as_postgres:
            shutil.chown(self.root, user="postgres", group="postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/kb_faults"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            command = [shutil.which("runuser"), "-u", "postgres", "--", *command]
        return subprocess.run(  # noqa: S603 - fixed binaries, our own arguments
            command, capture_output=True, text=True, check=check, timeout=120
        )

    def start(self, template: Path | None = None) -> None:
        """Create the cluster (a copy of ``template``'s data folder if given) and
        start it."""
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._options = options
        if template is not None:
            self._copy(template, self.data)
            self._pg_ctl("start", "-o", options)
            return
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self._pg_ctl("start", "-o", options)
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "kb_faults",
        )  # fmt: skip

    def _copy(self, source: Path, target: Path) -> None:
        """Copy a data folder keeping its owner and modes (as ``postgres``)."""
        if self.as_postgres:
            subprocess.run(  # noqa: S603 - fixed command
                [
                    shutil.which("runuser") or "runuser",
                    "-u",
                    "postgres",
                    "--",
                    "cp",
                    "-a",
                    str(source),
                    str(target),
                ],
                check=True,
                timeout=120,
            )
        else:
            shutil.copytree(source, target, symlinks=True)

    def save_template(self, template: Path) -> None:
        """Keep a copy of the stopped cluster's data folder at ``template`` (for
        the next run), then start again. Older templates are removed."""
        self.stop()
        for old in template.parent.glob("kb-faults-pg-template-*"):
            shutil.rmtree(old, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix="kb-faults-pg-staging-"))
        if self.as_postgres:
            shutil.chown(staging, user="postgres", group="postgres")
        self._copy(self.data, staging / "data")
        (staging / "data" / "postmaster.pid").unlink(missing_ok=True)
        try:
            os.rename(staging / "data", template)
        except OSError:
            if not template.exists():
                raise  # else another test run saved the same template first
        shutil.rmtree(staging, ignore_errors=True)
        self.start_again()

    def start_again(self) -> None:
        """Start the stopped cluster."""
        self._pg_ctl("start", "-o", self._options)

    def _pg_ctl(self, action: str, *extra: str) -> None:
        result = self._run(
            "pg_ctl", action, "-D", str(self.data), "-l", str(self.log), "-w",
            "-t", "60", *extra, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(
                f"pg_ctl {action} failed: {result.stdout}{result.stderr}"
                f"{self.log.read_text() if self.log.exists() else ''}"
            )

    def restart(self) -> None:
        """``pg_ctl restart -m fast``: every connection is cut, then it comes back."""
        self._pg_ctl("restart", "-m", "fast", "-o", self._options)

    def stop(self) -> None:
        """``pg_ctl stop -m fast``: the server is gone until :meth:`start_again`."""
        self._pg_ctl("stop", "-m", "fast")

    def cleanup(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._pg_ctl("stop", "-m", "immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as conn:
            return conn.execute(sql, params).fetchall()


def manage(*args: str, env: dict, timeout: int = 300) -> str:
    """Run ``manage.py`` with ``env``; its output, or a failure with it."""
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-3000:]}")
    return result.stdout


def server_env(database_url: str) -> dict:
    """Environment of a portal process on ``database_url``, no other services."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"REDIS_URL", "ELASTICSEARCH_URL", "OPENSEARCH_URL", "DATABASE_URL"}
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        PYTHONPATH=str(BASE_DIR),
    )
    return env


class PortalServer:
    """gunicorn serving the portal (one worker, two threads) on a free port."""

    def __init__(self, env: dict) -> None:
        self.env = env
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept for the test
            prefix="kb-faults-gunicorn-", suffix=".log", delete=False
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> PortalServer:
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn command
            [
                sys.executable, "-m", "gunicorn", "cms.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
                "--threads", "2", "--worker-class", "gthread", "--timeout", "60",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.output()}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-5000:]

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)
