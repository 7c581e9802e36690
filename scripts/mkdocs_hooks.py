"""MkDocs hooks: the navigation, one build per language, reproducible dates.

Material's answer to several languages is one build per language linked by
`extra.alternate`; this hook makes the single `mkdocs build` (or
`properdocs build`) build every language: while the English site is written
to site/, the Chinese one is built into site/zh/ from mkdocs.zh.yml, in a
forked process beside it (each build uses one core).

A build never leaves a half-built site: both languages are written to a
staging folder beside site/ (site.building), their links are checked, and only
then does the staging folder replace site/. On any failure the previous site
stays as it was, byte for byte.
"""
from __future__ import annotations

import importlib
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import site_adapter  # noqa: E402
from actsite.adapters.html import drop_alternates, label_search, open_external_links, sitemap_alternates  # noqa: E402
from actsite.adapters.publish import publish  # noqa: E402
from actsite.errors import SiteError  # noqa: E402
from actsite.languages import LANGUAGES  # noqa: E402
from actsite.tools.links import check_site  # noqa: E402

PRIMARY = LANGUAGES[0].code  # its build builds every other language after it
SECONDARY = {lang.code: lang.config for lang in LANGUAGES[1:]}  # language -> config, built into site/<root>
STAGING = ".building"  # suffix of the folder beside site_dir that the build writes to

# The primary build's staging folder. on_build_error gets no config, so it is
# kept here; every config load executes this file anew, so it is per build.
_staging: str | None = None
# The other languages' builds under way in forked processes: (language, pid, the pipe of its error).
_secondary: list[tuple[str, int, int]] = []


def _engine(config):
    """'mkdocs' or 'properdocs': whichever is running this build."""
    return type(config).__module__.split(".")[0]


def _module(config, name):
    """The engine's own module ``name`` (mkdocs.x or properdocs.x)."""
    return importlib.import_module(f"{_engine(config)}.{name}")


def _log(config):
    return _module(config, "plugins").get_plugin_logger("activations")


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
        # Write everything beside the requested folder; on_post_build swaps
        # it in once both languages are built and checked.
        global _staging
        _staging = config.site_dir.rstrip("/\\") + STAGING
        shutil.rmtree(_staging, ignore_errors=True)  # left by an interrupted build
        config.site_dir = _staging
    try:
        config.nav = site_adapter.generator(ROOT, _log(config).info).nav(lang)
    except SiteError as exc:
        raise _module(config, "exceptions").PluginError(str(exc)) from None
    return config


def _strict_abort(config):
    """MkDocs raises Abort for strict-mode warnings only after on_post_build
    returns, i.e. after a swap; raise that same Abort before it instead."""
    if not config.strict:
        return
    counter = _module(config, "utils").CountHandler
    for handler in logging.getLogger(_engine(config)).handlers:
        if isinstance(handler, counter) and (counts := handler.get_counts()):
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise _module(config, "exceptions").Abort(f"Aborted with {msg} in strict mode!")


def on_files(files, config):
    """Once the primary build has emptied its folder, start the other languages'
    builds into it, each in a forked process: the generator's results, computed
    for every language in on_config, come with the fork."""
    if config.extra["language"] == PRIMARY:
        for lang, file in SECONDARY.items():
            _log(config).info(f"Building the '{lang}' site from {file}")
            _secondary.append((lang, *_fork_build(config, lang, file)))
    return files


def _fork_build(config, lang: str, file: str) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)  # the child: build, say what failed, and leave without the parent's exit handlers
    status = 0
    try:
        _module(config, "commands.build").build(_module(config, "config").load_config(
            str(ROOT / file),
            site_dir=os.path.join(config.site_dir, lang),
            site_url=(config.site_url or "") and config.site_url.rstrip("/") + f"/{lang}/",
            strict=config.strict,
        ))
    except BaseException as exc:  # noqa: BLE001 -- reported to the parent, which fails the build
        os.write(write, (str(exc) or type(exc).__name__).encode())
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _finish_secondary(config) -> None:
    """Wait for the other languages' builds; one that failed fails this build with
    its own Abort, as when it ran in this process (its log has said why)."""
    failed = []
    while _secondary:
        lang, pid, read = _secondary.pop(0)
        with os.fdopen(read, "rb") as pipe:
            message = pipe.read().decode(errors="replace")
        if os.waitpid(pid, 0)[1] != 0:
            failed.append(message or f"the '{lang}' build's process died")
    if failed:
        raise _module(config, "exceptions").Abort("; ".join(failed))


def _stop_secondary() -> None:
    while _secondary:
        _, pid, read = _secondary.pop()
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass
        os.close(read)


def on_post_build(config):
    if config.extra["language"] != PRIMARY:
        return
    staging = config.site_dir
    _strict_abort(config)  # an English warning: on_build_error stops the other languages
    _finish_secondary(config)
    sitemap_alternates(Path(staging))
    # The links of both languages, on the HTML readers get (the Pages workflow
    # checks the same; here a bad link fails the build before it is published).
    if problems := check_site(Path(staging)):
        raise _module(config, "exceptions").PluginError(
            f"{len(problems)} link problems in the built site:\n  " + "\n  ".join(problems))
    _strict_abort(config)
    config.site_dir = staging[: -len(STAGING)]  # gh-deploy reads it after the build
    publish(staging, config.site_dir)


on_post_build.mkdocs_priority = -100  # last: after the search index and every other plugin's output


def on_build_error(error):
    # Any failure, ours or MkDocs': stop the other languages' builds, drop the
    # staging folder, keep the old site.
    _stop_secondary()
    if _staging:
        shutil.rmtree(_staging, ignore_errors=True)


# --- what the theme ships, made accessible and safe ------------------------

def on_page_content(html_text, page, config, files):
    return open_external_links(html_text)


def _accessible(output: str, config) -> str:
    try:
        return label_search(output, ROOT, config.extra["language"], "scripts/mkdocs_hooks.py")
    except SiteError as exc:
        raise _module(config, "exceptions").PluginError(str(exc)) from None


def on_post_page(output, page, config):
    return drop_alternates(_accessible(output, config))


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    return drop_alternates(_accessible(output_content, config))
