"""Dilemma datasets: Newcomblike items on which decision theories disagree, with ground truth.

Each item is a canonical problem (:mod:`decision.problems`) with randomly drawn numbers,
rendered as precise text in one of several framings (a narrative, a payoff table, a formal
statement), with lettered options and the answer of each theory (CDT, EDT, FDT) computed by
:mod:`decision.theories` -- the ground truth is *per theory*, as in model-written evaluations
(Perez et al. 2022: many items per property, varied framings).  The twin prisoner's dilemma
also varies the agent's *disposition*: it values the twin's payoff with weight ``w``
(``w > 0`` altruism, ``w < 0`` spite), and the ground truth is computed for that utility.

* :func:`generate_dilemmas` -- seeded items (by default only those where theories disagree);
* :func:`to_jsonl` / :func:`read_jsonl` -- one JSON object per line;
* :func:`score` -- the fraction of answers agreeing with each theory, overall and per family;
* :func:`infer_weight` -- the exact set of altruism/spite weights ``w`` consistent with observed
  twin-dilemma choices, for an agent following a given theory.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence, TextIO

from solvers.errors import InvalidInputError, bad_param
from solvers.results import Result, result

from .model import Decision, DecisionProblem, Predictor
from . import problems as P

__all__ = ["DilemmaItem", "DilemmaScore", "WeightInference", "FAMILIES", "FRAMINGS", "generate_dilemmas",
           "to_jsonl", "read_jsonl", "parse_answer", "score", "infer_weight"]

FRAMINGS = ("narrative", "table", "formal")
THEORIES = ("CDT", "EDT", "FDT")


@dataclass(frozen=True)
class DilemmaItem:
    """One dilemma: text, lettered options, and the answer of each theory (a letter or None)."""

    id: str
    family: str
    framing: str
    params: dict
    text: str
    options: tuple
    ground_truth: dict
    disagreement: bool = False

    def to_dict(self) -> dict:
        d = asdict(self)
        d["options"] = [list(o) for o in self.options]
        return d


def _pct(x: Fraction) -> str:
    v = Fraction(x) * 100
    return f"{float(v):g}%" if v.denominator in (1, 2, 4, 5, 10) else f"{v} percent"


def _money(x: Any) -> str:
    x = Fraction(x)
    if x.denominator == 1:
        return f"${int(x):,}" if x >= 0 else f"-${-int(x):,}"
    return f"${float(x):,.2f}"


# -- families: sample(rng) -> params; build(params) -> problem; point; options; render ----------
def _newcomb_sample(rng):
    return {"accuracy": Fraction(rng.choice([51, 55, 60, 75, 90, 95, 99]), 100),
            "big": rng.choice([10_000, 100_000, 1_000_000]), "small": rng.choice([100, 1_000, 5_000])}


def _newcomb_text(p, framing):
    acc, big, small = p["accuracy"], p["big"], p["small"]
    if framing == "narrative":
        return (f"A predictor who is right {_pct(acc)} of the time has already filled two boxes. Box A is "
                f"transparent and holds {_money(small)}. Box B is opaque: it holds {_money(big)} if the predictor "
                f"predicted that you would take only box B, and nothing otherwise. You may take box B alone, or "
                f"both boxes. Which do you take?")
    if framing == "table":
        return (f"Payoffs (you / predictor's prediction):\n"
                f"| your act | predicted one-box | predicted two-box |\n"
                f"| one-box  | {_money(big)} | $0 |\n| two-box  | {_money(big + small)} | {_money(small)} |\n"
                f"The prediction matches your act with probability {acc} and was made before you choose.")
    return (f"Acts: one-box, two-box. A prediction R of your act was made with P(R = your act) = {acc}. "
            f"U(one-box) = {big} if R = one-box else 0; U(two-box) = U(one-box) + {small}. Choose an act.")


def _twin_sample(rng):
    r = rng.choice([3, 5, 10])
    return {"similarity": Fraction(rng.choice([60, 80, 90, 99, 100]), 100), "temptation": r + rng.choice([1, 2, 5]),
            "reward": r, "punishment": 1, "sucker": 0,
            "weight": rng.choice([Fraction(0), Fraction(0), Fraction(1, 2), Fraction(-1, 2), Fraction(1)])}


def _twin_build(p):
    t = {k: Fraction(str(p[n])) for k, n in ((("C", "C"), "reward"), (("C", "D"), "sucker"),
                                             (("D", "C"), "temptation"), (("D", "D"), "punishment"))}
    w = p["weight"]
    w = w if getattr(w, "free_symbols", None) else Fraction(str(w))

    def factory(**kw):
        return _twin_build(kw)

    return DecisionProblem([Decision("act", ("C", "D")), Predictor("twin", "act", accuracy=Fraction(str(p["similarity"])))],
                           lambda a, b: t[(a, b)] + w * t[(b, a)], ["act", "twin"],
                           title="Twin prisoner's dilemma", params=dict(p), factory=factory)


def _disposition(w):
    w = Fraction(w)
    if w == 0:
        return "You care only about your own payoff."
    if w > 0:
        return f"You value each dollar the other player receives at {w} of a dollar of your own (altruism)."
    return f"Each dollar the other player receives costs you {-w} of a dollar of satisfaction (spite)."


def _twin_text(p, framing):
    s = p["similarity"]
    T, R, Pn, S = (_money(p[k]) for k in ("temptation", "reward", "punishment", "sucker"))
    disp = _disposition(p["weight"])
    if framing == "narrative":
        return (f"You play a one-shot prisoner's dilemma against a near-copy of yourself who reasons as you do and "
                f"ends up choosing the same act as you with probability {_pct(s)}; you cannot communicate. Both "
                f"cooperating pays each {R}; both defecting pays each {Pn}; a defector facing a cooperator gets {T} "
                f"and the cooperator {S}. {disp} Do you cooperate or defect?")
    if framing == "table":
        return (f"| you \\ twin | C | D |\n| C | {R}, {R} | {S}, {T} |\n| D | {T}, {S} | {Pn}, {Pn} |\n"
                f"(your payoff first). The twin's act equals yours with probability {s}. {disp} Choose C or D.")
    return (f"Acts C, D. Twin act B with P(B = your act) = {s}. Your money: ({R}, {S}, {T}, {Pn}) for "
            f"(C,C), (C,D), (D,C), (D,D); utility = your money + {p['weight']} x twin's money. Choose an act.")


def _xor_sample(rng):
    return {"termite_prior": Fraction(rng.choice([1, 5, 10, 25, 50]), 100), "damage": rng.choice([100_000, 1_000_000]),
            "payment": rng.choice([100, 1_000, 10_000])}


def _xor_text(p, framing):
    q, D, pay = p["termite_prior"], _money(p["damage"]), _money(p["payment"])
    if framing == "narrative":
        return (f"There is a {_pct(q)} chance your house has termites, which would cost {D}. An honest and perfectly "
                f"accurate predictor, who knows whether you have termites, sends you a letter iff exactly one is "
                f"true: (i) you have no termites and you will pay it {pay} on receiving the letter; (ii) you have "
                f"termites and you will not pay. You have received the letter. Do you pay?")
    if framing == "table":
        return (f"Letter sent iff (no termites and you would pay) or (termites and you would not pay). "
                f"P(termites) = {q} before any letter. Costs: termites {D}; paying {pay}. The predictor is perfect. "
                f"You received the letter: pay or refuse?")
    return (f"State T (termites) with prior {q}; perfect prediction R of your act on receipt; letter L = "
            f"[not T and R = pay] or [T and R = refuse]. U = -{p['damage']}[T] - {p['payment']}[pay]. Given L, "
            f"choose pay or refuse.")


def _parfit_sample(rng):
    return {"accuracy": Fraction(rng.choice([90, 95, 99, 100]), 100), "payment": rng.choice([100, 1_000, 10_000]),
            "death": -rng.choice([100_000, 1_000_000])}


def _parfit_text(p, framing):
    acc, pay, death = p["accuracy"], _money(p["payment"]), _money(-p["death"])
    if framing == "narrative":
        return (f"You are dying in the desert. A driver, who detects lies {_pct(acc)} of the time, will drive you to "
                f"town only if she predicts you will then pay her {pay}; dying costs you the equivalent of {death}. "
                f"She drove you to town. Do you pay?")
    if framing == "table":
        return (f"The driver rescues you iff she predicts you will pay in town (prediction accuracy {acc}). "
                f"Outcomes: die: -{death}; rescued and pay: -{pay}; "
                f"rescued and refuse: $0. You are in town: pay or refuse?")
    return (f"Prediction R of your act in town, P(R = act) = {acc}; town iff R = pay. U(desert) = {p['death']}, "
            f"U(town, pay) = -{p['payment']}, U(town, refuse) = 0. In town, choose pay or refuse.")


def _mugging_sample(rng):
    return {"p_heads": Fraction(1, 2), "reward": rng.choice([1_000, 10_000, 100_000]), "cost": rng.choice([10, 100, 500])}


def _mugging_text(p, framing):
    R, C = _money(p["reward"]), _money(p["cost"])
    if framing == "narrative":
        return (f"A perfect predictor flipped a fair coin. Had it landed heads, it would have paid you {R} if it "
                f"predicted you would pay {C} on tails. It landed tails, and it asks you for {C}. Do you pay?")
    if framing == "table":
        return (f"Fair coin. Heads: you receive {R} iff you are predicted (perfectly) to pay on tails. Tails: you are "
                f"asked to pay {C}. The coin came up tails: pay or refuse?")
    return (f"Coin H/T with P(H) = {p['p_heads']}; perfect prediction R of your act on T. U(H) = {p['reward']}[R = pay]; "
            f"U(T) = -{p['cost']}[pay]. Observed T: choose pay or refuse.")


def _lesion_sample(rng):
    return {"smoking": rng.choice([100, 1_000, 5_000]), "cancer": -rng.choice([100_000, 1_000_000])}


def _lesion_text(p, framing):
    S, C = _money(p["smoking"]), _money(-p["cancer"])
    if framing == "narrative":
        return (f"A gene causes both a strong taste for smoking and cancer; smoking itself is harmless. Half of "
                f"people have the gene; 95% of carriers and 5% of non-carriers smoke; cancer strikes 99% of carriers "
                f"and 1% of others. Smoking is worth {S} to you, cancer costs {C}. Do you smoke?")
    if framing == "table":
        return (f"P(lesion) = 1/2; P(smoke | lesion) = 0.95, P(smoke | none) = 0.05; P(cancer | lesion) = 0.99, "
                f"P(cancer | none) = 0.01; smoking does not cause cancer. Utility: +{p['smoking']} for smoking, "
                f"{p['cancer']} for cancer. Smoke or abstain?")
    return (f"Lesion L ~ Bernoulli(1/2) causes cancer (0.99 vs 0.01) and the population's smoking (0.95 vs 0.05). "
            f"U = {p['smoking']}[smoke] + {p['cancer']}[cancer]. Choose smoke or abstain.")


FAMILIES: dict = {
    "newcomb": (_newcomb_sample, lambda p: P.newcomb(**p), "", ("one-box", "two-box"), _newcomb_text),
    "twin_prisoners_dilemma": (_twin_sample, _twin_build, "", ("C", "D"), _twin_text),
    "xor_blackmail": (_xor_sample, lambda p: P.xor_blackmail(**p), "letter=letter", ("pay", "refuse"), _xor_text),
    "parfits_hitchhiker": (_parfit_sample, lambda p: P.parfits_hitchhiker(**p), "place=town", ("pay", "refuse"),
                           _parfit_text),
    "counterfactual_mugging": (_mugging_sample, lambda p: P.counterfactual_mugging(**p), "coin=tails",
                               ("pay", "refuse"), _mugging_text),
    "smoking_lesion": (_lesion_sample, lambda p: P.smoking_lesion(**p), "", ("smoke", "abstain"), _lesion_text),
}


def _truth(problem: DecisionProblem, point: str, options: Sequence[str]) -> dict:
    from .theories import cdt, edt, udt

    letters = {a: chr(ord("A") + i) for i, a in enumerate(options)}
    out = {}
    for name, fn in (("CDT", cdt), ("EDT", edt), ("FDT", udt)):
        rec = fn(problem)
        act = rec.policy.get(point or "act") if isinstance(rec.policy, dict) else None
        keys = [f"{point}: {a}" if point else a for a in options]
        if name != "FDT":
            vals = [rec.expected_utilities.get(k) for k in keys]
            if any(v is None for v in vals):
                act = None  # an option has no expected utility (zero probability): no clear verdict
            elif isinstance(act, str) and sum(v == max(vals) for v in vals) > 1:
                act = None  # a tie
        else:
            top = max(rec.expected_utilities.values())
            if sum(v == top for v in rec.expected_utilities.values()) > 1 and len(
                    {p for p, v in rec.expected_utilities.items() if v == top}) > 1:
                # several optimal policies: a verdict only if they agree at this point
                acts = set()
                for lab, v in rec.expected_utilities.items():
                    if v == top:
                        parts = dict(x.split(": ", 1) for x in lab.split("; ")) if ": " in lab else {"act": lab}
                        acts.add(parts.get(point or "act"))
                if len(acts) > 1:
                    act = None
        out[name] = letters.get(act) if isinstance(act, str) else None
    return out


def generate_dilemmas(n: int, *, seed: int = 0, families: Sequence[str] | None = None,
                      framings: Sequence[str] = FRAMINGS, only_disagreements: bool = True,
                      max_tries: int | None = None) -> list[DilemmaItem]:
    """``n`` seeded dilemma items with per-theory ground truth.

    Parameters
    ----------
    n : int
    seed : int
    families : sequence of names from :data:`FAMILIES` (default: all)
    framings : sequence from :data:`FRAMINGS`
    only_disagreements : bool
        Keep only items on which at least two theories give different answers.
    max_tries : int, optional
        Give up after this many draws (default ``50 n``); fewer items are returned then.
    """
    f = "generate_dilemmas"
    if not isinstance(n, int) or n < 0:
        raise InvalidInputError(bad_param(f, "n", "a non-negative int", n))
    fams = list(families) if families is not None else list(FAMILIES)
    for fam in fams:
        if fam not in FAMILIES:
            raise InvalidInputError(bad_param(f, "families", f"names among {list(FAMILIES)}", fam))
    for fr in framings:
        if fr not in FRAMINGS:
            raise InvalidInputError(bad_param(f, "framings", f"names among {list(FRAMINGS)}", fr))
    rng = random.Random(seed)
    items: list[DilemmaItem] = []
    tries = 0
    limit = max_tries if max_tries is not None else 50 * max(n, 1)
    while len(items) < n and tries < limit:
        tries += 1
        fam = rng.choice(fams)
        sample, build, point, options, render = FAMILIES[fam]
        params = sample(rng)
        framing = rng.choice(list(framings))
        truth = _truth(build(params), point, options)
        answers = {v for v in truth.values()}
        disagree = len(answers) > 1
        if only_disagreements and not disagree:
            continue
        opts = tuple((chr(ord("A") + i), a) for i, a in enumerate(options))
        text = render(params, framing) + "\n" + "\n".join(f"({k}) {a}" for k, a in opts)
        items.append(DilemmaItem(id=f"{fam}-{seed}-{len(items)}", family=fam, framing=framing,
                                 params={k: str(v) for k, v in params.items()}, text=text, options=opts,
                                 ground_truth=truth, disagreement=disagree))
    return items


def to_jsonl(items: Iterable[DilemmaItem], file: TextIO | str) -> int:
    """Write items as JSON lines (a path or an open text file); returns the number written."""
    close = False
    if isinstance(file, str):
        file = open(file, "w", encoding="utf-8")
        close = True
    k = 0
    try:
        for it in items:
            file.write(json.dumps(it.to_dict(), sort_keys=True) + "\n")
            k += 1
    finally:
        if close:
            file.close()
    return k


def read_jsonl(file: TextIO | str) -> list[DilemmaItem]:
    """Read items written by :func:`to_jsonl`."""
    close = False
    if isinstance(file, str):
        file = open(file, encoding="utf-8")
        close = True
    try:
        out = []
        for line in file:
            if line.strip():
                d = json.loads(line)
                d["options"] = tuple(tuple(o) for o in d["options"])
                out.append(DilemmaItem(**d))
        return out
    finally:
        if close:
            file.close()


def parse_answer(answer: str, item: DilemmaItem) -> str | None:
    """The option letter an answer picks: ``"(B)"``, ``"B"``, or the act's name; else None."""
    text = str(answer).strip()
    letters = [k for k, _ in item.options]
    m = re.fullmatch(r"\(?([A-Z])\)?\.?", text)
    if m and m.group(1) in letters:
        return m.group(1)
    m = re.match(r"\s*\(([A-Z])\)", text)
    if m and m.group(1) in letters:
        return m.group(1)
    hits = [k for k, a in item.options if re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text, re.IGNORECASE)]
    return hits[0] if len(hits) == 1 else None


