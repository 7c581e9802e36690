"""Put a finished site in place of the previous one, never half-written."""
from __future__ import annotations

import os
import shutil


def publish(staging: str, target: str) -> None:
    """Replace target by staging: two renames, so target is never half-written."""
    old = target.rstrip("/\\") + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.lexists(target):
        os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        if os.path.lexists(old):
            os.rename(old, target)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
