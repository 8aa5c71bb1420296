"""Headless Chromium for the tests that look at pages: Debian's `chromium`, driven by Playwright.

No browser is downloaded: Playwright is pointed at the system Chromium. Where there is none (a
developer's laptop) the tests that need it are skipped with the reason; in CI (``CI`` set) they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    """The system Chromium, or None."""
    env = os.environ.get("ELIGIBILITY_CHROMIUM")
    if env:
        return env
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


def require_chromium() -> str:
    """The Chromium path; skip the test without one, except in CI where a missing browser is a failure."""
    path = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium and the playwright package (see .ci/run)")
        pytest.skip("no system Chromium (apt-get install chromium) or no playwright package")
    return path


@contextmanager
def browser_page() -> Iterator[Any]:
    """A fresh page in headless Chromium; closed afterwards."""
    from playwright.sync_api import sync_playwright

    path = require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.set_default_timeout(20_000)
            yield page
        finally:
            browser.close()


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running_server(app: Any, seconds: float = 10.0) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on loopback in a thread; yield its base URL; stop it after."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + seconds
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(seconds)
