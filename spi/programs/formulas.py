"""Formulas of the modal-agent language and their text syntax.

A *modal agent* (Barasz, Christiano, Fallenstein, Herreshoff, LaVictoire, Yudkowsky,
"Robust cooperation in the prisoner's dilemma: program equilibrium via provability logic",
arXiv:1401.5577, 2014) is a formula of provability logic GL whose propositional variables say
who cooperates with whom.  The formula is the agent's *cooperation condition*: the agent
cooperates with its opponent iff the formula holds.

Syntax (the :func:`parse_formula` grammar; precedence from loose to tight)
-------------------------------------------------------------------------
``A <-> B``  (also ``↔``)               equivalence, left associative
``A -> B``   (also ``→``)               implication, right associative
``A | B``    (also ``or``, ``∨``)       disjunction
``A & B``    (also ``and``, ``∧``)      conjunction
``~A``       (also ``!``, ``not``, ``¬``)  negation
``[] A``     (also ``□``)               PA proves A
``[k] A``    (``k`` a natural number)   PA+k proves A, where PA+0 = PA and
                                        PA+(k+1) = PA+k + Con(PA+k) (Barasz et al. §3)
``<> A``, ``<k> A`` (also ``◇``)        consistency: ``~[k]~A``
``T``, ``F`` (also ``true``, ``false``, ``⊤``, ``⊥``)   constants
``X(Y)``  or ``X(Y) = C`` / ``X(Y) = D``  the variable "X cooperates with Y" (``= D`` is its
                                        negation), where X and Y are ``me``, ``opp`` or the
                                        name of another agent (a *reference agent*, such as
                                        PrudentBot's ``DefectBot``); ``Them``/``Me`` and the
                                        quotes ``⌜ ⌝`` of the MIRI modal combat checker are
                                        accepted (``□⌜Them(Me)=C⌝``)

Examples: FairBot is ``[] opp(me)``; PrudentBot is ``[] opp(me) & [1] opp(DefectBot) = D``.

Semantics of ``[k]``: PA+k proves A iff PA proves ``Con(PA+k-1) -> A``, i.e.
``[k] A == [] (~[]^k F -> A)`` with ``[]^k`` k nested boxes (``[]^0 F`` is ``F``): by
induction ``[k-1] F == []^k F``.  On the linear Kripke frame of GL (worlds 0, 1, 2, ...,
``[] A`` true at n iff A is true at every m < n), ``[]^k F`` holds exactly at the worlds
m < k, so ``[k] A`` holds at world n iff A holds at every world m with k <= m < n.

A formula is *fully modalized* when every variable occurrence lies under a box; only fully
modalized formulas define agents (otherwise the fixed point need not exist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from solvers.errors import FormatError, InvalidInputError, LimitError, bad_param

__all__ = [
    "Formula", "Top", "Bot", "Not", "And", "Or", "Implies", "Iff", "Box", "Var",
    "TOP", "BOT", "box", "dia", "coop", "parse_formula", "is_fully_modalized",
    "modal_depth", "agent_names", "formula_size", "MAX_NESTING", "MAX_SIZE", "MAX_LEVEL",
]


class Formula:
    """Base class of modal formulas (immutable, hashable, comparable by structure).

    Combine with ``&``, ``|``, ``~`` and ``>>`` (implication).
    """

    __slots__ = ()

    def __and__(self, other: "Formula") -> "Formula":
        return And(self, _as_formula(other))

    def __or__(self, other: "Formula") -> "Formula":
        return Or(self, _as_formula(other))

    def __invert__(self) -> "Formula":
        return Not(self)

    def __rshift__(self, other: "Formula") -> "Formula":
        return Implies(self, _as_formula(other))

    def children(self) -> tuple["Formula", ...]:
        return ()

    def walk(self) -> Iterator["Formula"]:
        """Every subformula, this one first (pre-order)."""
        stack = [self]
        while stack:
            f = stack.pop()
            yield f
            stack.extend(reversed(f.children()))

    def __str__(self) -> str:
        return _show(self, 0)


def _as_formula(x: object) -> Formula:
    if isinstance(x, Formula):
        return x
    if isinstance(x, bool):
        return TOP if x else BOT
    raise InvalidInputError(bad_param("Formula", "operand", "a Formula or a bool", x))


@dataclass(frozen=True, slots=True)
class Top(Formula):
    """The constant true (CooperateBot's formula)."""


@dataclass(frozen=True, slots=True)
class Bot(Formula):
    """The constant false (DefectBot's formula)."""


@dataclass(frozen=True, slots=True)
class Not(Formula):
    arg: Formula

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class And(Formula):
    left: Formula
    right: Formula

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Or(Formula):
    left: Formula
    right: Formula

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Implies(Formula):
    left: Formula
    right: Formula

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Iff(Formula):
    left: Formula
    right: Formula

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Box(Formula):
    """Provability: ``Box(A, k)`` reads "PA+k proves A" (``k = 0``: PA)."""

    arg: Formula
    level: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.level, int) or isinstance(self.level, bool) or self.level < 0:
            raise InvalidInputError(bad_param("Box", "level", "a natural number", self.level))

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Var(Formula):
    """The proposition "``actor`` cooperates with ``target``".

    ``actor`` and ``target`` are ``"me"`` (the agent whose formula this is), ``"opp"`` (its
    opponent) or the name of a reference agent.
    """

    actor: str = "opp"
    target: str = "me"

    def __post_init__(self) -> None:
        for name, value in (("actor", self.actor), ("target", self.target)):
            if not isinstance(value, str) or not _NAME.fullmatch(value):
                raise InvalidInputError(bad_param("Var", name, "an identifier ('me', 'opp' or an agent name)", value))


