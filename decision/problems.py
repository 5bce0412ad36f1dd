"""Canonical Newcomblike problems as one-line factories, each with its source.

Every number of a problem is a keyword parameter (payoffs, accuracies, priors); any of them
may be a sympy symbol, making expected utilities expressions of it (see
:func:`decision.thresholds`).  Numbers are exact: floats are read through their decimal text
(``0.99 -> 99/100``).

Section numbers refer to Yudkowsky & Soares, "Functional Decision Theory" (arXiv:1710.05060v2):
sec. 1 the twin prisoner's dilemma (Dilemma 1), sec. 2 Newcomb (Dilemma 2) and the smoking lesion
(Dilemma 3), sec. 4 Parfit's hitchhiker (Dilemma 4)
and transparent Newcomb (Dilemma 5), sec. 6 the worked expected utilities, sec. 7 the cosmic ray
(Dilemma 6) and XOR blackmail (Dilemma 7), sec. 8 Death in Damascus (Dilemma 8), sec. 9 mechanical
blackmail (Dilemma 9).  Some of that paper's printed numbers are wrong; ``tests/decision/test_problems.py``
names each one next to our recomputation.

The verdicts the literature reports (recomputed in ``tests/decision``):

=============================  =============  =============  ==============
problem                        CDT            EDT            UDT/FDT
=============================  =============  =============  ==============
Newcomb                        two-box        one-box        one-box
transparent Newcomb (full)     two-box        two-box        one-box
smoking lesion                 smoke          abstain        smoke
Parfit's hitchhiker (town)     refuse         refuse         pay
counterfactual mugging         refuse         refuse         pay
XOR blackmail                  refuse         pay            refuse
twin prisoner's dilemma        defect         cooperate      cooperate
Death in Damascus              1/2-1/2 mix    (indifferent)  (indifferent)
  ... with a random coin       1/2-1/2 mix    coin           coin
mechanical blackmail           pay            pay            refuse
adversarial offer              buy (mix)      decline        decline
psychopath button              mix            don't push     push
cosmic ray (expecting $1)      take $100      take $1        take $100
  ... expecting $100           take $100      take $100      take $100
=============================  =============  =============  ==============
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from solvers.errors import InvalidInputError, InvalidProbabilityError, bad_param

from .model import Chance, Decision, DecisionProblem, Predictor, is_symbolic, num

__all__ = [
    "newcomb",
    "transparent_newcomb",
    "smoking_lesion",
    "parfits_hitchhiker",
    "counterfactual_mugging",
    "xor_blackmail",
    "twin_prisoners_dilemma",
    "death_in_damascus",
    "death_in_damascus_random_coin",
    "asymmetric_death_in_damascus",
    "mechanical_blackmail",
    "adversarial_offer",
    "psychopath_button",
    "cosmic_ray",
    "newcomb_cosmic_ray",
    "absent_minded_driver",
    "ALL",
]


def _num(x: Any, func: str, param: str) -> Any:
    if isinstance(x, bool):  # True/False are not payoffs or probabilities (a swapped argument)
        raise InvalidInputError(bad_param(func, param, "a number or a sympy expression, not a bool", x))
    return num(x, func, param)


def _prob(x: Any, func: str, param: str) -> Any:
    v = _num(x, func, param)
    if not is_symbolic(v) and not (0 <= v <= 1):
        raise InvalidProbabilityError(bad_param(func, param, "a probability in [0, 1]", x))
    return v


def _nums(func: str, **kw: Any) -> dict:
    return {k: _num(v, func, k) for k, v in kw.items()}


def newcomb(*, accuracy: Any = Fraction(99, 100), big: Any = 1_000_000, small: Any = 1_000) -> DecisionProblem:
    """Newcomb's problem (Nozick 1969; Yudkowsky & Soares 2017, sec. 2).

    Box B holds ``big`` iff the predictor (correct with probability ``accuracy``) predicted
    one-boxing; box A always holds ``small``.  EDT one-boxes iff
    ``accuracy * big > (1 - accuracy) * big + small``, i.e. above
    ``accuracy = (big + small) / (2 big)`` (1001/2000 for the usual payoffs).  The defaults are
    the FDT paper's Dilemma 2 (99% predictor, $1,000,000 / $1,000; also its Figure 2).
    """
    f = "newcomb"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, big=big, small=small)
    B, A = n["big"], n["small"]

    def U(act, pred):
        return (B if pred == "one-box" else 0) + (A if act == "two-box" else 0)

    return DecisionProblem(
        [Decision("act", ("one-box", "two-box")), Predictor("prediction", "act", accuracy=p)],
        U, ["act", "prediction"], title=f"Newcomb (accuracy {p})",
        source="Nozick (1969); Yudkowsky & Soares (2017) sec. 2",
        params={"accuracy": p, "big": B, "small": A}, factory=newcomb)


def transparent_newcomb(*, accuracy: Any = Fraction(99, 100), big: Any = 1_000_000,
                        small: Any = 1_000) -> DecisionProblem:
    """Transparent Newcomb (Drescher 2006; Yudkowsky & Soares 2017, sec. 4 Dilemma 5 and sec. 6).

    Both boxes are transparent; box B is full iff the predictor predicted one-boxing *upon
    seeing box B full*.  The agent observes the box.  On seeing it full, CDT and EDT take both
    boxes; FDT one-boxes (its policy makes the box full).  With ``accuracy = 1`` seeing a full box
    and two-boxing has probability zero, so EDT's value of two-boxing there is undefined (``None``)
    and EDT one-boxes.
    """
    f = "transparent_newcomb"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, big=big, small=small)
    B, A = n["big"], n["small"]

    def U(act, box):
        return (B if box == "full" else 0) + (A if act == "two-box" else 0)

    return DecisionProblem(
        [Predictor("prediction", "act", accuracy=p, at=("full",)),
         Chance("box", ("full", "empty"), lambda pred: "full" if pred == "one-box" else "empty", ("prediction",)),
         Decision("act", ("one-box", "two-box"), ("box",))],
        U, ["act", "box"], title=f"Transparent Newcomb (accuracy {p})",
        source="Drescher (2006); Yudkowsky & Soares (2017) sec. 4, 6",
        params={"accuracy": p, "big": B, "small": A}, factory=transparent_newcomb)


def smoking_lesion(*, lesion_prior: Any = Fraction(1, 2), smoke_if_lesion: Any = Fraction(95, 100),
                   smoke_if_no_lesion: Any = Fraction(5, 100), cancer_if_lesion: Any = Fraction(99, 100),
                   cancer_if_no_lesion: Any = Fraction(1, 100), smoking: Any = 1_000,
                   cancer: Any = -1_000_000, tickle: bool = False,
                   smoke_if_urge: Any = Fraction(9, 10), smoke_if_no_urge: Any = Fraction(1, 10)) -> DecisionProblem:
    """The smoking lesion (Skyrms 1980; Egan 2007; Yudkowsky & Soares 2017, sec. 4).

    A lesion causes both cancer and (through the population tendency) smoking; smoking itself
    is harmless and worth ``smoking``.  The policy does not affect the lesion, so CDT and FDT
    smoke; naive EDT treats smoking as bad news and abstains.

    With ``tickle=True`` (Eells 1982, the tickle defence) the lesion acts only through an urge
    the agent observes (``P(urge | lesion) = smoke_if_lesion`` etc.) and the act's tendency
    depends on the urge alone; conditioning on the urge screens the act off the lesion, and
    EDT smokes too.

    The FDT paper's Dilemma 3 fixes only ``cancer_if_lesion = 0.99``, ``cancer_if_no_lesion = 0.01``,
    ``smoking = $1,000`` and $1,000,000 for not dying of cancer (our ``cancer = -1,000,000``, the same
    up to a constant); the lesion prior and the smoking tendencies (1/2, 95%, 5%) are ours.  Its sec. 6
    formalization differs from ours (only the lesion-bearer's procedure controls the act, so FDT's
    margin for smoking is ``P(lesion) * $1,000`` there, ``$1,000`` here); the verdicts agree.
    """
    f = "smoking_lesion"
    q = _prob(lesion_prior, f, "lesion_prior")
    sl, sn = _prob(smoke_if_lesion, f, "smoke_if_lesion"), _prob(smoke_if_no_lesion, f, "smoke_if_no_lesion")
    cl, cn = _prob(cancer_if_lesion, f, "cancer_if_lesion"), _prob(cancer_if_no_lesion, f, "cancer_if_no_lesion")
    n = _nums(f, smoking=smoking, cancer=cancer)
    if not isinstance(tickle, bool):
        raise InvalidInputError(bad_param(f, "tickle", "True or False", tickle))
    su, sv = _prob(smoke_if_urge, f, "smoke_if_urge"), _prob(smoke_if_no_urge, f, "smoke_if_no_urge")

    def U(act, c):
        return (n["smoking"] if act == "smoke" else 0) + (n["cancer"] if c == "cancer" else 0)

    nodes = [Chance("lesion", ("lesion", "none"), {"lesion": q, "none": 1 - q}),
             Chance("cancer", ("cancer", "healthy"),
                    lambda l: {"cancer": cl, "healthy": 1 - cl} if l == "lesion" else {"cancer": cn, "healthy": 1 - cn},
                    ("lesion",))]
    params = dict(lesion_prior=q, smoke_if_lesion=sl, smoke_if_no_lesion=sn, cancer_if_lesion=cl,
                  cancer_if_no_lesion=cn, **n)
    if tickle:
        nodes.append(Chance("urge", ("urge", "calm"), lambda l: {"urge": sl, "calm": 1 - sl} if l == "lesion"
                            else {"urge": sn, "calm": 1 - sn}, ("lesion",)))
        nodes.append(Decision("act", ("smoke", "abstain"), ("urge",),
                              (("urge",), lambda u: {"smoke": su, "abstain": 1 - su} if u == "urge"
                               else {"smoke": sv, "abstain": 1 - sv})))
        params.update(tickle=True, smoke_if_urge=su, smoke_if_no_urge=sv)
    else:
        nodes.append(Decision("act", ("smoke", "abstain"), (),
                              (("lesion",), lambda l: {"smoke": sl, "abstain": 1 - sl} if l == "lesion"
                               else {"smoke": sn, "abstain": 1 - sn})))
    return DecisionProblem(nodes, U, ["act", "cancer"], title="Smoking lesion" + (" (tickle)" if tickle else ""),
                           source="Skyrms (1980); Eells (1982); Egan (2007); Yudkowsky & Soares (2017)",
                           params=params, factory=smoking_lesion)


def parfits_hitchhiker(*, accuracy: Any = Fraction(99, 100), payment: Any = 1_000,
                       death: Any = -1_000_000) -> DecisionProblem:
    """Parfit's hitchhiker (Parfit 1984; Yudkowsky & Soares 2017, sec. 4, Dilemma 4).

    A driver (lie detector, ``accuracy`` 99%) rescues the agent from the desert iff she predicts
    the agent will pay ``payment`` once in town.  Being left to die costs ``death``.  In town,
    CDT and EDT refuse; FDT pays.  With ``accuracy = 1`` being in town and refusing has probability
    zero, so EDT's value of refusing is undefined (``None``) and EDT pays.  Realized: paying policy ``-1000*0.99 - 1e6*0.01 = -10,990``;
    refusing ``-990,000``.  The defaults are Dilemma 4's (99% lie detector, $1,000, death worth
    -$1,000,000).
    """
    f = "parfits_hitchhiker"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, payment=payment, death=death)

    def U(act, place):
        if place == "desert":
            return n["death"]
        return -n["payment"] if act == "pay" else 0

    return DecisionProblem(
        [Predictor("prediction", "act", accuracy=p, at=("town",)),
         Chance("place", ("town", "desert"), lambda pred: "town" if pred == "pay" else "desert", ("prediction",)),
         Decision("act", ("pay", "refuse"), ("place",))],
        U, ["act", "place"], title="Parfit's hitchhiker", source="Parfit (1984); Yudkowsky & Soares (2017) sec. 4",
        params={"accuracy": p, **n}, factory=parfits_hitchhiker)


def counterfactual_mugging(*, p_heads: Any = Fraction(1, 2), reward: Any = 10_000, cost: Any = 100,
                           accuracy: Any = 1) -> DecisionProblem:
    """Counterfactual mugging (Nesov 2009; discussed with FDT by Yudkowsky & Soares 2017).

    Omega flips a coin: on tails it asks for ``cost``; on heads it pays ``reward`` iff it
    predicted the agent would pay on tails.  Seeing tails, CDT and EDT refuse; FDT pays
    (policy value ``p_heads * reward - (1 - p_heads) * cost = 4,950``).  The stakes
    ($10,000 / $100, fair coin) are our choice; the FDT paper's worked sections give no numbers
    for this problem.
    """
    f = "counterfactual_mugging"
    ph = _prob(p_heads, f, "p_heads")
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, reward=reward, cost=cost)

    def U(act, coin, pred):
        if coin == "heads":
            return n["reward"] if pred == "pay" else 0
        return -n["cost"] if act == "pay" else 0

    return DecisionProblem(
        [Chance("coin", ("heads", "tails"), {"heads": ph, "tails": 1 - ph}),
         Predictor("prediction", "act", accuracy=p, at=("tails",)),
         Decision("act", ("pay", "refuse"), ("coin",))],
        U, ["act", "coin", "prediction"], title="Counterfactual mugging",
        source="Nesov (2009); Yudkowsky & Soares (2017)",
        params={"p_heads": ph, "accuracy": p, **n}, factory=counterfactual_mugging)


def xor_blackmail(*, termite_prior: Any = Fraction(1, 100), damage: Any = 1_000_000, payment: Any = 1_000,
                  accuracy: Any = 1) -> DecisionProblem:
    """XOR blackmail (Soares & Fallenstein 2015; Levinstein & Soares 2020; Yudkowsky & Soares 2017,
    sec. 7, Dilemma 7).

    The letter is sent iff exactly one of: no termites and the agent would pay on receiving
    it; termites and it would not.  On receiving the letter EDT pays (paying is good news);
    CDT and FDT refuse.  ``damage`` ($1,000,000) and ``payment`` ($1,000) are Dilemma 7's; the
    paper leaves the termite prior unspecified (``termite_prior = 1/100`` is ours) and assumes
    a perfect predictor.
    """
    f = "xor_blackmail"
    t = _prob(termite_prior, f, "termite_prior")
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, damage=damage, payment=payment)

    def letter(termites, pred):
        return "letter" if (termites == "none") == (pred == "pay") else "no letter"

    def U(act, termites, letter_):
        return (-n["damage"] if termites == "termites" else 0) - (
            n["payment"] if (act == "pay" and letter_ == "letter") else 0)

    return DecisionProblem(
        [Chance("termites", ("termites", "none"), {"termites": t, "none": 1 - t}),
         Predictor("prediction", "act", accuracy=p, at=("letter",)),
         Chance("letter", ("letter", "no letter"), letter, ("termites", "prediction")),
         Decision("act", ("pay", "refuse"), ("letter",))],
        U, ["act", "termites", "letter"], title="XOR blackmail",
        source="Soares & Fallenstein (2015); Yudkowsky & Soares (2017) sec. 7",
        params={"termite_prior": t, "accuracy": p, **n}, factory=xor_blackmail)


def twin_prisoners_dilemma(*, similarity: Any = 1, temptation: Any = 1_001_000, reward: Any = 1_000_000,
                           punishment: Any = 1_000, sucker: Any = 0) -> DecisionProblem:
    """Prisoner's dilemma against a twin (Lewis 1979; Yudkowsky & Soares 2017, sec. 1, Dilemma 1).

    The twin runs the agent's decision procedure and matches its act with probability
    ``similarity``.  CDT defects (dominance); EDT and FDT cooperate.  The defaults are the FDT
    paper's Dilemma 1 (sec. 1): $1,000,000 each for mutual cooperation, $1,000 for mutual
    defection, $1,001,000 / $0 for defector / cooperator, a perfect twin.
    """
    f = "twin_prisoners_dilemma"
    s = _prob(similarity, f, "similarity")
    n = _nums(f, temptation=temptation, reward=reward, punishment=punishment, sucker=sucker)
    table = {("C", "C"): n["reward"], ("C", "D"): n["sucker"], ("D", "C"): n["temptation"],
             ("D", "D"): n["punishment"]}
    return DecisionProblem(
        [Decision("act", ("C", "D")), Predictor("twin", "act", accuracy=s)],
        lambda a, t: table[(a, t)], ["act", "twin"], title="Twin prisoner's dilemma",
        source="Lewis (1979); Yudkowsky & Soares (2017) sec. 1",
        params={"similarity": s, **n}, factory=twin_prisoners_dilemma)


def death_in_damascus(*, accuracy: Any = 1, survive: Any = 1_000, die: Any = 0) -> DecisionProblem:
    """Death in Damascus (Gibbard & Harper 1978; Yudkowsky & Soares 2017, sec. 8).

    Death, who predicts the agent's location (including the outcome of mental randomization),
    waits there.  No pure act is ratifiable for CDT; the deliberational equilibrium is 1/2-1/2
    with CDT expected utility ``(survive + die) / 2`` but realized payoff ``die``.

    This is Gibbard & Harper's symmetric version.  The FDT paper's Dilemma 8 adds a $1,000 cost
    of fleeing and values survival at $1,000,000: that is
    ``asymmetric_death_in_damascus(survive=1_000_000, travel_cost=1_000)``.
    """
    f = "death_in_damascus"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, survive=survive, die=die)
    return DecisionProblem(
        [Decision("act", ("Damascus", "Aleppo")), Predictor("death", "act", accuracy=p)],
        lambda a, d: n["die"] if a == d else n["survive"], ["act", "death"], title="Death in Damascus",
        source="Gibbard & Harper (1978); Yudkowsky & Soares (2017) sec. 8",
        params={"accuracy": p, **n}, factory=death_in_damascus)


def asymmetric_death_in_damascus(*, accuracy: Any = 1, survive: Any = 1_000, die: Any = 0,
                                 travel_cost: Any = 10) -> DecisionProblem:
    """Asymmetric Death in Damascus (after Richter 1984; Joyce 2012; our parametrization: going
    to Aleppo costs ``travel_cost`` in every outcome).

    With a perfect predictor the deliberational equilibrium stays in Damascus with probability
    ``s = 1/2 + travel_cost / (2 (survive - die))`` (101/200 with the defaults): there
    ``EU(Damascus) = s die + (1-s) survive = EU(Aleppo) = s survive + (1-s) die - travel_cost``.

    Yudkowsky & Soares (2017) Dilemma 8 is ``survive=1_000_000, travel_cost=1_000``: ``s = 1001/2000``,
    the 50.05% they report for Joyce's (2012) ratified state.  The defaults here (1,000 and 10) are
    smaller numbers with the same kind of equilibrium (``s = 101/200``).
    """
    f = "asymmetric_death_in_damascus"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, survive=survive, die=die, travel_cost=travel_cost)

    def U(a, d):
        return (n["die"] if a == d else n["survive"]) - (n["travel_cost"] if a == "Aleppo" else 0)

    return DecisionProblem(
        [Decision("act", ("Damascus", "Aleppo")), Predictor("death", "act", accuracy=p)],
        U, ["act", "death"], title="Asymmetric Death in Damascus", source="Richter (1984); Joyce (2012)",
        params={"accuracy": p, **n}, factory=asymmetric_death_in_damascus)


def death_in_damascus_random_coin(*, accuracy: Any = 1, survive: Any = 1_000, die: Any = 0,
                                  coin_cost: Any = 1) -> DecisionProblem:
    """Death in Damascus with a random coin Death cannot predict (Levinstein & Soares 2020).

    Acts: go to Damascus, go to Aleppo, or pay ``coin_cost`` to let a fair coin decide.  Death
    predicts the act; predicting the coin, it can only guess.  EDT and FDT buy the coin
    (``(survive + die)/2 - coin_cost``); deliberational CDT mixes mentally (which Death predicts)
    and dies: realized payoff ``die`` with a perfect predictor.
    """
    f = "death_in_damascus_random_coin"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, survive=survive, die=die, coin_cost=coin_cost)
    half = Fraction(1, 2)

    def death_place(pred):
        return {"Damascus": Fraction(1), "Aleppo": Fraction(0)} if pred == "Damascus" else (
            {"Damascus": Fraction(0), "Aleppo": Fraction(1)} if pred == "Aleppo" else {"Damascus": half,
                                                                                      "Aleppo": half})

    def place(act, coin):
        if act == "coin":
            return "Damascus" if coin == "heads" else "Aleppo"
        return act

    def U(act, where, death):
        return (n["die"] if where == death else n["survive"]) - (n["coin_cost"] if act == "coin" else 0)

    return DecisionProblem(
        [Decision("act", ("Damascus", "Aleppo", "coin")), Predictor("prediction", "act", accuracy=p),
         Chance("death", ("Damascus", "Aleppo"), death_place, ("prediction",)),
         Chance("coin_flip", ("heads", "tails"), {"heads": half, "tails": half}),
         Chance("where", ("Damascus", "Aleppo"), place, ("act", "coin_flip"))],
        U, ["act", "where", "death"], title="Death in Damascus with a random coin",
        source="Levinstein & Soares (2020), 'Cheating Death in Damascus'",
        params={"accuracy": p, **n}, factory=death_in_damascus_random_coin)


def mechanical_blackmail(*, accuracy: Any = 1, damage: Any = 1_000_000, payment: Any = 1_000) -> DecisionProblem:
    """Mechanical blackmail (Soares & Fallenstein 2015; Yudkowsky & Soares 2017, sec. 9, Dilemma 9).

    The blackmailer runs the program (and sends the letter) iff she predicts the agent would
    pay on receiving it.  Blackmailed, CDT and EDT pay; FDT refuses and is never blackmailed.
    With a perfect predictor, refusing after the letter has probability zero, so EDT's
    conditional expected utility of refusing is undefined (reported, not divided by zero).
    The defaults ($1,000,000 damage, $1,000 payment, perfect predictor) are Dilemma 9's.  With
    error rate ``e = 1 - accuracy`` FDT refuses iff ``e * damage < accuracy * payment``, i.e.
    roughly for ``e`` below 0.1%.
    """
    f = "mechanical_blackmail"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, damage=damage, payment=payment)

    def U(act, letter):
        if letter == "no letter":
            return 0
        return -n["payment"] if act == "pay" else -n["damage"]

    return DecisionProblem(
        [Predictor("prediction", "act", accuracy=p, at=("letter",)),
         Chance("letter", ("letter", "no letter"), lambda pr: "letter" if pr == "pay" else "no letter",
                ("prediction",)),
         Decision("act", ("pay", "refuse"), ("letter",))],
        U, ["act", "letter"], title="Mechanical blackmail", source="Soares & Fallenstein (2015); Yudkowsky & Soares (2017) sec. 9",
        params={"accuracy": p, **n}, factory=mechanical_blackmail)


def adversarial_offer(*, accuracy: Any = Fraction(3, 4), prize: Any = 3, price: Any = 1) -> DecisionProblem:
    """The adversarial offer (Oesterheld & Conitzer 2021, "Extracting money from causal
    decision theorists").

    Two boxes, each for sale at ``price``; the seller puts ``prize`` in a box iff she predicts
    the buyer will not buy it (prediction correct with probability ``accuracy``; errors split
    evenly).  Under any credence some box is full with probability >= 1/2, so CDT buys (a mixed
    deliberational equilibrium) and loses ``price - prize (1 - accuracy)`` in expectation
    (1/4 with the defaults; any accuracy above ``1 - price/prize`` makes it a loss).  EDT and FDT
    decline.
    """
    f = "adversarial_offer"
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, prize=prize, price=price)

    def U(act, pred):
        if act == "none":
            return 0
        return (n["prize"] if pred != act else 0) - n["price"]

    return DecisionProblem(
        [Decision("act", ("box 1", "box 2", "none")), Predictor("prediction", "act", accuracy=p)],
        U, ["act", "prediction"], title="Adversarial offer", source="Oesterheld & Conitzer (2021)",
        params={"accuracy": p, **n}, factory=adversarial_offer)


def psychopath_button(*, psychopath_prior: Any = Fraction(1, 100), push_if_psychopath: Any = 1,
                      push_if_not: Any = 0, kill_psychopaths: Any = 10, die: Any = -100) -> DecisionProblem:
    """The psychopath button (Egan 2007).

    Pushing kills all psychopaths (worth ``kill_psychopaths`` to Paul) but kills Paul if he is
    one (``die``); he is confident he is not one (``psychopath_prior``), yet only a psychopath
    would push (the tendency).  EDT does not push; CDT with a fixed credence pushes, but no pure
    act is ratifiable: the deliberational equilibrium makes Paul's credence in being a psychopath
    ``c = kill / (kill - die)``, i.e. pushes with probability ``(c - P(psycho | don't push)) /
    (P(psycho | push) - P(psycho | don't push))`` when that lies in (0, 1) -- ``c`` itself (1/11)
    with the default tendencies (only psychopaths push).  The trait is modelled as a common cause the
    policy does not affect, so FDT pushes (a modelling choice; see the module docs).
    """
    f = "psychopath_button"
    q = _prob(psychopath_prior, f, "psychopath_prior")
    a1, a0 = _prob(push_if_psychopath, f, "push_if_psychopath"), _prob(push_if_not, f, "push_if_not")
    n = _nums(f, kill_psychopaths=kill_psychopaths, die=die)

    def U(act, psycho):
        if act == "don't push":
            return 0
        return n["die"] if psycho == "psychopath" else n["kill_psychopaths"]

    return DecisionProblem(
        [Chance("psycho", ("psychopath", "not"), {"psychopath": q, "not": 1 - q}),
         Decision("act", ("push", "don't push"), (),
                  (("psycho",), lambda s: {"push": a1, "don't push": 1 - a1} if s == "psychopath"
                   else {"push": a0, "don't push": 1 - a0}))],
        U, ["act", "psycho"], title="Psychopath button", source="Egan (2007)",
        params=dict(psychopath_prior=q, push_if_psychopath=a1, push_if_not=a0, **n), factory=psychopath_button)


def cosmic_ray(*, small: Any = 1, big: Any = 100, checkup: Any = 1_000, ray: Any = Fraction(1, 1000),
               prior_small: Any = 1) -> DecisionProblem:
    """The cosmic ray problem (Yudkowsky & Soares 2017, sec. 7 "Diagnosing EDT", Dilemma 6).

    The paper's problem: an agent chooses between taking $1 and taking $100.  With vanishingly
    small probability a cosmic ray makes her do the opposite of what she would otherwise have
    done, and an agent who learns she has been hit must pay $1,000 for a hospital check-up.
    The paper's EDT agent Eve, whose world-model says she almost always takes $1, concludes
    that taking $100 would mean a ray had struck, so she takes $1 -- and her fear is
    self-fulfilling: she only takes $100 when hit, losing $900 net.  CDT and FDT agents ignore
    the merely statistical correlation and take $100.  The paper gives no probabilities and no
    expected utilities (its point is qualitative); the only number it derives is that $900.

    Here the decision (``act``, actions ``"take small"`` and ``"take big"``) is the output of
    the agent's decision procedure; ``ray`` hits with probability ``ray`` and then the
    ``executed`` act is the other one; the utility is the executed amount minus ``checkup``
    if hit.  CDT and UDT/FDT intervene on / choose the output:
    ``V(big) = (1 - ray) big + ray (small - checkup)`` and
    ``V(small) = (1 - ray) small + ray (big - checkup)``, so they take the big amount iff
    ``ray < 1/2`` (when ``big > small``).  EDT conditions on the *executed* act, with the
    output distributed by the agent's prior (``prior_small`` = P(output is "take small")):
    ``P(hit | executed big) = prior_small ray / (prior_small ray + (1 - prior_small)(1 - ray))``
    and ``V_EDT(big) = big - checkup P(hit | executed big)``, likewise for small.  With the
    default ``prior_small = 1`` (Eve is sure of her output; only the ray is uncertain) taking
    $100 is certain evidence of a hit: ``V_EDT = -900`` for $100 against ``1`` for $1.  For
    ``0 < ray < 1`` and ``checkup > big - small > 0``, EDT takes small iff ``prior_small``
    exceeds the root in ``(1/2, 1)`` of
    ``(big - small) P(executed big) P(executed small) = checkup ray (1 - ray)(2 prior_small - 1)``
    (an algebraic number, 0.99097... for the defaults; see :func:`decision.thresholds`), so both
    pure priors are self-confirming; with a cheaper check-up EDT takes big whatever its prior.
    With ``ray = 0`` and ``prior_small = 1``, taking big has probability zero and EDT's value
    of it is undefined (the paper's agent who is certain she takes $1, before it adds the ray).

    Modelling choices that are ours, not the paper's: the numbers ``ray = 1/1000`` (the paper
    says only that it is vanishingly small) and ``prior_small = 1``; the agent always learns of
    a hit (the executed act differs from her output) and so always pays; the check-up cost
    applies whichever act the ray produced; EDT's self-model is a prior over the decision's
    output, independent of the ray.  For Newcomb's problem with a ray flipping the executed act
    see :func:`newcomb_cosmic_ray`.

    Parameters
    ----------
    small, big : number or sympy expression
        The two amounts on offer ($1 and $100).
    checkup : number or sympy expression
        Cost of the check-up paid when hit ($1,000).
    ray : probability
        Probability that the ray flips the executed act.
    prior_small : probability
        The agent's prior that its decision outputs "take small" (used only by EDT).
    """
    f = "cosmic_ray"
    r = _prob(ray, f, "ray")
    q = _prob(prior_small, f, "prior_small")
    n = _nums(f, small=small, big=big, checkup=checkup)
    S, B = "take small", "take big"
    amount = {S: n["small"], B: n["big"]}

    def executed(act, hit):
        return ({S: B, B: S}[act]) if hit == "hit" else act

    def U(ex, hit):
        return amount[ex] - (n["checkup"] if hit == "hit" else 0)

    return DecisionProblem(
        [Decision("act", (S, B), executed=("executed", {S: q, B: 1 - q})),
         Chance("ray", ("hit", "no hit"), {"hit": r, "no hit": 1 - r}),
         Chance("executed", (S, B), executed, ("act", "ray"))],
        U, ["executed", "ray"], title="Cosmic ray problem",
        source="Yudkowsky & Soares (2017) sec. 7, Dilemma 6",
        params={**n, "ray": r, "prior_small": q}, factory=cosmic_ray)


def newcomb_cosmic_ray(*, ray: Any = Fraction(1, 1000), accuracy: Any = Fraction(99, 100), big: Any = 1_000_000,
                       small: Any = 1_000) -> DecisionProblem:
    """Newcomb's problem in which a cosmic ray flips the executed act with probability ``ray``
    (our own variant, prompted by Yudkowsky & Soares 2017's distinction between acts and the
    outputs of the decision procedure; not a problem from the literature).

    The predictor reads the decision procedure's output (the policy), the payoff depends on the
    executed act.  Verdicts are Newcomb's; expected utilities shrink towards each other by the
    flip probability.  The FDT paper's own cosmic ray problem (Dilemma 6) is :func:`cosmic_ray`.
    """
    f = "newcomb_cosmic_ray"
    r = _prob(ray, f, "ray")
    p = _prob(accuracy, f, "accuracy")
    n = _nums(f, big=big, small=small)

    def executed(act):
        other = "two-box" if act == "one-box" else "one-box"
        return {act: 1 - r, other: r}

    def U(ex, pred):
        return (n["big"] if pred == "one-box" else 0) + (n["small"] if ex == "two-box" else 0)

    return DecisionProblem(
        [Decision("act", ("one-box", "two-box")), Predictor("prediction", "act", accuracy=p),
         Chance("executed", ("one-box", "two-box"), executed, ("act",))],
        U, ["executed", "prediction"], title="Newcomb with a cosmic ray",
        source="ours, after Yudkowsky & Soares (2017)", params={"ray": r, "accuracy": p, **n},
        factory=newcomb_cosmic_ray)


def absent_minded_driver(*, exit_first: Any = 0, exit_second: Any = 4, continue_both: Any = 1):
    """The absent-minded driver (Piccione & Rubinstein 1997; Aumann, Hart & Perry 1997).

    Two intersections the driver cannot tell apart: exiting at the first pays
    ``exit_first`` (0), at the second ``exit_second`` (4), continuing past both
    ``continue_both`` (1).  Planning optimum: continue with probability 2/3, value 4/3.
    Returns an :class:`~decision.imperfect_recall.ImperfectRecallProblem`.  Payoffs may be sympy
    symbols: ``value``, ``reach``, ``beliefs`` and ``de_se_values`` then give expressions, while the
    solvers (``planning_optimum``, ``solve_de_se``, ``cdt`` / ``edt`` / ``udt``, ``compare``) need
    numbers (``problem.subs({...})``) and raise ``UnsupportedError`` otherwise.
    """
    from .imperfect_recall import ImperfectRecallProblem

    f = "absent_minded_driver"
    n = _nums(f, exit_first=exit_first, exit_second=exit_second, continue_both=continue_both)
    t = ImperfectRecallProblem(title="Absent-minded driver",
                               source="Piccione & Rubinstein (1997); Aumann, Hart & Perry (1997)",
                               params=n)
    t.decision("X", "I", {"exit": "A", "continue": "Y"})
    t.decision("Y", "I", {"exit": "B", "continue": "C"})
    t.terminal("A", n["exit_first"])
    t.terminal("B", n["exit_second"])
    t.terminal("C", n["continue_both"])
    t.root = "X"
    return t


#: Every factory by name.
ALL = {name: globals()[name] for name in __all__ if name != "ALL"}
