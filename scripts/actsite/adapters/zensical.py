"""Build the whole site with Zensical, from the same generated docs as MkDocs.

Zensical reads mkdocs.yml but runs neither mkdocs-gen-files nor hooks, so this
adapter does their part around it:

1. each language's docs (its hand-written files, then every generated file)
   go into a Zensical project of its own, ``.zensical/<lang>/docs``;
2. its config is the language's MkDocs config with INHERIT resolved the way
   MkDocs resolves it (mappings merged, lists replaced), the navigation the
   generator gives, and none of MkDocs' plugins and hooks;
3. each project is built; the first language's site becomes the site root
   and every other one goes to its root under it (site/zh/);
4. the HTML passes the MkDocs hooks make (external links, the search's
   labels), the link check, and only then the swap into the site folder, so
   a failure leaves the previous site as it was.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from ..errors import SiteError
from ..languages import LANGUAGES
from ..pipeline import Generator
from ..tools.links import check_site
from .folder import write_language
from .html import drop_alternates, label_search, open_external_links, sitemap_alternates
from .publish import publish

STAGE = ".zensical"  # under the project: one Zensical project per language
SOURCE = "scripts/actsite/adapters/zensical.py"  # named in error messages
MKDOCS_ONLY = ("hooks", "watch", "validation", "INHERIT")  # settings Zensical does without


# --- mkdocs.yml, read as MkDocs reads it ------------------------------------

@dataclass
class _Python:
    """A ``!!python/...`` node (the toc's slugify), kept to be written back as it was."""
    suffix: str
    value: dict


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    """``!ENV NAME`` or ``!ENV [NAME, ..., default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1]
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: _Python(suffix, loader.construct_mapping(node, deep=True)))


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Python, lambda d, p: d.represent_mapping(f"tag:yaml.org,2002:python/{p.suffix}", p.value))


def _merge(parent, child):
    """MkDocs' INHERIT: mappings merge key by key, anything else (lists too) is replaced."""
    if isinstance(parent, dict) and isinstance(child, dict):
        return {**parent, **{k: _merge(parent[k], v) if k in parent else v for k, v in child.items()}}
    return child


def mkdocs_config(root: Path, file: str) -> dict:
    """A MkDocs config with its INHERIT chain resolved and its !ENV values read."""
    path = root / file
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SiteError("the Zensical build", file, "(file)", f"cannot be read: {exc}") from None
    if "INHERIT" in config:
        parent = (path.parent / config["INHERIT"]).relative_to(root)
        config = _merge(mkdocs_config(root, str(parent)), {k: v for k, v in config.items() if k != "INHERIT"})
    return config


def zensical_config(root: Path, lang, project: Path, nav: list) -> dict:
    """The Zensical config of one language's project."""
    config = {k: v for k, v in mkdocs_config(root, lang.config).items() if k not in MKDOCS_ONLY}
    config["docs_dir"], config["site_dir"], config["nav"] = "docs", "site", nav
    config["plugins"] = ["search"]  # Zensical's own search; gen-files is what this adapter does
    if lang.root and config.get("site_url"):
        config["site_url"] = config["site_url"].rstrip("/") + "/" + lang.root
    theme = config["theme"] = dict(config["theme"])
    theme["custom_dir"] = os.path.relpath(root / theme["custom_dir"], project)
    theme["variant"] = "classic"  # Material's look, which the overrides and tests are written for
    return config


# --- the build ----------------------------------------------------------------

def _project(gen: Generator, lang, project: Path) -> None:
    """One language's docs and config in a fresh project folder."""
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    shutil.copytree(gen.root / "docs" / lang.code, docs)
    write_language(gen, lang.code, docs)  # over the hand-written files, as gen-files does
    config = zensical_config(gen.root, lang, project, gen.nav(lang.code))
    (project / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")


def _html_passes(site: Path, root: Path, lang: str) -> None:
    """What the MkDocs hooks do to each page: external links open safely, search
    is labelled, the head's links to the other languages go (the sitemaps name them)."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        start, end = text.find("<article"), text.rfind("</article>")
        if start >= 0 and end > start:  # the page's own content, as MkDocs' on_page_content sees it
            text = text[:start] + open_external_links(text[start:end]) + text[end:]
        page.write_text(drop_alternates(label_search(text, root, lang, SOURCE)), encoding="utf-8")


def build(root: Path, site_dir: Path, log: Callable[[str], None] = print) -> None:
    """The bilingual site with Zensical into ``site_dir``, swapped in only when complete and checked."""
    root = Path(root).resolve()
    site_dir = Path(site_dir).resolve()
    gen = Generator(root, log)
    staging = Path(str(site_dir) + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for lang in LANGUAGES:  # the first language's site is the root: it goes first
            project = root / STAGE / lang.code
            _project(gen, lang, project)
            log(f"zensical: building the '{lang.code}' site from {project.relative_to(root)}")
            result = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml"],
                                    cwd=project, capture_output=True, text=True)
            said = result.stdout + result.stderr
            if result.returncode != 0 or "Build finished" not in said:
                said = re.sub(r"\x1b\[[0-9;]*m", "", said).split("Traceback")[0]  # its words, not its colours
                raise SiteError(f"the '{lang.code}' site", f"docs/{lang.code}/ (staged in {project.relative_to(root)})",
                                "zensical build", said.replace("Build started", "").strip()[-3000:])
            target = staging / lang.root
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(project / "site"), str(target))
            _html_passes(target, root, lang.code)
        sitemap_alternates(staging)
        if problems := check_site(staging):
            raise SiteError("the Zensical site", str(site_dir), "links",
                            f"{len(problems)} link problems:\n  " + "\n  ".join(problems))
        publish(str(staging), str(site_dir))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log(f"zensical: the site is in {site_dir}")
