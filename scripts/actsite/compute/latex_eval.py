"""Evaluate the LaTeX that the site shows, numerically.

The pages display formulas written in LaTeX. To make sure a displayed formula
is the function torch computes, the same string is parsed here into a small
expression tree and evaluated with numpy in float64. Only the subset of LaTeX
that activation formulas need is accepted; anything else is an error that
names the offending token, so a formula can never be shown unchecked.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np


class LatexError(ValueError):
    """The formula uses LaTeX outside the supported subset, or is malformed."""


_TOKEN = re.compile(
    r"\s*(?:(?P<cmd>\\[A-Za-z]+)|(?P<row>\\\\)|(?P<space>\\[,;:! ])"
    r"|(?P<num>\d+(?:\.\d+)?|\.\d+)|(?P<sym>[A-Za-z]|[-+*/^_(){}\[\]|&<>=,'])"
    r"|(?P<bad>\S))"
)

# Functions a formula may call. \sigma is the logistic function and \Phi the
# standard normal CDF, as in the literature on GELU and SiLU.
_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "ln": np.log,
    "log": np.log,
    "exp": np.exp,
    "tanh": np.tanh,
    "sin": np.sin,
    "cos": np.cos,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "sech": lambda v: 1.0 / np.cosh(v),
    "sigma": lambda v: 0.5 * (1.0 + np.tanh(0.5 * v)),
    "erf": np.vectorize(math.erf, otypes=[float]),
    "Phi": np.vectorize(lambda v: 0.5 * math.erfc(-v / math.sqrt(2.0)), otypes=[float]),
    "phi": lambda v: np.exp(-0.5 * v * v) / math.sqrt(2.0 * math.pi),
    "sgn": np.sign,
    "sign": np.sign,
}
_BINARY_FUNCTIONS = {"max": np.maximum, "min": np.minimum}
_CONSTANTS = {"pi": math.pi}
_SKIPPED = {"left", "right", "displaystyle", "bigl", "bigr", "Bigl", "Bigr", "big", "Big"}
_RELATIONS = {
    "<": np.less, ">": np.greater, "le": np.less_equal, "leq": np.less_equal,
    "ge": np.greater_equal, "geq": np.greater_equal, "=": np.equal, "neq": np.not_equal,
    "ne": np.not_equal,
}
_GREEK = {"alpha", "beta", "gamma", "lambda", "theta", "tau", "kappa", "mu", "nu", "eta", "omega"}


@dataclass
class _Tok:
    kind: str  # "cmd", "row", "num", "sym"
    text: str
    pos: int


def _tokenize(src: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    for m in _TOKEN.finditer(src):
        kind = m.lastgroup
        if kind is None:
            continue
        text = m.group(kind)
        if kind == "bad":
            raise LatexError(f"unexpected character {text!r} at position {m.start(kind)}")
        if kind == "space":
            continue
        if kind == "cmd":
            text = text[1:]
            if text in _SKIPPED:
                continue
        tokens.append(_Tok(kind, text, m.start(kind)))
    return tokens


Node = Callable[[np.ndarray, Mapping[str, float]], np.ndarray]


class _Parser:
    def __init__(self, src: str, symbols: Mapping[str, str]):
        self.src = src
        self.toks = _tokenize(src)
        self.i = 0
        self.transcendental: set[tuple] = set()  # distinct exp, log, tanh, erf... terms: a measure of cost
        # symbols maps a LaTeX symbol (\alpha or a) to a parameter name
        self.symbols = dict(symbols)

    # -- token helpers -------------------------------------------------
    def peek(self, offset: int = 0) -> _Tok | None:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else None

    def at(self, kind: str, text: str | None = None) -> bool:
        t = self.peek()
        return t is not None and t.kind == kind and (text is None or t.text == text)

    def take(self, kind: str, text: str | None = None) -> _Tok:
        t = self.peek()
        if t is None or t.kind != kind or (text is not None and t.text != text):
            want = text if text is not None else kind
            got = "end of formula" if t is None else repr(t.text)
            where = len(self.src) if t is None else t.pos
            raise LatexError(f"expected {want!r} but found {got} at position {where}")
        self.i += 1
        return t

    def fail(self, what: str) -> LatexError:
        t = self.peek()
        where = len(self.src) if t is None else t.pos
        got = "end of formula" if t is None else repr(("\\" if t.kind == "cmd" else "") + t.text)
        return LatexError(f"{what}: found {got} at position {where}")

    def _text(self, start: int, end: int) -> str:
        return " ".join(t.text for t in self.toks[start:end])

    # -- grammar -------------------------------------------------------
    def parse(self) -> Node:
        node = self.expr()
        if self.peek() is not None:
            raise self.fail("unexpected token")
        return node

    def expr(self) -> Node:
        node = self.term()
        while self.at("sym", "+") or self.at("sym", "-"):
            op = self.take("sym").text
            rhs = self.term()
            node = _bin(np.add if op == "+" else np.subtract, node, rhs)
        return node

    def _starts_factor(self) -> bool:
        t = self.peek()
        if t is None:
            return False
        if t.kind in ("num",):
            return True
        if t.kind == "sym":
            return t.text in "({[" or t.text.isalpha() or (t.text == "|" and not self._closing_bar)
        if t.kind == "cmd":
            return t.text not in ("cdot", "times", "end") and t.text not in _RELATIONS and t.text != "text"
        return False

    _closing_bar = False

    def term(self) -> Node:
        node = self.unary()
        while True:
            if self.at("cmd", "cdot") or self.at("cmd", "times") or self.at("sym", "*"):
                self.i += 1
                node = _bin(np.multiply, node, self.unary())
            elif self.at("sym", "/"):
                self.i += 1
                node = _bin(np.divide, node, self.unary())
            elif self._starts_factor():
                node = _bin(np.multiply, node, self.power())
            else:
                return node

    def unary(self) -> Node:
        if self.at("sym", "-"):
            self.i += 1
            inner = self.unary()
            return lambda x, p: -inner(x, p)
        if self.at("sym", "+"):
            self.i += 1
            return self.unary()
        return self.power()

    def power(self) -> Node:
        is_e = self.at("sym", "e")
        base = self.atom()
        if self.at("sym", "^"):
            self.i += 1
            start = self.i
            exponent = self.group_or_atom()
            if is_e:
                self.transcendental.add(("exp", self._text(start, self.i)))
            return _bin(np.power, base, exponent)
        return base

    def group_or_atom(self) -> Node:
        if self.at("sym", "{"):
            self.i += 1
            node = self.expr()
            self.take("sym", "}")
            return node
        return self.atom()

    def atom(self) -> Node:
        t = self.peek()
        if t is None:
            raise self.fail("expected a value")
        if t.kind == "num":
            self.i += 1
            value = float(t.text)
            return lambda x, p: np.full_like(x, value)
        if t.kind == "sym":
            if t.text in "({[":
                closing = {"(": ")", "{": "}", "[": "]"}[t.text]
                self.i += 1
                node = self.expr()
                self.take("sym", closing)
                return node
            if t.text == "|":
                self.i += 1
                outer, self._closing_bar = self._closing_bar, True
                node = self.expr()
                self._closing_bar = outer
                self.take("sym", "|")
                return lambda x, p: np.abs(node(x, p))
            if t.text == "x":
                self.i += 1
                return lambda x, p: x
            if t.text == "e":
                self.i += 1
                return lambda x, p: np.full_like(x, math.e)
            if t.text in self.symbols:
                self.i += 1
                return _param(self.symbols[t.text])
            raise self.fail("unknown symbol")
        if t.kind == "cmd":
            name = t.text
            self.i += 1
            if name == "frac":
                num = self.group_or_atom()
                den = self.group_or_atom()
                return _bin(np.divide, num, den)
            if name == "sqrt":
                inner = self.group_or_atom()
                return lambda x, p: np.sqrt(inner(x, p))
            if name in ("operatorname", "mathrm"):
                self.take("sym", "{")
                letters = []
                while not self.at("sym", "}"):
                    letters.append(self.take("sym").text)
                self.take("sym", "}")
                return self._call("".join(letters))
            if name == "begin":
                return self.cases()
            if name in _FUNCTIONS or name in _BINARY_FUNCTIONS:
                return self._call(name)
            if name in _CONSTANTS:
                value = _CONSTANTS[name]
                return lambda x, p: np.full_like(x, value)
            if "\\" + name in self.symbols:
                return _param(self.symbols["\\" + name])
            if name in _GREEK:
                raise LatexError(f"symbol \\{name} at position {t.pos} is not a declared parameter")
            self.i -= 1
            raise self.fail("unsupported command")
        raise self.fail("expected a value")

    def _call(self, name: str) -> Node:
        if name in _BINARY_FUNCTIONS:
            fn2 = _BINARY_FUNCTIONS[name]
            self.take("sym", "(")
            a = self.expr()
            self.take("sym", ",")
            b = self.expr()
            self.take("sym", ")")
            return _bin(fn2, a, b)
        if name not in _FUNCTIONS:
            raise LatexError(f"unknown function {name!r}")
        fn = _FUNCTIONS[name]
        start = self.i
        # \tanh^2 x means (tanh x)^2, as in textbooks.
        exponent = None
        if self.at("sym", "^"):
            self.i += 1
            exponent = self.group_or_atom()
        # \tanh x and \tanh(x) are both accepted; without brackets the function
        # applies to the next power (so \tanh x^2 = tanh(x^2), as read by people).
        arg = self.power()
        if name not in ("sgn", "sign"):
            self.transcendental.add((name, self._text(start, self.i)))
        if exponent is None:
            return lambda x, p: fn(arg(x, p))
        return lambda x, p: np.power(fn(arg(x, p)), exponent(x, p))

    def cases(self) -> Node:
        self.take("sym", "{")
        letters = []
        while self.peek() is not None and not self.at("sym", "}"):
            letters.append(self.take("sym").text)
        self.take("sym", "}")
        env = "".join(letters)
        if env != "cases":
            raise LatexError(f"only the cases environment is supported, not {env!r}")
        branches: list[tuple[Node, Node | None]] = []
        while True:
            value = self.expr()
            self.take("sym", "&")
            cond = self.condition()
            branches.append((value, cond))
            if self.at("row"):
                self.i += 1
                continue
            break
        self.take("cmd", "end")
        self.take("sym", "{")
        for ch in "cases":
            self.take("sym", ch)
        self.take("sym", "}")

        def evaluate(x, p):
            # Conditions must not overlap: where two hold, the formula is
            # ambiguous and the value is NaN, so no check can pass there.
            out = np.full_like(x, np.nan)
            hits = np.zeros(x.shape, dtype=int)
            masks = [None if cond is None else cond(x, p) for _, cond in branches]
            for (value, _), mask in zip(branches, masks):
                if mask is not None:
                    out = np.where(mask, value(x, p), out)
                    hits += mask
            for (value, _), mask in zip(branches, masks):
                if mask is None:  # \text{otherwise}: wherever no condition holds
                    out = np.where(hits == 0, value(x, p), out)
                    hits += hits == 0
            return np.where(hits > 1, np.nan, out)

        return evaluate

    def condition(self) -> Node | None:
        if self.at("cmd", "text"):
            self.i += 1
            self.take("sym", "{")
            words = []
            while not self.at("sym", "}"):
                words.append(self.take("sym").text)
            self.take("sym", "}")
            word = "".join(words)
            if word not in ("otherwise", "else"):
                raise LatexError(f"unsupported condition text {word!r}")
            return None
        left = self.expr()
        parts: list[Node] = []
        while True:
            t = self.peek()
            if t is None or t.text not in _RELATIONS:
                break
            self.i += 1
            rel = _RELATIONS[t.text]
            right = self.expr()
            parts.append(_bin(rel, left, right))
            left = right
        if not parts:
            raise self.fail("expected a comparison such as x > 0")

        def both(x, p):
            result = np.ones(x.shape, dtype=bool)
            for part in parts:
                result &= part(x, p)
            return result

        return both


def _bin(op, a: Node, b: Node) -> Node:
    return lambda x, p: op(a(x, p), b(x, p))


def _param(name: str) -> Node:
    return lambda x, p: np.full_like(x, float(p[name]))


def compile_latex(src: str, symbols: Mapping[str, str] | None = None) -> Node:
    """Parse ``src`` into a function ``f(x, params) -> ndarray``.

    ``symbols`` maps LaTeX symbols (``\\alpha``) to parameter names.
    """
    return _Parser(src, symbols or {}).parse()


def transcendentals(src: str, symbols: Mapping[str, str] | None = None) -> int:
    """How many distinct exp, log, tanh, erf... terms the formula needs, as written."""
    parser = _Parser(src, symbols or {})
    parser.parse()
    return len(parser.transcendental)


def evaluate_latex(src: str, x: np.ndarray, params: Mapping[str, float] | None = None,
                   symbols: Mapping[str, str] | None = None) -> np.ndarray:
    fn = compile_latex(src, symbols)
    with np.errstate(all="ignore"):
        return np.asarray(fn(np.asarray(x, dtype=np.float64), params or {}), dtype=np.float64)
