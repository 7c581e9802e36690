"""Evaluate an activation with torch, in float64, and its derivatives with autograd.

This is the only module of the pipeline that imports torch; it is imported
only when a cached result is missing.
"""
from __future__ import annotations

import importlib
import inspect
import math
from typing import Callable

import numpy as np
import torch

from ..declare.catalog import Activation, class_source
from ..errors import SiteError

torch.use_deterministic_algorithms(True)

# torch converts a parameter to the tensor's dtype: the page's example runs in
# float32 (torch's default), and some modules (CELU, PReLU) use float32 even for float64
F32_MAX = float(np.finfo(np.float32).max)


def resolve(dotted: str):
    """torch.nn.functional.relu -> the object, or None when it does not exist."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr, None)
            if obj is None:
                return None
        return obj
    return None


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def expression_module(act: Activation) -> type[torch.nn.Module]:
    """The nn.Module of a function written as an expression: the class of
    declare.catalog.class_source, made here from the same declaration."""
    namespace = {"nn": torch.nn, "torch": torch, "math": math}
    try:
        exec(compile(class_source(act), f"<{act.path}: expression>", "exec"), namespace)
    except SyntaxError as exc:
        raise SiteError(f"activation '{act.id}'", act.path, "expression", f"does not compile: {exc.msg}") from None
    return namespace[act.module]


def module_class(act: Activation) -> type[torch.nn.Module]:
    return expression_module(act) if act.expression else resolve(act.module)


def torch_defaults(act: Activation) -> dict:
    """torch's own default of each declared parameter, from the signature of the
    module's __init__: None where it has none (Threshold) or takes no such name.
    An expression's class has the declared ones."""
    sig = inspect.signature(module_class(act).__init__).parameters
    out = {}
    for p in act.params:
        d = sig[p.name].default if p.name in sig else inspect.Parameter.empty
        out[p.name] = d if isinstance(d, (int, float, str)) else None  # JSON-able: it goes into the record
    return out


class TorchActivation:
    """The module of a declaration with its default parameters, as numpy callables."""

    def __init__(self, act: Activation, params: dict[str, float] | None = None):
        self.act = act
        self.params = dict(act.defaults if params is None else params)
        cls = module_class(act)
        if not (isinstance(cls, type) and issubclass(cls, torch.nn.Module)):
            raise SiteError(f"activation '{act.id}'", act.path, "module",
                            f"{act.module} is not a torch.nn.Module class in torch {torch.__version__}")
        for k, v in self.params.items():
            if _is_number(v) and abs(v) > F32_MAX:
                raise SiteError(f"activation '{act.id}'", act.path, self.field(k),
                                f"{k} = {v!r} is too large for torch, which converts it to float32 (the page's "
                                f"example computes in float32), whose largest value is {F32_MAX:.4g}")
        try:
            # float64 throughout; eval mode, so RReLU uses its fixed mean slope
            self.module = cls(**self.params).double().eval()
        except TypeError as exc:
            raise SiteError(f"activation '{act.id}'", act.path, "params",
                            f"{act.module} does not accept these parameters: {exc}") from None
        except RuntimeError as exc:
            raise self.failed(exc) from None
        # an expression (and a module without a functional form) is its own: the module's forward
        self.functional = self._forward if act.functional is None else resolve(act.functional)
        if not callable(self.functional):
            raise SiteError(f"activation '{act.id}'", act.path, "functional",
                            f"{act.functional} does not exist in torch {torch.__version__}")

    def _forward(self, t: torch.Tensor, **_params) -> torch.Tensor:
        return self.module(t)

    @property
    def trainable(self) -> list[str]:
        """The module's parameters that an optimiser updates (PReLU's weight)."""
        return [n for n, p in self.module.named_parameters() if p.requires_grad]

    def field(self, name: str | None = None, text: str = "") -> str:
        """The declaration field behind a failure with these parameters: a swept
        value (they are not the declared ones); else parameter ``name``, the one
        torch's message names, or the only number that is not torch's default."""
        if self.params != self.act.defaults:
            return "sweep.values"
        if name is None:
            nums = [k for k, v in self.params.items() if _is_number(v)]
            torch_d = torch_defaults(self.act)
            named = [k for k in nums if k in text] or [k for k in nums if self.params[k] != torch_d[k]] or nums
            name = named[0] if len(named) == 1 else None
        return "params" if name is None else f"params.{name}"

    def failed(self, exc: Exception) -> SiteError:
        """torch refused these parameters (CELU with alpha = 0): say so, in its words."""
        values = ", ".join(f"{k} = {v!r}" for k, v in self.params.items())
        return SiteError(f"activation '{self.act.id}'", self.act.path, self.field(text=str(exc)),
                         f"torch fails with {values}: {type(exc).__name__}: {exc}")

    def derivatives(self, x: np.ndarray, order: int) -> list[np.ndarray]:
        """[f, f', ..., f^(order)] at x; elementwise, so grad of the sum is f'."""
        try:
            return self._derivatives(x, order)
        except RuntimeError as exc:
            raise self.failed(exc) from None

    def _derivatives(self, x: np.ndarray, order: int) -> list[np.ndarray]:
        t = torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64, requires_grad=True)
        try:
            out = self.module(t)
        except (TypeError, NameError, AttributeError) as exc:  # only an expression can fail so
            raise SiteError(f"activation '{self.act.id}'", self.act.path, "expression",
                            f"fails on a float64 tensor x: {type(exc).__name__}: {exc}") from None
        if not (isinstance(out, torch.Tensor) and out.shape == t.shape):
            raise SiteError(f"activation '{self.act.id}'", self.act.path, "expression",
                            "must give a tensor of x's shape, elementwise")
        results = [out]
        current = out
        for k in range(order):
            if current.requires_grad:
                # a graph only where a higher derivative follows: with it, some
                # backward formulas (SiLU, Mish) differ from plain backward() in the last bit
                (nxt,) = torch.autograd.grad(current.sum(), t, create_graph=k < order - 1, allow_unused=True)
                current = torch.zeros_like(t) if nxt is None else nxt
            else:  # the previous derivative is piecewise constant: autograd has no graph left
                current = torch.zeros_like(t)
            results.append(current)
        return [r.detach().numpy().copy() for r in results]

    def fn(self, order: int) -> Callable[[np.ndarray], np.ndarray]:
        return lambda x: self.derivatives(x, order)[order]

    def functional_values(self, x: np.ndarray) -> np.ndarray:
        t = torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)
        spec = self.act.functional_params if self.act.functional_params is not None else self.params
        kwargs = {k: torch.tensor(v, dtype=torch.float64) if isinstance(v, list) else v for k, v in spec.items()}
        try:
            return self.functional(t, **kwargs).numpy().copy()
        except TypeError as exc:
            raise SiteError(f"activation '{self.act.id}'", self.act.path, "functional",
                            f"{self.act.functional} does not accept the parameters: {exc}") from None
        except RuntimeError as exc:
            raise self.failed(exc) from None

    def training_sample(self, x: np.ndarray, seed: int = 0) -> np.ndarray:
        """One forward pass in training mode (random for RReLU), seeded."""
        torch.manual_seed(seed)
        self.module.train()
        try:
            with torch.no_grad():
                return self.module(torch.tensor(x, dtype=torch.float64)).numpy().copy()
        finally:
            self.module.eval()
