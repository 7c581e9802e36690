"""MkDocs hooks: the navigation, one build per language, reproducible dates.

Material's answer to several languages is one build per language linked by
`extra.alternate`; this hook makes the single `mkdocs build` (or
`properdocs build`) build every language: after the English site is written
to site/, the Chinese one is built into site/zh/ from mkdocs.zh.yml.
"""
from __future__ import annotations

import html
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import site_adapter  # noqa: E402
from actsite.errors import SiteError  # noqa: E402
from actsite.declare.strings import strings  # noqa: E402

PRIMARY = "en"
SECONDARY = {"zh": "mkdocs.zh.yml"}  # language -> config, built into site/<language>/


def _engine(config):
    """'mkdocs' or 'properdocs': whichever is running this build."""
    return type(config).__module__.split(".")[0]


def _log(config):
    return importlib.import_module(f"{_engine(config)}.plugins").get_plugin_logger("activations")


def on_config(config):
    lang = config.extra["language"]
    if lang == PRIMARY:
        site_adapter.reset()  # a new build (or a `serve` rebuild) reads every source again
        if "SOURCE_DATE_EPOCH" not in os.environ:
            # The sitemap's dates come from the last commit, so two builds of
            # one commit are identical byte for byte.
            try:
                stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, text=True,
                                       capture_output=True, check=True).stdout.strip()
                if stamp:
                    os.environ["SOURCE_DATE_EPOCH"] = stamp
            except (OSError, subprocess.CalledProcessError):
                pass
    try:
        config.nav = site_adapter.generator(ROOT, _log(config).info).nav(lang)
    except SiteError as exc:
        raise importlib.import_module(f"{_engine(config)}.exceptions").PluginError(str(exc)) from None
    return config


def on_post_build(config):
    if config.extra["language"] != PRIMARY:
        return
    engine = _engine(config)
    load_config = importlib.import_module(f"{engine}.config").load_config
    build = importlib.import_module(f"{engine}.commands.build").build
    for lang, file in SECONDARY.items():
        _log(config).info(f"Building the '{lang}' site from {file}")
        sub = load_config(
            str(ROOT / file),
            site_dir=os.path.join(config.site_dir, lang),
            site_url=(config.site_url or "") and config.site_url.rstrip("/") + f"/{lang}/",
            strict=config.strict,
        )
        try:
            build(sub)
        except BaseException:
            # Never leave a site in which one language is missing.
            shutil.rmtree(config.site_dir, ignore_errors=True)
            raise


# --- what the theme ships, made accessible and safe ------------------------

_EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"(?![^>]*\btarget=)')


def on_page_content(html_text, page, config, files):
    """External links open in a new tab that cannot reach back (noopener)."""
    return _EXTERNAL.sub(r'<a href="\1" target="_blank" rel="noopener noreferrer"', html_text)


# Material's search dialog has no accessible name, and the hidden checkbox
# that opens it has no label (axe-core: aria-dialog-name, label).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'


def _accessible(output: str, config) -> str:
    s = strings(ROOT, config.extra["language"])
    for old, label in ((_SEARCH_DIALOG, s("a11y.search_dialog")), (_SEARCH_TOGGLE, s("a11y.search_toggle"))):
        if old not in output:
            raise importlib.import_module(f"{_engine(config)}.exceptions").PluginError(
                f"scripts/mkdocs_hooks.py: the theme no longer writes {old!r}; update the accessibility fix")
        output = output.replace(old, old[:-1] + f' aria-label="{html.escape(label)}">', 1)
    return output


def on_post_page(output, page, config):
    return _accessible(output, config)


def on_post_template(output_content, template_name, config):
    return _accessible(output_content, config) if template_name == "404.html" else output_content
