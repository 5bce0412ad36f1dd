"""Read and write Gambit's ``.nfg`` strategic-form file format.

The format is documented in Gambit's manual ("The strategic game (.nfg) file format";
McKelvey, McLennan & Turocy, *Gambit: Software Tools for Game Theory*).  A file is a header

    NFG 1 R "title" { "Player 1" "Player 2" } <strategies> ["comment"]

where ``<strategies>`` is either a list of counts ``{ 3 2 }`` or a list of strategy-name lists
``{ { "a" "b" "c" } { "x" "y" } }``, followed by one of two bodies:

* the *payoff* body: for every pure profile, the payoffs of all players in player order;
  profiles are listed with the FIRST player's strategy changing fastest;
* the *outcome* body: a brace list of outcomes ``{ "name" u_1, u_2, ... }`` and then one
  outcome number per profile (same order, 1-based; 0 is the null outcome paying zero).

``R`` files hold rational numbers (``"3/4"``, integers, decimals), ``D`` files decimals; either
way numbers are read exactly by default, since decimal text is exact.

The reader is a small tokenizer: no ``eval``, no unbounded reads (``max_bytes``), every error
names the line.
"""

from __future__ import annotations

import io
import os
from fractions import Fraction
from pathlib import Path
from typing import IO, Any, Iterator

import numpy as np

from .errors import FormatError, InvalidInputError, bad_param
from .games import MAX_PROFILES, NormalFormGame
from .numbers import fraction_text

__all__ = ["read_nfg", "parse_nfg", "write_nfg", "to_nfg", "MAX_NFG_BYTES"]

#: Largest file the reader accepts by default (bytes).
MAX_NFG_BYTES: int = 256 * 1024 * 1024


class _Tok:
    __slots__ = ("kind", "value", "line")

    def __init__(self, kind: str, value: str, line: int) -> None:
        self.kind = kind  # "str", "word", "{", "}", ","
        self.value = value
        self.line = line

    def __repr__(self) -> str:
        return f"{self.kind}:{self.value!r}@{self.line}"


def _tokens(text: str) -> Iterator[_Tok]:
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif c in "{},":
            yield _Tok(c, c, line)
            i += 1
        elif c == '"':
            start_line = line
            i += 1
            buf = []
            while True:
                if i >= n:
                    raise FormatError("unterminated string", start_line)
                c = text[i]
                if c == "\\" and i + 1 < n:
                    buf.append(text[i + 1])
                    if text[i + 1] == "\n":
                        line += 1
                    i += 2
                    continue
                if c == '"':
                    i += 1
                    break
                if c == "\n":
                    line += 1
                buf.append(c)
                i += 1
            yield _Tok("str", "".join(buf), start_line)
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '{},"':
                j += 1
            yield _Tok("word", text[i:j], line)
            i = j


class _Stream:
    def __init__(self, text: str) -> None:
        self._it = _tokens(text)
        self._peek: _Tok | None = None
        self.last_line = 1

    def peek(self) -> _Tok | None:
        if self._peek is None:
            self._peek = next(self._it, None)
        return self._peek

    def next(self, what: str) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise FormatError(f"unexpected end of file, expected {what}", self.last_line)
        self._peek = None
        self.last_line = tok.line
        return tok

    def expect(self, kind: str, what: str) -> _Tok:
        tok = self.next(what)
        if tok.kind != kind:
            raise FormatError(f"expected {what}, found {tok.value!r}", tok.line)
        return tok


def _number(tok: _Tok) -> Fraction:
    if tok.kind != "word":
        raise FormatError(f"expected a number, found {tok.value!r}", tok.line)
    text = tok.value
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        try:  # forms Fraction rejects but Gambit writes, e.g. "1e-05"
            value = Fraction(repr(float(text)))
            if not np.isfinite(float(text)):
                raise ValueError
        except (ValueError, OverflowError):
            raise FormatError(f"expected a number, found {text!r}", tok.line) from None
    return value


def _int(tok: _Tok, what: str) -> int:
    if tok.kind != "word" or not tok.value.lstrip("+").isdigit():
        raise FormatError(f"expected {what} (a nonnegative integer), found {tok.value!r}", tok.line)
    return int(tok.value)


