"""The build's settings (generator/site/settings.py): options of the plugin that mkdocs.yml reads from
the environment with !ENV, in the forms an environment variable arrives in."""

from __future__ import annotations

import pytest
from conftest import REPO_ROOT
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
    assert chinese == {uri: content for uri, content in both.items() if not uri.startswith("ko/")}


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
