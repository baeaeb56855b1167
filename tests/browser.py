"""Headless Chromium driven over the DevTools protocol, for the browser tests.

Chromium speaks the protocol over a pair of pipes (``--remote-debugging-pipe``:
it reads commands on file descriptor 3 and writes replies and events on 4, each
message one JSON text ended by a NUL byte), so no websocket library and no
network port are needed: the standard library is enough.

The browser runs with a fresh profile and with the features that reach the
network on their own switched off, so any request it reports came from the
page under test.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Names the Chromium binary goes by: Debian's package, other distributions, Chrome.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)

#: How long one protocol command may take before the test gives up.
TIMEOUT = 60.0


def find_chromium() -> str | None:
    """The path of a Chromium binary on PATH (or in ``$CHROMIUM``), else ``None``."""
    given = os.environ.get("CHROMIUM")
    if given:
        return shutil.which(given)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_mermaid() -> Path | None:
    """Mermaid's browser bundle, ``mermaid.min.js``, named by ``$JOURNEYCHECK_MERMAID``.

    ``.ci/run`` installs the npm package ``mermaid`` (GitHub draws diagrams with its
    10.x line) into a temporary folder and sets the variable; nothing is fetched at
    test time.
    """
    given = os.environ.get("JOURNEYCHECK_MERMAID")
    if not given:
        return None
    path = Path(given)
    return path if path.is_file() else None


class BrowserError(Exception):
    """The browser did not answer as the protocol says it should."""


@dataclass
class PageLog:
    """What a page did while it loaded: requests, console errors, exceptions, log errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)