TOP = Top()
BOT = Bot()


def box(arg: Formula, level: int = 0) -> Box:
    """``[level] arg``: PA+level proves ``arg``."""
    return Box(_as_formula(arg), level)


def dia(arg: Formula, level: int = 0) -> Formula:
    """``<level> arg == ~[level]~arg``: ``arg`` is consistent with PA+level."""
    return Not(Box(Not(_as_formula(arg)), level))


def coop(actor: str = "opp", target: str = "me") -> Var:
    """The variable "``actor`` cooperates with ``target``" (default: the opponent with me)."""
    return Var(actor, target)


# -- queries ---------------------------------------------------------------------------------
def is_fully_modalized(formula: Formula) -> bool:
    """Whether every variable occurrence of ``formula`` lies under a box."""
    stack = [formula]
    while stack:
        f = stack.pop()
        if isinstance(f, Var):
            return False
        if isinstance(f, Box):
            continue
        stack.extend(f.children())
    return True


#: Largest nesting of connectives and boxes accepted in an agent's formula (the formula classes
#: hash, compare and print recursively; deeper formulas hit Python's recursion limit).
MAX_NESTING = 200
#: Largest formula size (nodes of the formula *tree*, shared subformulas counted each time).
MAX_SIZE = 1_000_000
#: Largest PA+k level accepted in an agent's formula: the evaluation walks the Kripke chain up
#: to world k at least (about 1 s per million worlds), so ``[10**11] A`` would run for days.
MAX_LEVEL = 1_000_000


def _fold(formula: Formula, combine: Callable[[Formula, list], Any]) -> Any:
    """``combine(f, values of f's children)`` bottom-up over the formula, iteratively (no
    recursion limit), each distinct subformula object once."""
    memo: dict[int, Any] = {}
    stack: list[tuple[Formula, bool]] = [(formula, False)]
    while stack:
        f, done = stack.pop()
        if id(f) in memo:
            continue
        kids = f.children()
        if done:
            memo[id(f)] = combine(f, [memo[id(c)] for c in kids])
            continue
        stack.append((f, True))
        stack.extend((c, False) for c in kids if id(c) not in memo)
    return memo[id(formula)]


def formula_size(formula: Formula) -> tuple[int, int]:
    """``(nodes, nesting)`` of the formula tree, in time linear in its distinct subformulas.

    Shared subformulas count once per occurrence (``f & f`` repeated 60 times is a tree of
    about 2**60 nodes even though only 61 objects exist); counts are capped at ``MAX_SIZE + 1``.
    """
    return _fold(formula, lambda f, vs: (min(1 + sum(v[0] for v in vs), MAX_SIZE + 1),
                                         1 + max((v[1] for v in vs), default=0)))


