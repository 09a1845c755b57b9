from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.management import call_command

from rebate.calc.periods import Period
from sim.customs import models as customs
from sim.generator import anomalies
from sim.generator.maintenance import fingerprint, purge
from sim.generator.seed import seed
from sim.generator.testing import OTHER, SMALL
from sim.taxbureau import models as bureau


def _counts(code: str) -> tuple[int, int, int, int]:
    return (
        customs.Declaration.objects.filter(enterprise__customs_code=code).count(),
        customs.DeclarationItem.objects.filter(declaration__enterprise__customs_code=code).count(),
        bureau.CustomsInfo.objects.filter(enterprise__customs_code=code).count(),
        bureau.PlantedAnomaly.objects.filter(customs_code=code).count(),
    )


def test_same_seed_gives_the_same_data(seeded_db):
    before = fingerprint(SMALL.customs_code), _counts(SMALL.customs_code)
    purge(SMALL.customs_code)
    assert _counts(SMALL.customs_code) == (0, 0, 0, 0)
    seed(SMALL)
    assert (fingerprint(SMALL.customs_code), _counts(SMALL.customs_code)) == before


def test_another_seed_gives_other_data(seeded_db):
    other = replace(SMALL, customs_code="4403960T09", seed=99)
    seed(other)
    assert fingerprint(other.customs_code) != fingerprint(SMALL.customs_code)


def test_months_respect_the_scale(seeded_db):
    months = bureau.SeedMonth.objects.filter(customs_code=SMALL.customs_code)
    assert [m.period for m in months.order_by("period")] == ["202607", "202608", "202609", "202610"]
    assert all(20 <= m.declarations <= 40 for m in months)
    items = customs.DeclarationItem.objects.filter(
        declaration__enterprise__customs_code=SMALL.customs_code
    )
    assert set(items.values_list("g_no", flat=True)) <= set(range(1, 51))
    assert not items.filter(fob_usd__lte=0).exists()


def test_every_doubt_kind_is_planted_in_each_open_month(seeded_db):
    for period in ("202609", "202610"):
        kinds = set(
            bureau.PlantedAnomaly.objects.filter(
                customs_code=SMALL.customs_code, period=period
            ).values_list("kind", flat=True)
        )
        assert set(anomalies.KINDS) <= kinds


def test_history_months_are_declared_and_open_months_are_not(seeded_db):
    submissions = bureau.Submission.objects.filter(enterprise__customs_code=SMALL.customs_code)
    assert sorted(submissions.values_list("period", flat=True)) == ["202607", "202608"]
    assert all(s.status == bureau.Status.PASSED for s in submissions)


def test_once_does_nothing_when_data_exists(seeded_db, capsys):
    before = _counts(SMALL.customs_code)
    call_command("sim_seed", "--enterprise", SMALL.customs_code, "--months", "6", "--once")
    assert "跳过" in capsys.readouterr().out
    assert _counts(SMALL.customs_code) == before


def test_extending_adds_only_missing_months(seeded_db):
    seed(replace(SMALL, months=5))
    months = bureau.SeedMonth.objects.filter(customs_code=SMALL.customs_code)
    assert months.count() == 5
    assert months.order_by("period").first().period == "202606"


def test_bad_arguments_are_refused(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="海关企业代码"):
        call_command("sim_seed", "--enterprise", "bad")


def test_overseas_adds_a_9810_hwc_yt_declaration_to_june_and_december_history(seeded_db):
    """--overseas (the demo's): December's 9810 海外仓 export is declared with its history month
    and its HWC-YT lines are on the bureau's own list, unreconciled; open months get none."""
    from sim.customs.models import Declaration
    from sim.generator.packages import period_lines
    from sim.taxbureau import overseas as bureau_overseas
    from sim.taxbureau.models import Enterprise as Bureau

    # history 202511 and 202512, open 202601 and 202602
    options = replace(
        OTHER, customs_code="4403960H01", months=4, until=date(2026, 3, 1), overseas=True
    )
    seed(options)
    found = Declaration.objects.filter(enterprise__customs_code=options.customs_code,
                                       trade_mode="9810")  # fmt: skip
    [head] = found
    assert (head.ie_date.year, head.ie_date.month, head.items.count()) == (2025, 12, 2)
    lines = [line for line in period_lines(options.customs_code, Period(2025, 12))
             if line.business_types == ("HWC-YT",)]  # fmt: skip
    assert [line.item_key[:18] for line in lines] == [head.entry_id] * 2
    listed = bureau_overseas.unreconciled(Bureau.objects.get(customs_code=options.customs_code))
    assert [(row.period, row.item_key) for row in listed] == [
        ("202512", line.item_key) for line in lines
    ]
    assert all(row.exempt_credit_refund for row in listed)
    assert not Declaration.objects.filter(
        enterprise__customs_code=SMALL.customs_code, trade_mode="9810"
    ).exists()  # without --overseas: none