class Session:
    """One browser tab, attached with a flat session id."""

    def __init__(self, browser: Browser, session_id: str) -> None:
        self.browser = browser
        self.session_id = session_id
        self.log = PageLog()

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session_id=self.session_id)

    def load(self, url: str, *, width: int, height: int = 800, javascript: bool = True) -> None:
        """Open ``url`` at ``width`` CSS pixels and wait until it has loaded."""
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.send("Emulation.setScriptExecutionDisabled", {"value": not javascript})
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session_id)

    def wait_until(self, expression: str, *, seconds: float = 30.0) -> Any:
        """The value of ``expression`` once it is truthy, checked every tenth of a second."""
        import time

        deadline = time.monotonic() + seconds
        while True:
            value = self.evaluate(expression)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.1)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of ``expression`` evaluated in the page."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression!r} failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def dom(self) -> str:
        """The rendered document as HTML (what ``--dump-dom`` prints)."""
        root = self.send("DOM.getDocument", {"depth": -1})["root"]
        html: str = self.send("DOM.getOuterHTML", {"nodeId": root["nodeId"]})["outerHTML"]
        return html

    def screenshot(self, path: Path, *, width: int, until: str | None = None) -> None:
        """A PNG of the page, ``width`` CSS pixels wide, down to the end of ``until``.

        ``until`` is a CSS selector; without it, or when nothing matches, the PNG
        shows the whole page.
        """
        bottom = "document.documentElement.scrollHeight"
        if until is not None:
            found = f"document.querySelector({json.dumps(until)})"
            bottom = f"({found} ? {found}.getBoundingClientRect().bottom + 24 : {bottom})"
        height = int(self.evaluate(f"Math.ceil({bottom})"))
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        data = self.send("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(data["data"]))

    def pdf(self, path: Path, *, paper: tuple[float, float]) -> bytes:
        """Print to PDF on paper of ``paper`` inches, as Chromium's print dialog would."""
        width, height = paper
        data = self.send(
            "Page.printToPDF",
            {
                "paperWidth": width,
                "paperHeight": height,
                "printBackground": True,
                "preferCSSPageSize": False,
                "marginTop": 0,
                "marginBottom": 0,
                "marginLeft": 0,
                "marginRight": 0,
            },
        )
        content = base64.b64decode(data["data"])
        path.write_bytes(content)
        return content

    def handle(self, method: str, params: dict[str, Any]) -> None:
        log = self.log
        if method == "Network.requestWillBeSent":
            log.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params["type"] in {"error", "assert"}:
            log.console_errors.append(" ".join(str(a.get("value", "")) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            log.exceptions.append(params["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            log.log_errors.append(params["entry"].get("text", ""))


class Browser:
    """A headless Chromium process and its protocol pipes."""

    def __init__(self, binary: str, profile: Path) -> None:
        import fcntl

        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        # Chromium wants the pipes as descriptors 3 and 4. A small Python process puts
        # them there and becomes Chromium; it first moves them above 4, so that neither
        # move overwrites the other.
        for low in (commands_read, replies_write):
            high = fcntl.fcntl(low, fcntl.F_DUPFD, 10)
            os.close(low)
            if low == commands_read:
                commands_read = high
            else:
                replies_write = high
        arguments = [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"]
        place = (
            "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
            "os.execv(sys.argv[3], sys.argv[3:])"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", place, str(commands_read), str(replies_write), *arguments],
            pass_fds=(commands_read, replies_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        self._pending: list[dict[str, Any]] = []
        self.sessions: dict[str, Session] = {}

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session_id: str | None = None
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session_id is not None:
            message["sessionId"] = session_id
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
            self._dispatch(reply)

    def wait_for(self, event: str, session_id: str) -> dict[str, Any]:
        while True:
            message = self._receive()
            self._dispatch(message)
            if message.get("method") == event and message.get("sessionId") == session_id:
                params: dict[str, Any] = message["params"]
                return params

    def open(self) -> Session:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session_id = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        session = Session(self, session_id)
        self.sessions[session_id] = session
        return session

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._replies)

    def _dispatch(self, message: dict[str, Any]) -> None:
        session = self.sessions.get(message.get("sessionId", ""))
        if session is not None and "method" in message:
            session.handle(message["method"], message.get("params", {}))

    def _receive(self) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._replies], [], [], TIMEOUT)
            if not ready:
                raise BrowserError(f"Chromium sent nothing for {TIMEOUT:g} seconds")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium closed its pipe (exit code {self.process.poll()})")
            self._buffer += chunk
        text, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(text)
        return message


@contextmanager
def chromium(binary: str) -> Iterator[Browser]:
    """A headless Chromium with a fresh profile, closed (and its profile removed) after use."""
    with tempfile.TemporaryDirectory(prefix="journeycheck-chromium-") as profile:
        browser = Browser(binary, Path(profile))
        try:
            yield browser
        finally:
            browser.close()


def pdf_pages(content: bytes) -> list[int]:
    """The object numbers of a PDF's pages, in page order.

    Enough PDF for what Chromium writes: its dictionaries are not compressed, and
    its page tree is reached from the catalog's ``/Pages``.
    """
    objects = _pdf_objects(content)
    catalog = next(body for body in objects.values() if b"/Type /Catalog" in body)
    root = _pdf_ref(catalog, b"/Pages")
    pages: list[int] = []

    def walk(number: int) -> None:
        body = objects[number]
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
            assert kids is not None
            for kid in re.findall(rb"(\d+) 0 R", kids.group(1)):
                walk(int(kid))
        else:
            pages.append(number)

    walk(root)
    return pages


def pdf_destinations(content: bytes) -> dict[str, int]:
    """The page (from 0) of each named destination: where each linked-to id was printed."""
    objects = _pdf_objects(content)
    catalog = next(body for body in objects.values() if b"/Type /Catalog" in body)
    if b"/Dests" not in catalog:
        return {}
    order = {number: index for index, number in enumerate(pdf_pages(content))}
    dests = objects[_pdf_ref(catalog, b"/Dests")]
    return {
        name.decode("utf-8"): order[int(page)]
        for name, page in re.findall(rb"/([^\s/\[\]<>()]+)\s*\[(\d+) 0 R", dests)
    }


_OBJECT = re.compile(rb"(?ms)^(\d+) 0 obj\b(.*?)(?:\bstream\r?\n|\bendobj\b)")


def _pdf_objects(content: bytes) -> dict[int, bytes]:
    """Each object's dictionary (a stream's data left out), by object number."""
    return {int(match.group(1)): match.group(2) for match in _OBJECT.finditer(content)}


def _pdf_ref(body: bytes, key: bytes) -> int:
    match = re.search(re.escape(key) + rb"\s+(\d+) 0 R", body)
    assert match is not None, key
    return int(match.group(1))
