"""The HTTP service (`eligibility serve`, the `[server]` extra): the engine as a JSON API and a web page."""

from __future__ import annotations

import ipaddress
import os

from eligibility.errors import UsageError

#: The environment variable holding the API key every request must then send as a bearer token.
API_KEY_ENV = "ELIGIBILITY_API_KEY"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(host: str = "127.0.0.1", port: int = 8000, rules: str | None = None) -> None:
    """Run the service with uvicorn; on a non-loopback address only with an API key set."""
    try:
        import uvicorn

        from eligibility.server.app import create_app
    except ImportError as exc:
        raise UsageError(f"the HTTP service needs the server extra: pip install 'eligibility[server]' "
                         f"(missing {exc.name})") from None
    key = os.environ.get(API_KEY_ENV) or None
    if not is_loopback(host) and key is None:
        raise UsageError(f"--host {host}: refusing to listen beyond this machine without an API key; set "
                         f"{API_KEY_ENV} (every request must then send Authorization: Bearer <key>)")
    if not 0 < port < 65536:
        raise UsageError(f"--port: expected a port from 1 to 65535, found {port}")
    from eligibility.api import rules as load_rules

    app = create_app(load_rules(rules), api_key=key)
    uvicorn.run(app, host=host, port=port, log_level="info", limit_concurrency=64, timeout_keep_alive=5,
                h11_max_incomplete_event_size=64 * 1024)
