"""ASGI middleware that keeps the service safe: a bound on body size, and the API key when one is set.

Both run before any route, so that a huge or unauthenticated request costs almost nothing.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths answered without an API key (a load balancer's health probe carries none).
OPEN_PATHS = frozenset({"/healthz"})


async def send_json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] = ()  # type: ignore[assignment]
                    ) -> None:
    """Answer with a JSON body, bypassing the application."""
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": payload})


def _error(message: str, path: str = "$") -> dict[str, Any]:
    return {"errors": [{"source": "<request>", "path": path, "expected": None, "found": None, "message": message,
                        "line": f"<request>: {path}: {message}"}]}


class TooLarge(Exception):
    """The body grew past the limit while it was being received."""


class BodyLimit:
    """Refuse bodies over ``limit`` bytes with 413: at once by Content-Length, else while they stream in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        too_large = _error(f"expected a body of at most {self.limit:,} bytes, found more")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await send_json(send, 413, too_large)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except TooLarge:
            if not started:
                await send_json(send, 413, too_large)


class ApiKey:
    """When a key is set, every request but the health probe must send ``Authorization: Bearer <key>``."""

    def __init__(self, app: ASGIApp, key: str | None) -> None:
        self.app = app
        self.key = key.encode() if key else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.key is None or scope["type"] != "http" or scope.get("path") in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, token = header.partition(b" ")
        # compare_digest takes the same time whatever the token, so timing tells nothing of the key.
        if scheme.lower() == b"bearer" and hmac.compare_digest(token.strip(), self.key):
            await self.app(scope, receive, send)
            return
        await send_json(send, 401, _error("expected the header Authorization: Bearer <API key>, found none "
                                          "or a wrong key", "$.headers.authorization"),
                        [(b"www-authenticate", b"Bearer")])
