"""Run jobs in worker processes, one per core (figures, experiments)."""
from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from typing import Callable

log: Callable[[str], None] = print  # what a job may log with; forked workers inherit it


def parallel(fn, jobs: list, logger: Callable[[str], None] | None = None, chunksize: int = 4) -> list:
    """``[fn(job) for job in jobs]`` in worker processes, in order. Forked, so the
    workers inherit sys.path and the log; give the longest jobs first."""
    global log
    if logger is not None:
        log = logger
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        return [fn(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(fn, jobs, chunksize=chunksize))
