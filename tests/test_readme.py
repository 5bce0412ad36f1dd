"""The README's code runs: every python block executes (lines with ``...`` placeholders skipped)."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_has_the_two_quickstart_commands():
    text = README.read_text(encoding="utf-8")
    assert "pip install -e . && cooptheory tour" in text
    assert 'pip install -e ".[test]" && pytest' in text


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = [line for line in BLOCKS[index].splitlines() if "..." not in line and "(original, substitute)" not in line]
    exec(compile("\n".join(lines), f"README block {index}", "exec"), {})