def parse_nfg(text: str, *, exact: bool | None = True) -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file into a :class:`NormalFormGame`.

    Parameters
    ----------
    text : str
        The file's contents.
    exact : bool or None
        ``True`` (default): payoffs as Fractions (decimal text is read exactly).  ``False``:
        float payoffs.  ``None``: exact for ``R`` files, float for ``D`` files.

    Raises
    ------
    FormatError
        On any malformed input; the message starts with the line number.
    """
    if not isinstance(text, str):
        raise InvalidInputError(bad_param("parse_nfg", "text", "a str", type(text).__name__, raw=True))
    s = _Stream(text[1:] if text.startswith("\ufeff") else text)  # a UTF-8 byte-order mark
    tok = s.next('"NFG"')
    if tok.value != "NFG":
        raise FormatError(f'expected the file to start with "NFG", found {tok.value!r}', tok.line)
    ver = s.next("the version")
    if ver.value != "1":
        raise FormatError(f"only version 1 of the NFG format is supported, found {ver.value!r}", ver.line)
    rtype = s.next('"R" or "D"')
    if rtype.value not in ("R", "D"):
        raise FormatError(f'expected "R" or "D" after the version, found {rtype.value!r}', rtype.line)
    title = s.expect("str", "the title string").value
    s.expect("{", "'{' opening the player list")
    players: list[str] = []
    while True:
        t = s.next("a player name or '}'")
        if t.kind == "}":
            break
        if t.kind != "str":
            raise FormatError(f"expected a quoted player name, found {t.value!r}", t.line)
        players.append(t.value)
    if not players:
        raise FormatError("the game has no players", s.last_line)
    n = len(players)
    s.expect("{", "'{' opening the strategy list")
    shape: list[int] = []
    labels: list[list[str]] | None = None
    first = s.peek()
    if first is not None and first.kind == "{":
        labels = []
        for i in range(n):
            s.expect("{", f"'{{' opening player {i + 1}'s strategy names")
            names: list[str] = []
            while True:
                t = s.next("a strategy name or '}'")
                if t.kind == "}":
                    break
                if t.kind != "str":
                    raise FormatError(f"expected a quoted strategy name, found {t.value!r}", t.line)
                names.append(t.value)
            if not names:
                raise FormatError(f"player {i + 1} has no strategies", s.last_line)
            labels.append(names)
            shape.append(len(names))
        s.expect("}", "'}' closing the strategy list")
    else:
        for i in range(n):
            t = s.next(f"player {i + 1}'s number of strategies")
            m = _int(t, "a number of strategies")
            if m == 0:
                raise FormatError(f"player {i + 1} has no strategies", t.line)
            shape.append(m)
        s.expect("}", f"'}}' closing the strategy counts ({n} players)")
    n_prof = 1
    for m in shape:
        n_prof *= m
    if n_prof > MAX_PROFILES:
        raise FormatError(f"the game has {n_prof} profiles, more than MAX_PROFILES={MAX_PROFILES}", s.last_line)
    nxt = s.peek()
    if nxt is not None and nxt.kind == "str":
        s.next("the comment")  # optional comment
    body = s.peek()
    payoffs = [np.empty(n_prof, dtype=object) for _ in range(n)]
    if body is not None and body.kind == "{":
        s.next("'{'")
        outcomes: list[list[Fraction]] = []
        while True:
            t = s.next("an outcome '{' or '}'")
            if t.kind == "}":
                break
            if t.kind != "{":
                raise FormatError(f"expected '{{' opening an outcome, found {t.value!r}", t.line)
            s.expect("str", "the outcome's name")
            vals: list[Fraction] = []
            while True:
                t = s.next("a payoff or '}'")
                if t.kind == "}":
                    break
                if t.kind == ",":
                    continue
                vals.append(_number(t))
            if len(vals) != n:
                raise FormatError(f"outcome {len(outcomes) + 1} has {len(vals)} payoffs, expected {n}", t.line)
            outcomes.append(vals)
        zero = [Fraction(0)] * n
        for k in range(n_prof):
            t = s.next(f"outcome number for profile {k + 1} of {n_prof}")
            o = _int(t, "an outcome number")
            if o > len(outcomes):
                raise FormatError(f"outcome number {o} is past the {len(outcomes)} outcomes", t.line)
            vals = zero if o == 0 else outcomes[o - 1]
            for i in range(n):
                payoffs[i][k] = vals[i]
    else:
        for k in range(n_prof):
            for i in range(n):
                t = s.next(f"payoff of player {i + 1} at profile {k + 1} of {n_prof}")
                if t.kind == ",":
                    t = s.next(f"payoff of player {i + 1} at profile {k + 1} of {n_prof}")
                payoffs[i][k] = _number(t)
    extra = s.peek()
    if extra is not None:
        raise FormatError(f"unexpected text after the payoffs: {extra.value!r}", extra.line)
    # Gambit accepts repeated names (e.g. every strategy labelled ""); it tells them apart by a
    # suffix "_k" (k-th occurrence), and so do we, instead of refusing the file
    players = _distinct(players)
    if labels is not None:
        labels = [_distinct(lab) for lab in labels]
    # profiles are listed first-player-fastest: Fortran order
    arrays = [p.reshape(tuple(shape), order="F") for p in payoffs]
    if exact is None:
        exact = rtype.value == "R"
    return NormalFormGame(arrays, labels=labels, players=players, title=title, exact=exact,
                          _func="parse_nfg")


def _distinct(names: list[str]) -> list[str]:
    """Names made distinct the way pygambit does: a repeated name gets "_k" (k-th occurrence)."""
    if len(set(names)) == len(names):
        return names
    counts: dict[str, int] = {}
    for x in names:
        counts[x] = counts.get(x, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for x in names:
        if counts[x] > 1:
            seen[x] = seen.get(x, 0) + 1
            out.append(f"{x}_{seen[x]}")
        else:
            out.append(x)
    if len(set(out)) != len(out):  # a suffixed name collides with a given one
        out = [str(k) for k in range(len(names))]
    return out


def read_nfg(source: str | os.PathLike[str] | IO[str], *, exact: bool | None = True,
             max_bytes: int = MAX_NFG_BYTES) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file (a path or an open text file).

    Parameters
    ----------
    source : path or file object
        Where to read from.
    exact : bool or None
        See :func:`parse_nfg`.
    max_bytes : int
        Refuse files larger than this (no unbounded reads).
    """
    if hasattr(source, "read"):
        text = source.read(max_bytes + 1)  # type: ignore[union-attr]
        if isinstance(text, bytes):
            text = text.decode("utf-8")
    else:
        path = Path(source)  # type: ignore[arg-type]
        if not path.is_file():
            raise InvalidInputError(bad_param("read_nfg", "source", "an existing file", str(path)))
        with open(path, "r", encoding="utf-8", errors="strict") as fh:
            text = fh.read(max_bytes + 1)
    if len(text) > max_bytes:
        raise FormatError(f"file larger than max_bytes={max_bytes}")
    return parse_nfg(text, exact=exact)


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _numtext(x: Any) -> str:
    if isinstance(x, Fraction):
        return fraction_text(x)
    if isinstance(x, (float, np.floating)):
        return repr(float(x))
    return str(x)


