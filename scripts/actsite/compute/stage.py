"""The compute stage: everything torch computes for the site, cached.

Each function's record, the explorer's data, the output of every snippet and
the result of every experiment. All of it is done here, before any text is
filled, so that the pages only look results up. torch is imported only when a
cached result is missing.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import workers
from ..cache import Store, key
from ..declare import experiments
from ..declare.stage import Declared
from ..errors import SiteError
from .claims import Checked, check
from .records import Record


@dataclass
class Computed:
    records: dict[str, Record]        # by function id
    record_keys: dict[str, str]       # the cache key of each record: it names the record's content
    explorer: dict[str, bytes]        # the explorer's data (explorer.ExplorerData as JSON), by function id
    snippets: dict[str, str]          # what each snippet printed
    experiments: dict[str, dict]      # {"result", "table"} of each experiment
    experiment_keys: dict[str, str]
    claims: dict[str, list[Checked]]  # each experiment's claims, checked against its result

    @property
    def torch_version(self) -> str:
        return next(iter(self.records.values())).torch_version


def _records(d: Declared, log) -> tuple[dict[str, Record], dict[str, str]]:
    store = Store(d.root, "records", log=log)
    out, keys = {}, {}
    for act in d.acts:
        reference = d.by_id[act.approximates] if act.approximates else None
        k = key(act.source, reference.source if reference else "",
                code=("actsite.compute.activation",), packages=("torch", "numpy"))
        data = store.get_json(act.id, k)
        if data is None:
            log(f"{act.id}: evaluating with torch and autograd")
            from .activation import compute  # imports torch, only when needed
            data = json.loads(json.dumps(compute(act, reference), sort_keys=True))
            store.put_json(act.id, k, data)
        else:
            log(f"{act.id}: evaluation from cache")
        out[act.id], keys[act.id] = Record.from_json(data), k
    return out, keys


def _explorer(d: Declared, log) -> dict[str, bytes]:
    """Each function on the explorer's grid, for every value of its slider."""
    store = Store(d.root, "explorer", log=log)
    out = {}
    for act in d.acts:
        k = key(act.source, code=("actsite.compute.explorer",), packages=("torch", "numpy"))
        data = store.get_bytes(act.id, k, ".json")
        if data is None:
            log(f"{act.id}: explorer data")
            from .explorer import explorer_data  # imports torch, only when needed
            data = json.dumps(explorer_data(act), separators=(",", ":")).encode()
            store.put_bytes(act.id, k, ".json", data)
        out[act.id] = data
    return out


def _snippets(d: Declared, log) -> dict[str, str]:
    store = Store(d.root, "snippets", log=log)
    out = {}
    for name, snippet in d.snippets.items():
        k = key(snippet.code, code=("actsite.compute.snippets",), packages=("torch", "numpy"))
        output = store.get_json(f"snippet-{name}", k)
        if output is None:
            log(f"snippet {name}: running")
            from .snippets import run_snippet
            try:
                output = run_snippet(snippet.code, name)
            except Exception as exc:  # the snippet itself is broken: say where
                raise SiteError(f"page '{snippet.page}'", f"docs/snippets/{name}.py", "(code)",
                                f"raised {type(exc).__name__}: {exc}") from None
            store.put_json(f"snippet-{name}", k, output)
        out[name] = output
    return out


class _Experiments:
    """Every experiment's run: the cached ones at once, the missing ones started
    in parallel (one process per core, one thread each) until ``collect()``."""

    def __init__(self, d: Declared, log):
        self.store = Store(d.root, "experiments", log=log)
        self.keys, self.runs, self.missing = {}, {}, []
        for name in d.experiments:
            self.keys[name] = key(*experiments.sources(d.root, name), code=("actsite.compute.experiments",),
                                  packages=("torch",))
            run = self.store.get_json(name, self.keys[name])
            if run is None:
                self.missing.append(name)
            else:
                log(f"experiment {name}: from cache")
                self.runs[name] = run
        self.started = None
        if self.missing:
            log(f"experiments: running {', '.join(self.missing)}")
            import torch  # noqa: F401  once, before the workers fork, rather than in each of them
            self.started = workers.start(_run_experiment, [(str(d.root), n) for n in self.missing], log)

    def collect(self) -> dict[str, dict]:
        if self.started is not None:
            for name, run in zip(self.missing, self.started.results()):
                self.store.put_json(name, self.keys[name], run)
                self.runs[name] = run
            self.started = None
        return dict(sorted(self.runs.items()))

    def stop(self) -> None:
        if self.started is not None:
            self.started.stop()


def _run_experiment(job: tuple[str, str]) -> dict:
    """In a worker: run one experiment, logging its progress."""
    root, name = job
    from .experiments import run  # imports torch, only when an experiment runs
    start = time.perf_counter()
    result = run(Path(root), name, lambda msg: workers.log(f"experiment {name}: {msg}"))
    workers.log(f"experiment {name}: done in {time.perf_counter() - start:.1f} s")
    return result


def compute(d: Declared, log: Callable[[str], None]) -> Computed:
    runs = _Experiments(d, log)  # they run in workers while this process evaluates the functions
    try:
        records, record_keys = _records(d, log)
        explorer, snippets = _explorer(d, log), _snippets(d, log)
        results = runs.collect()
    except BaseException:
        runs.stop()
        raise
    claims = {name: check(name, d.literals(name)["CLAIMS"], run["result"], experiments.path(name))
              for name, run in results.items()}
    return Computed(records=records, record_keys=record_keys, explorer=explorer, snippets=snippets,
                    experiments=results, experiment_keys=runs.keys, claims=claims)
