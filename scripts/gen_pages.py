"""mkdocs-gen-files entry point: the thin adapter between the generator and MkDocs.

The generator (scripts/actsite) returns every generated file as bytes; this
script only hands them to MkDocs. Another engine would need another such
adapter, nothing more.
"""
import sys
from pathlib import Path

import mkdocs_gen_files
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.errors import SiteError  # noqa: E402
from site_adapter import generator  # noqa: E402

log = get_plugin_logger("activations")
lang = mkdocs_gen_files.config.extra["language"]
try:
    files = generator(ROOT, log.info).outputs(lang)
except SiteError as exc:
    raise PluginError(str(exc)) from None
for path, data in files.items():
    with mkdocs_gen_files.open(path, "wb") as f:
        f.write(data)
log.info(f"{lang}: {len(files)} generated files")