def to_nfg(game: NormalFormGame, *, outcomes: bool = False, comment: str = "") -> str:
    """The text of ``game`` in Gambit's ``.nfg`` format.

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    outcomes : bool
        ``False`` (default): the payoff body, with strategy counts (or the strategy names when
        the game has labels other than the default ``"0", "1", ...``).  ``True``: strategy
        names and the outcome body (one outcome per profile), the form Gambit itself writes.
    comment : str
        Optional comment line.
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param("to_nfg", "game", "a NormalFormGame", game))
    kind = "R" if game.exact else "D"
    out = io.StringIO()
    out.write(f"NFG 1 {kind} {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}")
    flat = [p.reshape(-1, order="F") for p in game.payoffs]
    n_prof = game.n_profiles
    if outcomes:
        out.write("\n\n{ ")
        out.write("\n".join("{ " + " ".join(_quote(l) for l in labs) + " }" for labs in game.labels))
        out.write("\n}\n")
        out.write(_quote(comment) + "\n\n{\n")
        for k in range(n_prof):
            out.write("{ \"\" " + ", ".join(_numtext(f[k]) for f in flat) + " }\n")
        out.write("}\n")
        out.write(" ".join(str(k + 1) for k in range(n_prof)) + " \n")
    elif any(labs != tuple(str(k) for k in range(len(labs))) for labs in game.labels):
        # the payoff form may name the strategies instead of counting them (Gambit reads both):
        # labels survive the round trip
        out.write(" { " + " ".join("{ " + " ".join(_quote(l) for l in labs) + " }" for labs in game.labels)
                  + " }\n")
    else:
        out.write(" { " + " ".join(str(m) for m in game.shape) + " }\n")
    if not outcomes:
        out.write(_quote(comment) + "\n\n")
        row = []
        for k in range(n_prof):
            row.append(" ".join(_numtext(f[k]) for f in flat))
        out.write(" ".join(row) + " \n")
    return out.getvalue()


def write_nfg(game: NormalFormGame, target: str | os.PathLike[str] | IO[str], *,
              outcomes: bool = False, comment: str = "") -> None:
    """Write ``game`` to a path or an open text file in Gambit's ``.nfg`` format.

    See :func:`to_nfg` for the parameters.  Action labels survive in both forms.
    """
    text = to_nfg(game, outcomes=outcomes, comment=comment)
    if hasattr(target, "write"):
        target.write(text)  # type: ignore[union-attr]
    else:
        with open(Path(target), "w", encoding="utf-8") as fh:  # type: ignore[arg-type]
            fh.write(text)
