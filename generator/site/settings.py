"""The build's settings, in one place: each is an option of the `village-catalogs` plugin, and
mkdocs.yml reads it from the environment with `!ENV`, so `SITE_URL=… CATALOG_TODAY=… mkdocs build`
keeps working and a test or a second site can set them in its own configuration.

| option        | mkdocs.yml                               | meaning                                            |
|---------------|------------------------------------------|----------------------------------------------------|
| (site_url)    | `site_url: !ENV SITE_URL`                | the public https address (MkDocs' own setting)     |
| `today`       | `!ENV [CATALOG_TODAY, null]`             | the publishing date that decides what is in force  |
| `preview`     | `!ENV [SITE_PREVIEW, false]`             | a local preview: no public address needed, marked  |
| `build_cache` | `!ENV [VC_BUILD_CACHE, true]`            | keep QR codes, plaques, workbooks between builds   |
| `catalogs_dir`| (default `catalogs`)                     | the catalogs' folder, relative to mkdocs.yml       |
| `languages`   | `!ENV [SITE_LANGUAGES, "zh,ko"]`         | `zh` alone: no Korean twin (the bench's baseline)  |

`VC_BUILD_CACHE_KEY` (the cache's HMAC key, filecache.py) is a secret and stays an environment
variable only. `!ENV` reads values as YAML does (`2026-11-28` is a date, `1` a number): the options
below accept those forms.
"""

from __future__ import annotations

import datetime

from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

LANGUAGES = ("zh", "ko")  # ko: the Korean twin (twin.py)
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)
NO_SITE_URL = (
    "没有设置网站的公开地址 SITE_URL：二维码、订阅和引用都指向它，缺了它就会把本机地址印到公开栏上。"
    "发布时请设置，例如 SITE_URL=https://catalogs.example.gov.cn/ mkdocs build；"
    "只在本机预览请设置 SITE_PREVIEW=1（页面、二维码和订阅都会标明“本地预览”）。"
)


class _Flag(c.BaseConfigOption[bool]):
    """true/false, also as 1/0 or "yes"/"no" (how an environment variable arrives through !ENV)."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if value is None or value == "":
            return self.default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in {"0", "1", "true", "false", "yes", "no"}:
            return value.strip().lower() in {"1", "true", "yes"}
        raise ValidationError(f"应为 true/false（或 1/0），实际为“{value}”")


class _Day(c.BaseConfigOption[str | None]):
    """A date as YYYY-MM-DD text (checked when the build starts, with the plugin's own message)."""

    def run_validation(self, value: object) -> str | None:
        if value is None or value == "":
            return None
        return value.isoformat() if isinstance(value, datetime.date) else str(value)


class _Languages(c.BaseConfigOption[tuple[str, ...]]):
    """The site's languages, Chinese first: "zh,ko" (default, the Korean twin below /ko/) or "zh"."""

    def run_validation(self, value: object) -> tuple[str, ...]:
        if value is None or value == "":
            return LANGUAGES
        parts = value if isinstance(value, list | tuple) else str(value).split(",")
        chosen = tuple(dict.fromkeys(str(p).strip() for p in parts if str(p).strip()))
        if not chosen or chosen[0] != "zh" or not set(chosen) <= set(LANGUAGES):
            raise ValidationError(f"应为 zh,ko 或 zh（中文在前），实际为“{value}”")
        return chosen


catalogs_dir = c.Type(str, default="catalogs")
"""Folder of the catalog YAML files, relative to mkdocs.yml."""
today = _Day()
"""Date (YYYY-MM-DD) that decides which edition is in force; default: the build machine's today."""
preview = _Flag(default=False)
"""Build a local preview without a public address; every QR block, citation and data file says 本地预览."""
build_cache = _Flag(default=True)
"""Keep QR codes, plaques and workbooks between builds (outside the project, checked on read: filecache.py)."""
languages = _Languages()
"""("zh", "ko"): every public page also below /ko/; ("zh",): the Chinese site alone (scripts/bench/korean.py
compares the two builds' cost; its pages still offer the switch to /ko/, so it is not for publishing)."""


def publishing_date(text: str | None) -> datetime.date:
    """The publishing date from the `today` option (default: today); ValueError with a Chinese message."""
    try:
        day = datetime.date.fromisoformat(text) if text else datetime.date.today()
    except ValueError:
        raise ValueError(f"today/CATALOG_TODAY 应为 YYYY-MM-DD 格式的日期，实际为“{text}”") from None
    if not FIRST_DAY <= day <= LAST_DAY:  # the build's timestamps (sitemap, SOURCE_DATE_EPOCH) need a real date
        raise ValueError(f"today/CATALOG_TODAY 应在 {FIRST_DAY} 到 {LAST_DAY} 之间，实际为“{day}”")
    return day
