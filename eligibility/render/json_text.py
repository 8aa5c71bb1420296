"""JSON text, written by orjson: compact for programs (HTTP, batch lines, ``to_json(indent=None)``), indented
by two spaces for people (the command line's ``--format json``, ``to_json()``).

Results reach this module as plain data (eligibility.render.data), so orjson writes them without calling
back into Python. Other command outputs may hold what orjson refuses (keys that are not text, integers
beyond 64 bits): those are written by the standard library instead, to the same JSON.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(data: Any, indent: bool = False) -> bytes:
    """``data`` as UTF-8 JSON: indented by two spaces when ``indent``, else compact; no trailing newline."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0)
    except orjson.JSONEncodeError:
        return json.dumps(data, indent=2 if indent else None, separators=None if indent else (",", ":"),
                          ensure_ascii=False).encode()


def text(data: Any, indent: bool = True) -> str:
    """``data`` as JSON text for a terminal or a file (indented unless ``indent=False``)."""
    return dumps(data, indent).decode()


def line(data: Any) -> str:
    """``data`` as one compact line of JSON Lines, ending in a newline."""
    return dumps(data).decode() + "\n"