def check_formula_size(func: str, param: str, formula: Formula) -> None:
    """Raise ``LimitError`` (naming ``param``) for formulas beyond ``MAX_NESTING`` / ``MAX_SIZE``."""
    size, depth = formula_size(formula)
    if depth > MAX_NESTING or size > MAX_SIZE:
        raise LimitError(bad_param(func, param, f"a formula nested at most {MAX_NESTING} deep with at most "
                                   f"{MAX_SIZE} nodes", f"nesting {depth}, "
                                   f"{'more than ' + str(MAX_SIZE) if size > MAX_SIZE else size} nodes", raw=True))
    seen: set[int] = set()
    stack = [formula]
    while stack:
        f = stack.pop()
        if id(f) in seen:
            continue
        seen.add(id(f))
        if isinstance(f, Box) and f.level > MAX_LEVEL:
            raise LimitError(bad_param(func, param, f"a formula whose PA+k levels are at most MAX_LEVEL={MAX_LEVEL}",
                                       f"level {f.level} in {_show(f, 0)[:60]!r}", raw=True))
        stack.extend(f.children())


def modal_depth(formula: Formula) -> int:
    """Maximum nesting of boxes in ``formula`` (iterative; shared subformulas visited once)."""
    return _fold(formula, lambda f, vs: max(vs, default=0) + isinstance(f, Box))


def agent_names(formula: Formula) -> set[str]:
    """Names of the reference agents mentioned (everything except ``me`` and ``opp``)."""
    out: set[str] = set()
    for f in formula.walk():
        if isinstance(f, Var):
            for n in (f.actor, f.target):
                if n not in ("me", "opp"):
                    out.add(n)
    return out


# -- printing ---------------------------------------------------------------------------------
_PREC = {Iff: 1, Implies: 2, Or: 3, And: 4}


def _show(f: Formula, ctx: int) -> str:
    if isinstance(f, Top):
        return "T"
    if isinstance(f, Bot):
        return "F"
    if isinstance(f, Var):
        return f"{f.actor}({f.target})"
    if isinstance(f, Not):
        return "~" + _show(f.arg, 5)
    if isinstance(f, Box):
        head = "[]" if f.level == 0 else f"[{f.level}]"
        return head + " " + _show(f.arg, 5)
    prec = _PREC[type(f)]
    sym = {Iff: "<->", Implies: "->", Or: "|", And: "&"}[type(f)]
    if isinstance(f, Implies):   # right associative
        text = f"{_show(f.left, prec + 1)} {sym} {_show(f.right, prec)}"
    else:                        # left associative
        text = f"{_show(f.left, prec)} {sym} {_show(f.right, prec + 1)}"
    return f"({text})" if prec < ctx else text


# -- parsing ----------------------------------------------------------------------------------
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(
    r"\s*(?:(?P<box>\[\s*(?P<boxk>\d*)\s*\]|□)|(?P<dia><\s*(?P<diak>\d*)\s*>|◇)"
    r"|(?P<op><->|↔|->|→|&&|&|∧|\|\||\||∨|~|!|¬|\(|\)|⌜|⌝|=|⊤|⊥)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*))"
)
_KEYWORDS = {"and": "&", "or": "|", "not": "~", "true": "T", "false": "F"}
_OPS = {"↔": "<->", "→": "->", "&&": "&", "∧": "&", "||": "|", "∨": "|", "!": "~", "¬": "~",
        "⊤": "T", "⊥": "F", "⌜": "(", "⌝": ")"}
# the modal combat checker's spelling of the two roles
_ROLE_ALIASES = {"Them": "opp", "them": "opp", "Opp": "opp", "Me": "me"}


