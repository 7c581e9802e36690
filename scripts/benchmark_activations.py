"""Time every activation of the catalogue, forward and forward + backward, over
tensor sizes, on the CPU and on a CUDA device when there is one.

    python scripts/benchmark_activations.py            # writes docs/experiments/speed.json
    python scripts/benchmark_activations.py --quick    # small sizes, a quick look

The site never times anything while it builds: the /experiments/speed/ page
draws the committed JSON this script writes, and says which machine made it.
A timing on a shared machine measures the contention too, so the JSON records
the load average before and after the run and the number of CPUs: run it on
an otherwise idle machine.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from actsite.declare.catalog import load_catalog  # noqa: E402
from actsite.compute.evaluate import resolve  # noqa: E402

SIZES = [2 ** 10, 2 ** 14, 2 ** 18, 2 ** 22]
QUICK_SIZES = [2 ** 10, 2 ** 14]
BASELINE = "copy"  # x.clone(): reads and writes every element once, computes nothing


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> list[float] | None:
    """os.getloadavg(): processes running or waiting, over 1, 5 and 15 minutes (None on Windows)."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def timed(fn, sync, budget: float = 0.2, repeats: int = 7) -> float:
    """Median seconds per call over `repeats` loops that together last about `budget`."""
    fn()  # warm up
    sync()
    t = time.perf_counter()
    fn()
    sync()
    loops = max(1, round(budget / repeats / max(time.perf_counter() - t, 1e-7)))
    samples = []
    for _ in range(repeats):
        sync()
        t = time.perf_counter()
        for _ in range(loops):
            fn()
        sync()
        samples.append((time.perf_counter() - t) / loops)
    return statistics.median(samples)


def modules(dtype, device) -> dict[str, torch.nn.Module]:
    out = {}
    for act in load_catalog(ROOT):
        if not act.in_torch:  # torch's own implementations only, as on the other machines measured
            continue
        params = dict(act.defaults)
        out[act.id] = resolve(act.module)(**params).to(device=device, dtype=dtype).eval()
    return out


def bench(device: str, sizes: list[int]) -> dict:
    dtype = torch.float32
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    mods = modules(dtype, device)
    results = {}
    for size in sizes:
        x = torch.randn(size, dtype=dtype, device=device)
        xg = x.clone().requires_grad_(True)
        grad = torch.ones_like(x)
        row = {BASELINE: {"forward": timed(lambda: x.clone(), sync),
                          "backward": timed(lambda: (xg * 1).backward(grad), sync)}}
        for name, mod in mods.items():
            def forward(mod=mod):
                with torch.no_grad():
                    mod(x)
            row[name] = {"forward": timed(forward, sync),
                         "backward": timed(lambda mod=mod: mod(xg).backward(grad), sync)}
            print(f"{device} {size:>9} {name:12} forward {row[name]['forward'] * 1e6:9.1f} us, "
                  f"forward+backward {row[name]['backward'] * 1e6:9.1f} us", flush=True)
        results[str(size)] = row
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "experiments" / "speed.json")
    args = parser.parse_args()
    sizes = QUICK_SIZES if args.quick else SIZES
    devices = {"cpu": {"name": cpu_name(), "cores": os.cpu_count(), "threads": torch.get_num_threads()}}
    if torch.cuda.is_available():
        devices["cuda"] = {"name": torch.cuda.get_device_name()}
    before = load_average()
    if before and before[0] > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {before[0]} on {os.cpu_count()} CPUs: other processes compete for the "
              "cores, and the timings will measure that", flush=True)
    measured = {name: {**info, "results": bench(name, sizes)} for name, info in devices.items()}
    doc = {
        "schema": 1,
        "date": datetime.date.today().isoformat(),
        "torch_version": torch.__version__,
        "python": platform.python_version(),
        "dtype": "float32",
        "sizes": sizes,
        "baseline": BASELINE,
        "what": "median seconds per call; 'backward' is forward plus backward with a gradient of ones",
        "load": {"cpus": os.cpu_count(), "before": before, "after": load_average(),
                 "what": "os.getloadavg() (1, 5, 15 minutes) before and after the run, and os.cpu_count()"},
        "devices": measured,
    }
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
