"""The answer model: for a county, a certificate and a date, exactly one outcome."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from conftest import REPO_ROOT

from generator.catalog.answers import Outcome, county_answers
from generator.catalog.model import CatalogKind
from generator.catalog.validate import check_catalogs

CATALOGS, PROBLEMS = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
TODAY = datetime.date(2026, 11, 28)


def answers(county: str, day: datetime.date = TODAY) -> dict[str, object]:
    return {a.item.id: a for a in county_answers(CATALOGS, county, day)}


def test_committed_catalogs_are_valid():
    assert [str(p) for p in PROBLEMS] == []


@pytest.mark.parametrize("county", [c.slug for c in CATALOGS.counties()])
def test_one_outcome_per_certificate(county):
    found = county_answers(CATALOGS, county, TODAY)
    ids = Counter(a.item.id for a in found)
    assert not [i for i, n in ids.items() if n > 1]
    concepts = Counter(
        a.item.adopts or a.item.id for a in found
    )  # a county item and its guide item are one certificate
    assert not [i for i, n in concepts.items() if n > 1]
    assert {a.outcome for a in found} >= {Outcome.RETAINED, Outcome.FORBIDDEN}
    assert sum(a.outcome is Outcome.FORBIDDEN for a in found) == 20


def test_removed_certificate_says_since_when_and_why():
    a = answers("yanji")["YJ-ZM-005"]
    assert a.outcome is Outcome.REMOVED and a.item.name == "居住情况证明"
    assert a.since == datetime.date(2024, 6, 30) and "书面承诺" in a.reason
    assert a.edition.document.number.endswith("〔2024〕8号")


def test_the_answer_depends_on_the_date():
    assert answers("yanji", datetime.date(2024, 6, 29))["YJ-ZM-005"].outcome is Outcome.RETAINED
    assert answers("yanji", datetime.date(2024, 6, 30))["YJ-ZM-005"].outcome is Outcome.REMOVED
    assert (
        "YJ-ZM-101" not in answers("yanji", datetime.date(2024, 6, 29))
        or answers("yanji", datetime.date(2024, 6, 29))["YJ-ZM-101"].outcome is Outcome.UNLISTED
    )


def test_a_published_future_removal_is_announced():
    dunhua = answers("dunhua")
    removed = dunhua["DH-ZM-003"]
    assert removed.outcome is Outcome.RETAINED and [c.effective for c in removed.upcoming] == [
        datetime.date(2027, 1, 1)
    ]
    later = removed.upcoming[0].answer  # the whole answer from that day on, not only its outcome
    assert later.outcome is Outcome.REMOVED and later.since == datetime.date(2027, 1, 1)
    assert "党员管理信息系统" in later.reason and later.edition.effective == datetime.date(2027, 1, 1)
    after = answers("dunhua", datetime.date(2027, 1, 1))
    assert after["DH-ZM-003"].outcome is Outcome.REMOVED and not after["DH-ZM-003"].upcoming
    assert removed.on(datetime.date(2026, 12, 31)) is removed and removed.on(datetime.date(2027, 1, 1)) is later


def test_each_answer_carries_every_upcoming_change_with_its_date():
    """Exactly the answers that differ on the upcoming edition's day carry a change, dated that day;
    each change is the answer a build on that day gives."""
    day = datetime.date(2027, 1, 1)
    before, after = answers("dunhua"), answers("dunhua", day)
    for item_id, a in before.items():
        later = after[item_id]
        if a.same_as(later):
            assert a.upcoming == (), item_id
        else:
            assert [c.effective for c in a.upcoming] == [day], item_id
            assert a.upcoming[0].answer.same_as(later), item_id
    changing = sorted(i for i, a in before.items() if a.upcoming)
    assert changing == ["DH-ZM-003", "DH-ZM-007"]  # removed; retained with a new 设定依据
    assert before["DH-ZM-007"].upcoming[0].answer.outcome is Outcome.RETAINED
    assert before["DH-ZM-007"].item.basis != before["DH-ZM-007"].upcoming[0].answer.item.basis


@pytest.mark.parametrize("county", [c.slug for c in CATALOGS.counties() if c.slug != "dunhua"])
def test_counties_with_nothing_published_ahead_carry_no_change(county):
    assert not [a.item.id for a in county_answers(CATALOGS, county, TODAY) if a.upcoming]


def test_a_certificate_only_a_later_edition_lists_is_unlisted_until_then():
    """yanji's 2024-06-30 edition adds YJ-ZM-101: seen from the day before, it is on no list until then."""
    day = datetime.date(2024, 6, 29)
    found = answers("yanji", day)
    new = [a for a in found.values() if a.outcome is Outcome.UNLISTED and a.item_region == "yanji"]
    assert new and all([c.effective for c in a.upcoming] == [datetime.date(2024, 6, 30)] for a in new)
    assert all(a.upcoming[0].answer.outcome is Outcome.RETAINED for a in new)
    old = found["YJ-ZM-005"]
    assert old.outcome is Outcome.RETAINED and old.upcoming[0].answer.outcome is Outcome.REMOVED


def test_forbidden_item_names_its_legal_exception():
    marriage = next(a for a in answers("yanji").values() if a.item.national_seq == 8)
    assert marriage.outcome is Outcome.FORBIDDEN
    assert [x.id for x in marriage.exceptions] == ["YJ-ZM-001"]
    assert "单身证明" in [n.name for n in marriage.names]


def test_guide_item_a_county_did_not_adopt_is_unlisted():
    assert "YB-ZM-006" not in {i.adopts for e in CATALOGS.history("tumen", CatalogKind.CERTIFICATES) for i in e.items}
    found = answers("tumen")["YB-ZM-006"]  # 图们 did not adopt 学生参加社会实践活动证明
    assert found.outcome is Outcome.UNLISTED and found.item_region == "yanbian"
