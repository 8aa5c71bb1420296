"""`eligibility draws update` against a local HTTP server: a good feed is cached, anything else changes nothing."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eligibility.draws.table import current_table
from tests.support import run_cli as run

# What the server answers, by path: (status, body, seconds to wait before answering).
ROUTES: dict[str, tuple[int, bytes, float]] = {}


def _feed(*rounds: dict[str, str]) -> bytes:
    return json.dumps({"classes": "wb-tables", "rounds": list(rounds)}).encode()


def _round(number: str, date: str, name: str = "Canadian Experience Class", size: str = "2,500",
           crs: str = "512", cutoff: str = "October 02, 2026 at 10:11:12 UTC") -> dict[str, str]:
    return {"drawNumber": number, "drawDate": date, "drawName": name, "drawSize": size, "drawCRS": crs,
            "drawCutOff": cutoff, "drawNumberURL": f"<a href='invitations.html?q={number}'>{number}</a>"}


GOOD = _feed(_round("446", "2026-10-14", "Provincial Nominee Program", "612", "745"),
             _round("445", "2026-10-07", "Trades Occupations, 2026-Version 3", "1,250", "468"))


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body, delay = ROUTES.get(self.path, (404, b"not found", 0.0))
        time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (time-out test)
            pass

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A server on 127.0.0.1 (a free port) for this module's tests, stopped at the end."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for the test."""
    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(tmp_path))
    return tmp_path / "ee-rounds.json"


def _update(url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            *extra: str) -> tuple[int, str, str]:
    return run(["draws", "update", "--url", url, *extra], capsys, monkeypatch)


def test_a_good_feed_is_cached_and_then_used(server: str, cache: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The feed is checked, written to the cache, and later commands use it because its last round is later."""
    ROUTES["/good.json"] = (200, GOOD, 0.0)
    code, out, err = _update(f"{server}/good.json", capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out == (f"updated: 2 rounds from {server}/good.json written to {cache}; "
                   "rounds known up to 2026-10-14\n")
    table, note = current_table()
    assert note is None and table.origin == "cache"
    assert [(r.number, r.type, r.invitations, r.lowest_score) for r in table.rounds] == [
        ("445", "category/trades", 1250, 468), ("446", "provincial-nominee", 612, 745)]
    _, out, _ = run(["draws", "--since", "2026-10-01"], capsys, monkeypatch)
    assert f"rounds: cached IRCC feed ({cache}), fetched" in out and "rounds known up to 2026-10-14" in out


def _assert_unchanged(cache: Path, before: bytes | None) -> None:
    assert (cache.read_bytes() if cache.exists() else None) == before
    assert [p.name for p in cache.parent.iterdir() if p.name.startswith(".rounds-")] == []


@pytest.mark.parametrize(("route", "answer", "message"), [
    ("/error.json", (500, b"oops", 0.0), "HTTP 500 Internal Server Error; the previous data is unchanged"),
    ("/html.json", (200, b"<html>maintenance</html>", 0.0), "expected the rounds feed (JSON), found unreadable text"),
    ("/shape.json", (200, b'{"classes": "wb-tables"}', 0.0),
     '$: expected {"rounds": [...]}, found a mapping without a rounds list; the previous data is unchanged'),
    ("/bad.json", (200, _feed(_round("447", "2026-10-21", crs="high"), _round("446", "2026-10-14", size="")), 0.0),
     '$.rounds[0].drawCRS: expected a score from 0 to 1200, found "high" (and 1 more problems); '
     "the previous data is unchanged"),
    ("/slow.json", (200, GOOD, 1.5), "download failed (timed out); the previous data is unchanged"),
])
def test_a_failed_or_malformed_download_changes_nothing(
        server: str, cache: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        route: str, answer: tuple[int, bytes, float], message: str) -> None:
    """A 500, non-JSON, a wrong shape, bad rounds or a time-out: one line on stderr, exit 2, cache untouched."""
    ROUTES["/good.json"] = (200, GOOD, 0.0)
    assert _update(f"{server}/good.json", capsys, monkeypatch)[0] == 0
    before = cache.read_bytes()
    ROUTES[route] = answer
    code, out, err = _update(f"{server}{route}", capsys, monkeypatch, "--timeout", "0.5")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err
    _assert_unchanged(cache, before)


def test_an_oversized_download_is_refused(server: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body larger than the bound is refused before it is parsed; no cache file appears."""
    from eligibility.draws.update import UpdateError, update

    ROUTES["/big.json"] = (200, GOOD, 0.0)
    with pytest.raises(UpdateError, match=r"expected at most 100 bytes, the server announced \d+"):
        update(f"{server}/big.json", timeout=2, max_bytes=100)
    _assert_unchanged(cache, None)


def test_only_http_urls_are_fetched(cache: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A file: URL is refused without reading anything."""
    code, _, err = _update("file:///etc/passwd", capsys, monkeypatch)
    assert code == 2
    assert err == "draws update: file:///etc/passwd: expected an http(s) URL; the previous data is unchanged\n"
    _assert_unchanged(cache, None)


def test_an_older_cache_loses_to_the_bundled_table(server: str, cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed whose last round (2026-09-01) is before the bundled table's (2026-09-16) is stored but not used."""
    ROUTES["/old.json"] = (200, _feed(_round("439", "2026-09-01", crs="521", size="2,000",
                                             cutoff="August 18, 2026 at 03:24:13 UTC")), 0.0)
    from eligibility.draws.update import update

    update(f"{server}/old.json", timeout=2)
    table, _ = current_table()
    assert table.origin == "bundled" and str(table.last_round) == "2026-09-16"
