"""Evaluate an activation with torch, in float64, and its derivatives with autograd.

This is the only module of the pipeline that imports torch; it is imported
only when a cached result is missing.
"""
from __future__ import annotations

import importlib
from typing import Callable

import numpy as np
import torch

from .declarations import Activation
from .errors import SiteError

torch.use_deterministic_algorithms(True)


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


class TorchActivation:
    """The module of a declaration with its default parameters, as numpy callables."""

    def __init__(self, act: Activation, params: dict[str, float] | None = None):
        self.act = act
        self.params = dict(act.defaults if params is None else params)
        cls = resolve(act.module)
        if not (isinstance(cls, type) and issubclass(cls, torch.nn.Module)):
            raise SiteError(f"activation '{act.id}'", act.path, "module",
                            f"{act.module} is not a torch.nn.Module class in torch {torch.__version__}")
        try:
            self.module = cls(**self.params)
        except TypeError as exc:
            raise SiteError(f"activation '{act.id}'", act.path, "params",
                            f"{act.module} does not accept these parameters: {exc}") from None
        self.module.eval()
        self.functional = resolve(act.functional)
        if not callable(self.functional):
            raise SiteError(f"activation '{act.id}'", act.path, "functional",
                            f"{act.functional} does not exist in torch {torch.__version__}")

    def derivatives(self, x: np.ndarray, order: int) -> list[np.ndarray]:
        """[f, f', ..., f^(order)] at x; elementwise, so grad of the sum is f'."""
        t = torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64, requires_grad=True)
        out = self.module(t)
        results = [out]
        current = out
        for _ in range(order):
            if current.requires_grad:
                (nxt,) = torch.autograd.grad(current.sum(), t, create_graph=True, allow_unused=True)
                current = torch.zeros_like(t) if nxt is None else nxt
            else:  # the previous derivative is piecewise constant: autograd has no graph left
                current = torch.zeros_like(t)
            results.append(current)
        return [r.detach().numpy().copy() for r in results]

    def fn(self, order: int) -> Callable[[np.ndarray], np.ndarray]:
        return lambda x: self.derivatives(x, order)[order]

    def functional_values(self, x: np.ndarray) -> np.ndarray:
        t = torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64)
        kwargs = {k: v for k, v in self.params.items()}
        try:
            return self.functional(t, **kwargs).numpy().copy()
        except TypeError:
            return self.functional(t, *kwargs.values()).numpy().copy()
