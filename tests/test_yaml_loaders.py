"""LibYAML's loader (used when PyYAML has it) reads every file exactly as the pure-Python loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eligibility import documents
from eligibility.documents import parse_text
from eligibility.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
GOOD = sorted([*ROOT.glob("rulesets/**/*.yaml"), *ROOT.glob("profiles/*.yaml")])
needs_libyaml = pytest.mark.skipif(not documents._CLOADERS, reason="PyYAML was built without LibYAML")


@needs_libyaml
@pytest.mark.parametrize("path", GOOD, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_loaders_read_alike(path: Path) -> None:
    """Each ruleset and example profile gives the same data with the C and the pure-Python loader."""
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=documents._CLoader) == yaml.load(text, Loader=documents._PyLoader)


@needs_libyaml
def test_yaml_1_2_scalars_with_libyaml() -> None:
    """With LibYAML too, ON is Ontario, no is text, 00012 is a code, dates are text, true is a boolean."""
    text = "p: ON\nq: no\nnoc: 00012\nd: 2024-01-02\nb: true\nn: 12\nf: 1.5\n"
    assert yaml.load(text, Loader=documents._CLoader) == {
        "p": "ON", "q": "no", "noc": "00012", "d": "2024-01-02", "b": True, "n": 12, "f": 1.5}


def test_problems_keep_the_pure_python_wording() -> None:
    """A document LibYAML refuses is reported with the pure-Python loader's message and line."""
    with pytest.raises(InputError) as caught:
        parse_text("name: broken\nwork: [ {noc: \"21231\"\n", "yaml", "p.yaml")
    assert "line 3: not valid YAML: expected ',' or '}', but got '<stream end>'" in str(caught.value)


def test_nesting_bound_with_either_loader() -> None:
    """33 levels of nesting are refused and 32 are read, as the pure-Python composer counts them."""
    def nested(levels: int) -> str:
        return "a: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"

    assert parse_text(nested(32), "yaml", "p.yaml") is not None
    with pytest.raises(InputError, match="expected at most 32 levels of nesting"):
        parse_text(nested(33), "yaml", "p.yaml")
