"""The generated profiles of the benchmarks and tools (``tests.strategies.drawn_profile_data``) depend on the
seed alone, not on the modules the process imported before drawing them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a process of its own: draw, import a module full of new literal constants, draw the same seed again.
SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from tests.strategies import drawn_profile_data
before = drawn_profile_data(40, 20261201)
sys.path.insert(0, {folder!r})
import constants_for_drawn_profiles
after = drawn_profile_data(40, 20261201)
print(len(before), after == before)
"""


def test_drawn_profiles_do_not_depend_on_the_modules_loaded(tmp_path: Path) -> None:
    """A module of new literal constants imported between two draws of the same seed changes no profile
    (Hypothesis draws now and then from the constants of the local modules loaded, unless the draw empties
    that pool); in a fresh process, as a benchmark draws them."""
    folder = tmp_path / "constants"
    folder.mkdir()
    lines = [f"NUMBERS_{i} = ({', '.join(str(i * 97 + k) for k in range(40))})" for i in range(20)]
    (folder / "constants_for_drawn_profiles.py").write_text("\n".join(lines) + "\n")
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(root=str(ROOT), folder=str(folder))],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["40", "True"]
