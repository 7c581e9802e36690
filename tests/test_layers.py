"""The generator's layout is its pipeline: no stage imports a later one, and
the modules a cached build loads import neither torch nor matplotlib."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "actsite"
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.cache import imports_of  # noqa: E402

# Shared modules first, then the stages in pipeline order, then what drives them.
LAYERS = {
    "errors": 0, "cache": 0, "workers": 0, "languages": 0,
    "declare": 1, "compute": 2, "render": 3, "assemble": 4,
    "pipeline": 5, "adapters": 6, "tools": 6, "__main__": 6,
}


def module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    parts = module.split(".")
    return -1 if len(parts) == 1 else LAYERS[parts[1]]


MODULES = sorted(module_name(f) for f in PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    for m in MODULES:
        layer(m)  # a KeyError names a module outside the layout


@pytest.mark.parametrize("module", MODULES)
def test_no_stage_imports_a_later_one(module):
    file = PACKAGE.parent.joinpath(*module.split(".")) / "__init__.py"
    if not file.is_file():
        file = PACKAGE.parent.joinpath(*module.split(".")).with_suffix(".py")
    later = [m for m in imports_of(module, file.read_text(encoding="utf-8")) if layer(m) > layer(module)]
    assert not later, f"{module} (layer {layer(module)}) imports {later}, of a later stage"


def test_the_check_catches_a_backward_import():
    source = "from ..assemble.pages import rel\nfrom .curves import breaks\n"
    found = imports_of("actsite.render.figures", source)
    assert "actsite.assemble.pages" in found and layer("actsite.assemble.pages") > layer("actsite.render.figures")


def test_declare_and_assemble_never_import_torch_or_matplotlib():
    """A rebuild from the cache loads these: they import neither library, even lazily."""
    for file in list((PACKAGE / "declare").glob("*.py")) + list((PACKAGE / "assemble").glob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not names & {"torch", "matplotlib", "numpy"}, f"{file.name} imports {names & {'torch', 'matplotlib', 'numpy'}}"


def test_loading_the_generator_imports_no_heavy_library():
    code = ("import sys; sys.path.insert(0, 'scripts'); import actsite.pipeline, actsite.adapters.folder, "
            "actsite.__main__; print(sorted(m for m in ('torch', 'matplotlib', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
