"""Tour section: what CDT, EDT and UDT/FDT recommend, computed live and exactly."""

from __future__ import annotations

from fractions import Fraction


def section() -> str:
    import sympy

    from decision import compare, thresholds
    from decision import problems as P

    parts = []
    for problem in (P.newcomb(accuracy=Fraction(99, 100)), P.death_in_damascus(), P.xor_blackmail()):
        parts.append(compare(problem).table())
    p = sympy.Symbol("p")
    t = thresholds(P.newcomb(accuracy=p), "edt", p)
    parts.append(f"EDT one-boxes in Newcomb iff accuracy > {t.thresholds[0]} (exact threshold)")
    parts.append(compare(P.absent_minded_driver()).table())
    return "\n\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(section())
