"""The worker processes: results in order, and a dead worker fails the jobs instead of hanging."""
from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
import os

import pytest

from actsite import workers


def square(x: int) -> int:
    return x * x


def dies(x: int) -> int:
    if x == 1:
        os._exit(9)  # as the out-of-memory killer would end it
    return x


def test_results_in_order():
    assert workers.parallel(square, list(range(7))) == [x * x for x in range(7)]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the jobs run in-process")
def test_a_dead_worker_fails_the_jobs():
    with pytest.raises(BrokenProcessPool):
        workers.parallel(dies, [0, 1, 2])


def test_results_are_collected_once():
    started = workers.start(square, [1, 2])
    assert started.results() == [1, 4]
    with pytest.raises(RuntimeError):
        started.results()
