"""The ``cooptheory`` command line.

``cooptheory tour``
    Run every part of the library on embedded examples and print a compact table per part.
    Parts that do not exist yet are absent from the tour.
``cooptheory solve FILE.nfg [--method M] [--float]``
    Read a Gambit ``.nfg`` file and print its equilibria.
``cooptheory version``
    Print the installed version.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from typing import Sequence

# The tour's sections, in order: (module in this package, title).  A section whose module is
# missing (that part is not written yet) is skipped; an error inside a section is reported.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("tour_games", "solvers: the game model and exact regret certificates"),
    ("tour_solvers_core", "solvers: Nash equilibria (support enumeration, Lemke-Howson)"),
    ("tour_solvers_extreme", "solvers: all extreme equilibria, exact"),
    ("tour_solvers_misc", "solvers: pure equilibria, dominance, zero-sum, correlated"),
    ("tour_decision", "decision: CDT, EDT and UDT/FDT on Newcomblike problems"),
    ("tour_bargaining", "bargaining: axiomatic solutions, Rubinstein, coalitions"),
    ("tour_negotiation", "bargaining: negotiation over large outcome spaces"),
    ("tour_spi", "spi: safe Pareto improvements"),
    ("tour_programs", "spi.programs: modal agents in provability logic"),
)


def _run_tour(out=None) -> int:
    out = sys.stdout if out is None else out
    failures = 0
    shown = 0
    out.write("cooptheory tour: every part on embedded examples\n")
    for modname, title in SECTIONS:
        try:
            module = importlib.import_module(f"cooptheory.{modname}")
        except ModuleNotFoundError as exc:
            if exc.name == f"cooptheory.{modname}":
                continue
            raise
        t0 = time.perf_counter()
        out.write("\n" + "=" * 78 + f"\n{title}\n" + "=" * 78 + "\n")
        try:
            text = module.section()
        except Exception as exc:  # a broken section must not hide the others
            failures += 1
            out.write(f"[section failed: {type(exc).__name__}: {exc}]\n")
            continue
        out.write(text.rstrip() + "\n")
        out.write(f"({time.perf_counter() - t0:.2f} s)\n")
        shown += 1
    out.write(f"\n{shown} part(s) shown" + (f", {failures} failed" if failures else "") + "\n")
    return 1 if failures else 0


def _run_solve(path: str, method: str, use_float: bool) -> int:
    import solvers

    game = solvers.read_nfg(path)
    if use_float:
        game = game.as_float()
    func = getattr(solvers, method)
    res = func(game)
    print(game)
    print(res)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cooptheory`` console script."""
    parser = argparse.ArgumentParser(prog="cooptheory", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("tour", help="run every part on embedded examples")
    p_solve = sub.add_parser("solve", help="equilibria of a Gambit .nfg file")
    p_solve.add_argument("file")
    p_solve.add_argument("--method", default="extreme_equilibria",
                         help="a solvers entry point, e.g. support_enumeration, lemke_howson")
    p_solve.add_argument("--float", action="store_true", help="solve in floating point")
    sub.add_parser("version", help="print the version")
    args = parser.parse_args(argv)
    if args.command == "tour":
        return _run_tour()
    if args.command == "solve":
        return _run_solve(args.file, args.method, args.float)
    if args.command == "version":
        from importlib.metadata import version

        print(version("cooptheory"))
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
