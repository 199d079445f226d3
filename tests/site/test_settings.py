"""The build's settings (generator/site/settings.py): options of the plugin that mkdocs.yml reads from
the environment with !ENV, in the forms an environment variable arrives in."""

from __future__ import annotations

import pytest
from conftest import REPO_ROOT
from mkdocs.config import load_config


def options(monkeypatch, **env: str):
    for key in ("CATALOG_TODAY", "SITE_PREVIEW", "VC_BUILD_CACHE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("SITE_URL", "https://catalogs.example.invalid/")
    return load_config(str(REPO_ROOT / "mkdocs.yml")).plugins["village-catalogs"].config


def test_defaults(monkeypatch):
    config = options(monkeypatch)
    assert (config.today, config.preview, config.build_cache) == (None, False, True)


def test_the_environment_sets_each_option(monkeypatch):
    config = options(monkeypatch, CATALOG_TODAY="2026-11-28", SITE_PREVIEW="1", VC_BUILD_CACHE="0")
    assert (config.today, config.preview, config.build_cache) == ("2026-11-28", True, False)


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
