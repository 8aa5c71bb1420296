"""Fuzzing the example profiles: every variant, whatever its bytes, ends in a result or a clean error.

The example profiles (profiles/*.yaml) are mutated in their bytes (flipped, inserted, deleted and
repeated spans, control and bidi characters, deep brackets, long numbers) and in their structure
(values replaced by NaN, huge numbers, padded codes, week dates, nulls, "none", deep lists, wrong
kinds, unknown keys), then written as YAML, JSON or TOML and run through the loader and the evaluator;
a sample also runs through the command line, and a smaller one through the durable engine. A clean
error is an InputError or UsageError whose lines are printable and bounded; a result must serialize
to strict JSON (no NaN). The run is seeded and bounded: ``ELIGIBILITY_FUZZ`` sets the number of
variants (default 2,000, about a minute; ``ELIGIBILITY_FUZZ=100000`` for a long run) and
``ELIGIBILITY_FUZZ_SEED`` the seed; the counts are printed (``pytest -s``).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from eligibility.api import evaluate, rules, to_json
from eligibility.cli import main
from eligibility.declarations import declaration_keys
from eligibility.documents import read_document
from eligibility.errors import EligibilityError
from eligibility.profile.load import profile_from_text

ROOT = Path(__file__).parents[1]
VARIANTS = int(os.environ.get("ELIGIBILITY_FUZZ", "2000"))
SEED = int(os.environ.get("ELIGIBILITY_FUZZ_SEED", "20261130"))
#: One variant in CLI_EVERY also runs through the command line, one in DURABLE_EVERY through durable.
CLI_EVERY = 25
DURABLE_EVERY = 100
AS_OF = (dt.date(2023, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 3, 1))

#: Values a structural mutation puts in place of another: each broke a promise once (issue 12).
ODD_VALUES: list[Any] = [
    math.nan, math.inf, -math.inf, 1e16, 1e300, -1, 0, 10**15, 2**63, 168, 169, 1000, 0.5, -0.0, True, None,
    "none", "", " ", " 21231", "21231 ", "CA\n", "ca", "2025-W23-1", "20250601", "0001-01-01", "9999-12-31",
    "2199-01-01", "1900-01-01", "x" * 300, "\u202eevil", "a\x00b", "\ud800", [], {}, [[[[[[]]]]]],
    {"1": 2}, "celpip_general_ls", "Skilled Trades Ontario", "ON", "married", "single", [None], [1, 2, 3],
]
BYTE_NOISE = ["\x00", "\x1b", "\u202e", "\ufeff", "\ud800", "\\ud800", "\t", "\r", "\n", "[", "{", "]", "}",
              ":", "-", "#", '"', "'", "&a", "*a", "!!binary", "!!python/object:os.system", "? ", "~", "<<: ",
              "NaN", "1e999", "9" * 50, "[" * 1200, "{a: " * 40, "\\"]


def _toml(data: dict[str, Any]) -> str:
    """Data as TOML: top-level keys as lines, everything else inline (None has no TOML: "none")."""
    def value(v: Any) -> str:
        if v is None:
            return '"none"'
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return {math.inf: "inf", -math.inf: "-inf"}.get(v, "nan" if v != v else repr(v))
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(str(k))} = {value(x)}" for k, x in v.items()) + "}"
        return json.dumps(str(v))

    return "".join(f"{json.dumps(str(k))} = {value(v)}\n" for k, v in data.items())


def _write(data: Any, kind: str) -> str:
    if kind == "json":
        return json.dumps(data, default=str)
    if kind == "toml" and isinstance(data, dict):
        return _toml(data)
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the data (keys and indexes)."""
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _nodes(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _nodes(v, (*path, i))
    return out


def _mutate_structure(data: Any, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        paths = _nodes(data)
        path = rng.choice(paths[1:]) if len(paths) > 1 else ()
        if not path:
            return rng.choice(ODD_VALUES)
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = rng.random()
        if action < 0.6:
            parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif action < 0.75 and isinstance(parent, dict):
            del parent[last]
        elif action < 0.85 and isinstance(parent, dict):
            parent[rng.choice(["brith_date", "noc", "spouse", "job_offer", "x", "declarations"])] = rng.choice(
                ODD_VALUES)
        elif isinstance(parent, list):
            parent.extend(copy.deepcopy(parent[last]) for _ in range(rng.choice([1, 2, 150])))
        else:
            parent[last] = [parent[last]] * rng.choice([2, 101])
    return data


def _mutate_bytes(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        action = rng.random()
        if action < 0.4:
            text = text[:at] + rng.choice(BYTE_NOISE) + text[at:]
        elif action < 0.6:
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif action < 0.75:
            text = text[:at] + chr(rng.randrange(0x110000)) + text[at + 1:]
        elif action < 0.9:
            span = text[at:at + rng.randint(1, 80)]
            text = text[:at] + span * rng.choice([2, 3, 50]) + text[at:]
        else:
            text = text[:at]
    return text


def _variant(bases: list[tuple[str, Any]], rng: random.Random) -> tuple[str, str]:
    _, data = rng.choice(bases)
    kind = rng.choice(["yaml", "json", "toml"])
    if rng.random() < 0.5:
        data = _mutate_structure(data, rng)
    text = _write(data, kind)
    if rng.random() < 0.5:
        text = _mutate_bytes(text, rng)
    return text, kind


def _strict_json(text: str) -> None:
    def refuse(constant: str) -> Any:
        raise AssertionError(f"not strict JSON: {constant}")

    json.loads(text, parse_constant=refuse)


def _clean_lines(lines: list[str]) -> None:
    assert lines
    for line in lines:
        assert line.isprintable(), line
        assert len(line) <= 1300


def _run_cli(path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "argv", ["eligibility", "evaluate", str(path), "--as-of", "2025-06-01",
                                      "--format", "json"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out = capsys.readouterr()
    code = int(exit_info.value.code or 0)
    assert code in (0, 2), out.err
    assert "Traceback" not in out.err
    if code == 0:
        _strict_json(out.out)
    else:
        _clean_lines(out.err.splitlines())
    return code


def test_fuzzed_profiles_end_in_a_result_or_a_clean_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of mutated example profiles each give a strict-JSON result or one clean line per problem."""
    library = rules()
    declared = declaration_keys(library)
    bases = [(p.name, json.loads(json.dumps(read_document(p)))) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    rng = random.Random(SEED)
    counts: Counter[str] = Counter()
    crashes: list[str] = []
    for index in range(VARIANTS):
        text, kind = _variant(bases, rng)
        source = f"variant-{index}.{kind}"
        try:
            profile = profile_from_text(text, kind, source, declarations=declared)
            engine = "durable" if index % DURABLE_EVERY == 0 else "native"
            result = evaluate(profile, rng.choice(AS_OF), library=library, engine=engine)
            _strict_json(to_json(result))
            counts["result"] += 1
        except EligibilityError as exc:
            _clean_lines(exc.lines())
            counts["clean error"] += 1
        except Exception as exc:
            crashes.append(f"{source}: {type(exc).__name__}: {exc!s:.200} <- {text[:300]!r}")
        if index % CLI_EVERY == 0:
            path = tmp_path / f"variant.{kind}"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            counts[f"cli exit {_run_cli(path, capsys, monkeypatch)}"] += 1
    counts["crash"] = len(crashes)
    with capsys.disabled():
        print(f"\nfuzz (seed {SEED}): {VARIANTS} variants: {dict(sorted(counts.items()))}")
    assert not crashes, "\n".join(crashes[:20])
    assert counts["result"] > 0
    assert counts["clean error"] > 0
