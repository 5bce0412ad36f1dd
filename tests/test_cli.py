"""The console script and the tour."""

import io
import subprocess
import sys

from cooptheory import cli


def test_tour_runs_every_present_section():
    buf = io.StringIO()
    rc = cli._run_tour(buf)
    text = buf.getvalue()
    assert rc == 0, text
    assert "Prisoner's dilemma" in text
    assert "section failed" not in text


def test_module_entry_point_and_solve(tmp_path):
    from solvers import NormalFormGame, write_nfg

    path = tmp_path / "pd.nfg"
    write_nfg(NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]), path)
    out = subprocess.run([sys.executable, "-m", "cooptheory", "version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip()
