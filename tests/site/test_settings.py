"""The build's settings (generator/site/settings.py): options of the plugin that mkdocs.yml reads from
the environment with !ENV, in the forms an environment variable arrives in."""

from __future__ import annotations

import re

import pytest
from conftest import REPO_ROOT, build_with_env
from mkdocs.config import load_config


def options(monkeypatch, **env: str):
    for key in ("CATALOG_TODAY", "SITE_PREVIEW", "VC_BUILD_CACHE", "SITE_LANGUAGES"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("SITE_URL", "https://catalogs.example.invalid/")
    return load_config(str(REPO_ROOT / "mkdocs.yml")).plugins["village-catalogs"].config


def test_defaults(monkeypatch):
    config = options(monkeypatch)
    assert (config.today, config.preview, config.build_cache) == (None, False, True)
    assert config.languages == ("zh", "ko")


def test_the_environment_sets_each_option(monkeypatch):
    config = options(monkeypatch, CATALOG_TODAY="2026-11-28", SITE_PREVIEW="1", VC_BUILD_CACHE="0", SITE_LANGUAGES="zh")
    assert (config.today, config.preview, config.build_cache) == ("2026-11-28", True, False)
    assert config.languages == ("zh",)


@pytest.mark.parametrize("value", ["ko", "ko,zh", "zh,en", ","])
def test_languages_other_than_chinese_first_and_korean_are_refused(value):
    from mkdocs.config.base import ValidationError

    from generator.site import settings

    with pytest.raises(ValidationError, match="应为 zh,ko 或 zh"):
        settings.languages.run_validation(value)


def test_a_chinese_only_build_has_the_same_chinese_pages_and_no_korean_twin():
    import datetime

    from generator.catalog.validate import check_catalogs
    from generator.site.pages import build_pages

    catalogs, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
    day, url = datetime.date(2026, 11, 28), "https://catalogs.example.invalid/"
    both = {p.uri: p.content for p in build_pages(catalogs, day, url).pages}
    chinese = {p.uri: p.content for p in build_pages(catalogs, day, url, korean=False).pages}
    assert any(uri.startswith("ko/") for uri in both)
    assert not any(uri.startswith("ko/") for uri in chinese)
    # the same pages, but for the edition pages' link to their bilingual print, which needs the twin
    bilingual = re.compile(r'<a class="vc-button" href="[^"]*ko/[^"]*#vc-print" hreflang="ko">[^<]*</a> ')
    assert chinese == {
        uri: bilingual.sub("", content) if isinstance(content, str) else content
        for uri, content in both.items()
        if not uri.startswith("ko/")
    }
    assert any(bilingual.search(c) for c in both.values() if isinstance(c, str))


def test_a_chinese_only_site_links_no_korean_page(site_project, tmp_path, monkeypatch):
    """SITE_LANGUAGES=zh: no language switch, no hreflang, no bilingual print, no Korean 404 text."""
    from generator.site.messages import text

    site = build_with_env(
        site_project, tmp_path, {"SITE_URL": "https://catalogs.example.invalid/", "SITE_LANGUAGES": "zh"}, monkeypatch
    )
    assert (site / "yanji" / "index.html").is_file() and not (site / "ko").exists()
    linking = [
        str(page.relative_to(site))
        for page in site.rglob("*.html")
        if re.search(r'href="[^"]*ko/|hreflang="ko"|vc-lang-switch|"vc-lang"', page.read_text(encoding="utf-8"))
    ]
    assert linking == []
    assert text("notfound.title", "ko") not in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_flag_that_is_neither_on_nor_off_is_refused(monkeypatch, value):
    from mkdocs.config.base import ValidationError

    from generator.site import settings

    with pytest.raises(ValidationError, match="应为 true/false"):
        settings.preview.run_validation(value)


def test_a_bad_date_is_named_in_chinese():
    from generator.site.settings import publishing_date

    with pytest.raises(ValueError, match="应为 YYYY-MM-DD"):
        publishing_date("2026-13-01")
