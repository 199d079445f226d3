"""The county answer data the "这项证明，村里能开吗？" box reads (one small JSON file per county).

A visitor's phone fetches only its own county's file (county pages preload it): names, other names,
common names and Korean to show and to say which name a query came by; the outcome and what it rests
on. The search engine finds the certificate (assets/search.js); written with the search index at
the end of a build, the file carries what lets the box map the engine's results to its answers at
once (answerlinks.py: the index's build, each answer's record numbers, the table of the county's
characters), and the site's build id (buildid.py), which the offline copy checks (content/sw.js).
Every value is plain text (the script inserts it with textContent, never as HTML).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from ..catalog.answers import (
    REMOVED_RULE,
    REMOVED_SOURCE,
    UNLISTED_RULE,
    UNLISTED_SOURCE,
    Answer,
    Outcome,
    county_answers,
)
from ..catalog.model import CatalogKind, Catalogs, Region, Status
from . import urls
from .answerlinks import IndexView
from .dated import answer_windows, timeline
from .escape import json_text
from .pagetext import date_text, deadline_text

FORBIDDEN_SOURCE = "民发〔2020〕20号《不应由基层群众性自治组织出具证明事项清单（第一批）》"
ALTERNATIVE_UNVERIFIED = "整理参考，未经核实，以办理部门的规定为准"


def _basis(answer: Answer) -> list[str]:
    return [
        " ".join(x for x in (b.law, b.article, f"（{b.version}）" if b.version else None) if x)
        for b in answer.item.basis
    ]


def _details(answer: Answer) -> dict[str, object]:
    item = answer.item
    if answer.outcome is Outcome.RETAINED:
        return {
            "issuer": item.issuer or "",
            "deadline": deadline_text(item.deadline),
            "form": item.form or "",
            "procedure": list(item.procedure),
            "basis": _basis(answer),
            "since": date_text(answer.since),
            "overlaps": [{"seq": o.seq, "basis": o.basis, "why": o.explanation} for o in item.overlaps_forbidden],
        }
    if answer.outcome is Outcome.FORBIDDEN:
        return {
            "seq": item.national_seq,
            "alternative": item.alternative or "",
            "alternative_note": "" if item.alternative_verified else ALTERNATIVE_UNVERIFIED,
            "source": f"{FORBIDDEN_SOURCE}第 {item.national_seq} 项",
            "exceptions": [
                {
                    "name": x.name,
                    "url": urls.item_uri(answer.county.slug, CatalogKind.CERTIFICATES, x.id),
                    "why": next(o.explanation for o in x.overlaps_forbidden if o.seq == item.national_seq),
                }
                for x in answer.exceptions
            ],
        }
    if answer.outcome is Outcome.REMOVED:
        edition = answer.edition
        return {
            "since": date_text(answer.since),
            "document": edition.document.number if edition and edition.document else "勘误",
            "reason": answer.reason,
            "replaced_by": {
                "name": answer.replaced_by.name,
                "url": urls.item_uri(answer.county.slug, CatalogKind.CERTIFICATES, answer.replaced_by.id),
            }
            if answer.replaced_by
            else None,
        }
    return {"guide": answer.item_region != answer.county.slug}


def _state(answer: Answer) -> dict[str, object]:
    """What the answer box shows for one window: the outcome and what it rests on."""
    return {
        "outcome": answer.outcome.value,
        "id": answer.item.id,
        "name": answer.item.name,
        "url": urls.item_uri(answer.item_region, answer.catalog, answer.item.id),
        "example": answer.example,
        "details": _details(answer),
    }


def former_names(catalogs: Catalogs, answer: Answer) -> list[str]:
    """The names the county's item had in earlier editions (renamed), oldest first."""
    if answer.item_region != answer.county.slug:
        return []
    names = (
        e.item(answer.item.id).name
        for e in catalogs.history(answer.county.slug, answer.catalog)
        if e.item(answer.item.id)
    )
    return [n for n in dict.fromkeys(names) if n != answer.item.name]


def entry(answer: Answer, former: list[str] | None = None) -> dict[str, object]:
    """The answer today, and each published change still to come with its window ("upcoming":
    from the ISO date "from" on, China time; "when" in words); "timeline" states them all in one line.
    `former`: the names it had before (search finds them; the card says it was renamed)."""
    item = answer.item
    other = list(dict.fromkeys((*item.aliases, *item.variants)))
    common = [n.name for n in answer.names]
    found = answer_windows(answer)
    return {
        **_state(answer),
        "other": other,
        "common": common,
        "former": former or [],
        "common_verified": all(n.verified for n in answer.names),
        "ko": item.name_ko or "",
        "ko_verified": item.name_ko_verified,
        "when": found[0].when,
        "until": found[0].end_iso,
        "timeline": timeline(found) if len(found) > 1 else "",
        "upcoming": [{**_state(w.value), "from": w.start_iso, "until": w.end_iso, "when": w.when} for w in found[1:]],
    }


