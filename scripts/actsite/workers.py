"""Run jobs in worker processes, one per core (figures, experiments)."""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable

log: Callable[[str], None] = print  # what a job may log with; forked workers inherit it


class Started:
    """``[fn(job) for job in jobs]`` under way in forked worker processes (so they
    inherit sys.path, the imported modules and the log), while the caller does
    other work; ``results()`` waits for them. On one core the jobs run in
    ``results()`` itself."""

    def __init__(self, fn, jobs: list, chunksize: int):
        self._fn, self._jobs = fn, jobs
        workers = min(len(jobs), os.cpu_count() or 1)
        self._pool = multiprocessing.get_context("fork").Pool(workers) if workers >= 2 else None
        self._running = self._pool.map_async(fn, jobs, chunksize) if self._pool else None

    def results(self) -> list:
        if self._pool is None:
            return [self._fn(job) for job in self._jobs]
        try:
            out = self._running.get()
        except BaseException:
            self.stop()
            raise
        self._pool.close()
        self._pool.join()
        self._pool = None
        return out

    def stop(self) -> None:
        """Give up on the jobs (the caller failed): end the workers now."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def start(fn, jobs: list, logger: Callable[[str], None] | None = None, chunksize: int = 1) -> Started:
    """Start ``fn`` on every job; give the longest jobs first."""
    global log
    if logger is not None:
        log = logger
    return Started(fn, jobs, chunksize)


def parallel(fn, jobs: list, logger: Callable[[str], None] | None = None, chunksize: int = 1) -> list:
    """``[fn(job) for job in jobs]`` in worker processes, in order."""
    return start(fn, jobs, logger, chunksize).results()