def _tokenize(text: str) -> list[tuple[str, object, int]]:
    tokens = []
    pos = 0
    n = len(text)
    while pos < n:
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            at = len(text) - len(text[pos:].lstrip())
            ch = text[at:at + 1]
            hint = ""
            if ch in "[<":  # e.g. "[-1] A" or "[k] A": the level must be a natural number
                close = "]" if ch == "[" else ">"
                end = text.find(close, at)
                if end < 0:
                    hint = f"; {ch!r} is never closed by {close!r}"
                else:
                    hint = (f"; the level inside {ch}{close} must be a natural number (0, 1, 2, ...), "
                            f"got {text[at + 1:end].strip()!r}")
            raise FormatError(f"parse_formula(): unexpected character {ch!r} at position {at} in {text!r}{hint}")
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if m.group("box") is not None:
            k = m.group("boxk")
            tokens.append(("box", int(k) if k else 0, start))
        elif m.group("dia") is not None:
            k = m.group("diak")
            tokens.append(("dia", int(k) if k else 0, start))
        elif m.group("op") is not None:
            op = _OPS.get(m.group("op"), m.group("op"))
            if op in ("T", "F"):
                tokens.append(("const", op, start))
            else:
                tokens.append(("op", op, start))
        else:
            word = m.group("name")
            low = word.lower()
            if low in ("and", "or", "not"):
                tokens.append(("op", _KEYWORDS[low], start))
            elif word in ("T", "F") or low in ("true", "false"):
                tokens.append(("const", _KEYWORDS.get(low, word), start))
            else:
                tokens.append(("name", word, start))
        pos = m.end()
    tokens.append(("end", None, len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i]

    def next(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, what: str) -> None:
        kind, value, pos = self.peek()
        shown = "end of input" if kind == "end" else repr(value if kind != "box" else "[]")
        raise FormatError(f"parse_formula(): expected {what} at position {pos}, found {shown} in {self.text!r}")

    def accept(self, kind: str, value: object = None) -> bool:
        k, v, _ = self.peek()
        if k == kind and (value is None or v == value):
            self.i += 1
            return True
        return False

    def parse(self) -> Formula:
        f = self.iff()
        if self.peek()[0] != "end":
            self.fail("an operator or end of input")
        return f

    def iff(self) -> Formula:
        f = self.implies()
        while self.accept("op", "<->"):
            f = Iff(f, self.implies())
        return f

    def implies(self) -> Formula:
        f = self.disj()
        if self.accept("op", "->"):
            return Implies(f, self.implies())
        return f

    def disj(self) -> Formula:
        f = self.conj()
        while self.accept("op", "|"):
            f = Or(f, self.conj())
        return f

    def conj(self) -> Formula:
        f = self.unary()
        while self.accept("op", "&"):
            f = And(f, self.unary())
        return f

    def unary(self) -> Formula:
        kind, value, _ = self.peek()
        if kind == "op" and value == "~":
            self.next()
            return Not(self.unary())
        if kind == "box":
            self.next()
            return Box(self.unary(), value)
        if kind == "dia":
            self.next()
            return Not(Box(Not(self.unary()), value))
        return self.atom()

    def atom(self) -> Formula:
        kind, value, _ = self.peek()
        if kind == "const":
            self.next()
            return TOP if value == "T" else BOT
        if kind == "op" and value == "(":
            self.next()
            f = self.iff()
            if not self.accept("op", ")"):
                self.fail("')'")
            return f
        if kind == "name":
            self.next()
            actor = value
            if not self.accept("op", "("):
                self.fail(f"'(' after agent name {actor!r} (variables are written X(Y), e.g. opp(me))")
            k2, target, _ = self.peek()
            if k2 != "name":
                self.fail("an agent name ('me', 'opp' or a reference agent)")
            self.next()
            if not self.accept("op", ")"):
                self.fail("')'")
            var = Var(_ROLE_ALIASES.get(actor, actor), _ROLE_ALIASES.get(target, target))
            if self.accept("op", "="):
                k3, act, _ = self.peek()
                if k3 == "name" and act in ("C", "D"):
                    self.next()
                    return var if act == "C" else Not(var)
                self.fail("the action C or D after '='")
            return var
        self.fail("a formula")
        raise AssertionError  # unreachable


def parse_formula(text: str) -> Formula:
    """Parse the text syntax of the module docstring into a :class:`Formula`.

    Raises
    ------
    FormatError
        On a syntax error; the message names the position.

    Examples
    --------
    >>> str(parse_formula("[] opp(me) = C & [1] opp(DefectBot) = D"))
    '[] opp(me) & [1] ~opp(DefectBot)'
    """
    if isinstance(text, Formula):
        return text
    if not isinstance(text, str):
        raise InvalidInputError(bad_param("parse_formula", "text", "a str", text))
    try:
        f = _Parser(text).parse()
    except RecursionError:
        raise LimitError(bad_param("parse_formula", "text", f"a formula nested at most {MAX_NESTING} deep",
                                   f"deeper nesting in a text of {len(text)} characters", raw=True)) from None
    check_formula_size("parse_formula", "text", f)
    return f