def outcomes() -> dict[str, dict[str, str]]:
    return {o.value: {"label": o.label, "plain": o.plain, "icon": o.icon} for o in Outcome}


def county_payload(catalogs: Catalogs, county: Region, today: datetime.date) -> dict[str, object]:
    answers = county_answers(catalogs, county.slug, today)
    listed = catalogs.in_force(county.slug, CatalogKind.CERTIFICATES, today)
    return {
        "county": county.slug,
        "name": county.name,
        "asof": date_text(today),
        "example": listed is None or listed.status is Status.EXAMPLE,  # the county's list is example data
        "lists": {
            "certificates": urls.catalog_uri(county.slug, CatalogKind.CERTIFICATES),
            "forbidden": urls.catalog_uri(county.slug, CatalogKind.FORBIDDEN),
            "cancelled": urls.cancelled_uri(county.slug),
        },
        "rule": UNLISTED_RULE,
        "rule_source": UNLISTED_SOURCE,
        "removed_rule": REMOVED_RULE,
        "removed_source": REMOVED_SOURCE,
        "outcomes": outcomes(),
        "entries": [entry(a, former_names(catalogs, a)) for a in answers],
    }


MATCHED_ON = ("name", "other", "common", "ko")  # what answer.js reads of another county's entry


def all_counties_payload(payloads: list[dict[str, object]]) -> dict[str, object]:
    """Every county's answers for "看看其他县（市）怎么规定", in one file: what a name is matched on is
    stored once ("m"), and each county lists, in its own order, [index into m, outcome, url, example],
    and where the outcome changes on a published date, a fifth element [[from, outcome, url, example], …].
    Most counties adopt the prefecture's items, so this grows by a few hundred bytes per county
    where fetching every county's own file grew by its whole size."""
    names: dict[str, int] = {}
    matched: list[list[object]] = []
    counties: dict[str, list[list[object]]] = {}
    for payload in payloads:
        rows = []
        for e in payload["entries"]:
            fields = [e[k] for k in MATCHED_ON]
            key = json.dumps(fields, ensure_ascii=False)
            if key not in names:
                names[key] = len(matched)
                matched.append(fields)
            row = [names[key], e["outcome"], e["url"], e["example"]]
            if e["upcoming"]:  # [from, outcome, url, example] of each change still to come
                row.append([[u["from"], u["outcome"], u["url"], u["example"]] for u in e["upcoming"]])
            rows.append(row)
        counties[payload["county"]] = rows
    return {"fields": list(MATCHED_ON), "m": matched, "c": counties}


def _dump(data: object) -> bytes:
    return json_text(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def linked(payload: dict[str, object], index: IndexView) -> dict[str, object]:
    """`payload` with what the box needs from the search `index` (answerlinks.py): the index's build,
    each answer's record numbers ("r": its pages', now and upcoming) and the county's characters."""
    entries = [{**e, "r": index.records([e["url"], *(u["url"] for u in e["upcoming"])])} for e in payload["entries"]]
    names = [
        n
        for e in entries
        for n in (e["name"], *e["other"], *e["common"], *e["former"], *(u["name"] for u in e["upcoming"]))
    ]
    return {**payload, "entries": entries, "index": index.build, "chars": index.table(names)}


def answer_files(
    catalogs: Catalogs, today: datetime.date, index: IndexView | None = None, build: str | None = None
) -> list[tuple[str, bytes]]:
    """(site path, JSON bytes) for every county, and all of them together; deterministic. With the
    search `index` they were written with, the county files link into it (`linked`); `build`: the
    site's build id (buildid.py), in every file."""
    payloads = [county_payload(catalogs, c, today) for c in catalogs.counties()]
    every = all_counties_payload(payloads)
    if index is not None:
        payloads = [linked(p, index) for p in payloads]
    if build:
        payloads, every = [{**p, "build": build} for p in payloads], {**every, "build": build}
    return [*((urls.answers_uri(p["county"]), _dump(p)) for p in payloads), (urls.ANSWERS_ALL, _dump(every))]


def write_answer_files(site_dir: Path, files: list[tuple[str, bytes]]) -> None:
    """Write `files` (answer_files) into the built site `site_dir`."""
    for uri, data in files:
        path = site_dir / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