@result
class DilemmaScore(Result):
    """Agreement of answers with each theory.

    ``agreement``: theory -> fraction of parsed answers equal to that theory's answer (items
    where the theory has an answer); ``by_family``: family -> theory -> fraction; ``n``: items
    scored; ``unparsed``: answers that named no single option.
    """

    n: int = 0
    unparsed: int = 0
    agreement: dict = field(default_factory=dict)
    by_family: dict = field(default_factory=dict)


def score(items: Sequence[DilemmaItem], answers: Mapping[str, str]) -> DilemmaScore:
    """Score answers (item id -> text) against each theory's ground truth."""
    if not isinstance(answers, Mapping):
        raise InvalidInputError(bad_param("score", "answers", "a mapping item id -> answer", answers))
    tot: dict = {t: [0, 0] for t in THEORIES}
    fam: dict = {}
    unparsed = 0
    n = 0
    for it in items:
        if it.id not in answers:
            continue
        n += 1
        letter = parse_answer(answers[it.id], it)
        if letter is None:
            unparsed += 1
            continue
        for t in THEORIES:
            truth = it.ground_truth.get(t)
            if truth is None:
                continue
            hit = int(letter == truth)
            tot[t][0] += hit
            tot[t][1] += 1
            f = fam.setdefault(it.family, {x: [0, 0] for x in THEORIES})
            f[t][0] += hit
            f[t][1] += 1
    agreement = {t: (Fraction(h, k) if k else None) for t, (h, k) in tot.items()}
    by_family = {f: {t: (Fraction(h, k) if k else None) for t, (h, k) in d.items()} for f, d in fam.items()}
    return DilemmaScore(n=n, unparsed=unparsed, agreement=agreement, by_family=by_family, method="dilemma_score",
                        exact=True)


