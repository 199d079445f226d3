"""Cross-file rules of the data contract (policy as code), in the order they run."""

from __future__ import annotations

from ..model import Catalogs
from ..report import RawEdition, Report
from .common import (
    check_adoption,
    check_based_on,
    check_document,
    check_edition_kind,
    check_ids,
    check_ids_across_catalogs,
    check_ledger,
    check_official_sources,
    check_regions,
)
from .context import Ctx
from .kinds import KIND_RULES
from .names import check_common_names


def run_rules(catalogs: Catalogs, raws: list[RawEdition], report: Report) -> None:
    raw_by_uri = {r.uri: r for r in raws}
    check_regions(catalogs, report)
    for (region_slug, kind), history in catalogs.editions.items():
        previous = None
        for edition in history:
            ctx = Ctx(catalogs, edition, raw_by_uri[edition.uri], previous, catalogs.regions[region_slug], report)
            for rule in (
                check_edition_kind,
                check_document,
                check_based_on,
                check_adoption,
                check_ids,
                check_official_sources,
                check_ledger,
                *KIND_RULES.get(kind, ()),
            ):
                rule(ctx)
            previous = edition
    check_ids_across_catalogs(catalogs, raw_by_uri, report)
    check_common_names(catalogs, report)
