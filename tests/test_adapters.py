"""The engine adapters without a build: Zensical's configs, the HTML passes."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT


def test_inherit_is_resolved_as_mkdocs_does(monkeypatch):
    from actsite.adapters.zensical import mkdocs_config
    monkeypatch.delenv("SITE_URL", raising=False)
    en, zh = mkdocs_config(ROOT, "mkdocs.yml"), mkdocs_config(ROOT, "mkdocs.zh.yml")
    assert zh["theme"]["language"] == "zh" and zh["theme"]["features"] == en["theme"]["features"]
    # lists are replaced, not appended (Zensical 0.0.73's own INHERIT would append them)
    assert len(zh["theme"]["palette"]) == len(en["theme"]["palette"]) == 2
    assert [a["link"] for a in zh["extra"]["alternate"]] == ["../", ""]
    assert zh["markdown_extensions"] == en["markdown_extensions"] and "INHERIT" not in zh
    assert en["site_url"] == "https://example.github.io/activation-functions/"  # !ENV's default
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/fork/")
    assert mkdocs_config(ROOT, "mkdocs.zh.yml")["site_url"] == "https://someone.github.io/fork/"


def test_zensical_config_of_a_language(tmp_path, monkeypatch):
    from actsite.adapters.zensical import _Dumper, zensical_config
    from actsite.languages import BY_CODE
    monkeypatch.delenv("SITE_URL", raising=False)
    project = ROOT / ".zensical" / "zh"
    config = zensical_config(ROOT, BY_CODE["zh"], project, nav=["index.md"])
    assert not {"hooks", "watch", "validation", "INHERIT"} & set(config)
    assert config["plugins"] == ["search"] and config["nav"] == ["index.md"]
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site"
    assert config["site_url"] == "https://example.github.io/activation-functions/zh/"
    assert (project / config["theme"]["custom_dir"]).resolve() == ROOT / "overrides"
    text = yaml.dump(config, Dumper=_Dumper, allow_unicode=True)
    assert "!!python/object/apply:pymdownx.slugs.slugify" in text and "case: lower" in text  # Chinese anchors


def test_html_passes():
    from actsite.adapters.html import label_search, open_external_links
    from actsite.errors import SiteError
    assert open_external_links('<a href="https://x.org/">x</a> <a href="../y/">y</a>') == \
        '<a href="https://x.org/" target="_blank" rel="noopener noreferrer">x</a> <a href="../y/">y</a>'
    page = ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">')
    labelled = label_search(page, ROOT, "zh", "here.py")
    assert 'role="dialog" aria-label="在本站搜索">' in labelled and 'aria-label="Search"' not in labelled
    assert 'id="__search" aria-label="显示或隐藏搜索框">' in labelled
    with pytest.raises(SiteError, match="here.py.*a11y.search_dialog"):
        label_search(page.split("<div")[0], ROOT, "en", "here.py")