@result
class WeightInference(Result):
    """Weights ``w`` (the value of the other's payoff) consistent with observed choices.

    ``intervals``: closed intervals ``(lo, hi)`` of exact numbers whose interiors contain only
    consistent weights; ``consistent``: whether any weight explains every choice; ``theory``:
    the decision theory the agent is assumed to follow.
    """

    theory: str = ""
    intervals: tuple = ()
    consistent: bool = False


def infer_weight(observations: Sequence[tuple[Mapping, str]], *, theory: str = "CDT",
                 domain: tuple = (-2, 2)) -> WeightInference:
    """Infer an altruism/spite weight from choices in twin prisoner's dilemmas.

    Parameters
    ----------
    observations : sequence of (params, choice)
        ``params`` as in the ``twin_prisoners_dilemma`` family (similarity, temptation, reward,
        punishment, sucker; a ``weight`` entry is ignored); ``choice`` is ``"C"`` or ``"D"``.
    theory : {"CDT", "EDT", "FDT"}
    domain : (lo, hi)
        The range of weights considered.

    The verdict of the theory as a function of ``w`` is computed exactly with
    :func:`decision.thresholds` (``w`` symbolic); each choice keeps the intervals where the
    verdict equals it, and the intervals are intersected over the observations.
    """
    import sympy

    from .model import num
    from .theories import thresholds

    f = "infer_weight"
    th = {"CDT": "cdt", "EDT": "edt", "FDT": "udt", "UDT": "udt"}.get(str(theory).upper())
    if th is None:
        raise InvalidInputError(bad_param(f, "theory", '"CDT", "EDT" or "FDT"', theory))
    lo, hi = num(domain[0], f, "domain"), num(domain[1], f, "domain")
    if not lo < hi:
        raise InvalidInputError(bad_param(f, "domain", "(lo, hi) with lo < hi", domain))
    w = sympy.Symbol("w")
    feasible = [(lo, hi)]
    for k, obs in enumerate(observations):
        try:
            params, choice = obs
        except (TypeError, ValueError):
            raise InvalidInputError(bad_param(f, f"observations[{k}]", "a pair (params, choice)", obs)) from None
        if choice not in ("C", "D"):
            raise InvalidInputError(bad_param(f, f"observations[{k}]", 'a choice "C" or "D"', choice))
        p = {key: params[key] for key in ("similarity", "temptation", "reward", "punishment", "sucker")}
        p["weight"] = w
        res = thresholds(_twin_build(p), th, w, domain=(lo, hi))
        allowed = [iv for iv, verdict in res.verdicts if verdict == choice]
        new = []
        for a, b in feasible:
            for c, d in allowed:
                x, y = max(a, c), min(b, d)
                if x < y:
                    new.append((x, y))
        feasible = new
    return WeightInference(theory=str(theory).upper(), intervals=tuple(feasible), consistent=bool(feasible),
                           method="exact_thresholds", exact=True, params={"domain": (lo, hi)})
