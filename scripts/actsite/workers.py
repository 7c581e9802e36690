"""Run jobs in worker processes, one per core (figures, experiments)."""
from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from typing import Callable

log: Callable[[str], None] = print  # what a job may log with; forked workers inherit it


class Started:
    """``[fn(job) for job in jobs]`` under way in forked worker processes (so they
    inherit sys.path, the imported modules and the log), while the caller does
    other work; ``results()`` waits for them, once. A worker that dies fails the
    jobs (BrokenProcessPool) rather than leaving them waited for. On one core the
    jobs run in ``results()`` itself."""

    def __init__(self, fn, jobs: list):
        self._fn, self._jobs, self._done = fn, jobs, False
        workers = min(len(jobs), os.cpu_count() or 1)
        self._pool = (concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
                      if workers >= 2 else None)
        self._futures = [self._pool.submit(fn, job) for job in jobs] if self._pool else []

    def results(self) -> list:
        if self._done:
            raise RuntimeError("the results of these jobs were already collected, or the jobs stopped")
        self._done = True
        if self._pool is None:
            return [self._fn(job) for job in self._jobs]
        try:
            out = [future.result() for future in self._futures]
        except BaseException:
            self.stop()
            raise
        self._pool.shutdown()
        return out

    def stop(self) -> None:
        """Give up on the jobs (the caller failed): end the workers now, not when they finish."""
        self._done = True
        if self._pool is not None:
            processes = list((getattr(self._pool, "_processes", None) or {}).values())  # no public way before 3.14
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()


def start(fn, jobs: list, logger: Callable[[str], None] | None = None) -> Started:
    """Start ``fn`` on every job; give the longest jobs first."""
    global log
    if logger is not None:
        log = logger
    return Started(fn, jobs)


def parallel(fn, jobs: list, logger: Callable[[str], None] | None = None) -> list:
    """``[fn(job) for job in jobs]`` in worker processes, in order."""
    return start(fn, jobs, logger).results()
