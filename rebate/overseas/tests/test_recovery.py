"""When the bureau accepted a reconciliation and the product's own save then failed, the two
disagree: the bureau no longer lists the line, the product has no record. The page reads back
what the bureau recorded, shows the line as 税务机关已登记 (not 逾期), and records the bureau's
figures on request without reporting again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse

from rebate.integrations.taxbureau import OverseasReport, PrerefundedLine
from rebate.overseas import selectors, services
from rebate.overseas.models import OverseasReconciliation

from .factories import make_prerefunded

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
UNSOLD = OverseasReport("unsold", None, None, "repay", Decimal("910.00"), "海外仓盘亏")


def _lost_save(clerk, line, bureau, monkeypatch):
    """The report reaches the bureau, then saving our record fails (the transaction rolls back)."""

    def fail(*args, **kwargs):
        raise DatabaseError("connection lost")

    with monkeypatch.context() as patched:
        patched.setattr(OverseasReconciliation, "save", fail)
        with pytest.raises(DatabaseError):
            services.record_reconciliation(
                enterprise=clerk.enterprise, actor=clerk, line=line, report=UNSOLD, today=TODAY
            )
    assert bureau.reports == {line.item_key: UNSOLD}
    assert not OverseasReconciliation.objects.exists()


def _listed(line) -> PrerefundedLine:
    return PrerefundedLine(line.period, "1", line.item_key, line.export_date, Decimal("7100.00"),
                           Decimal("923.00"), "SB000001")  # fmt: skip


def test_a_lost_save_shows_as_recorded_at_the_bureau_not_overdue(clerk, bureau, monkeypatch):
    lost = make_prerefunded(clerk.enterprise, export_date=date(2025, 3, 1))  # due 2026-04-15
    open_ = make_prerefunded(clerk.enterprise, export_date=date(2025, 3, 2))
    bureau.overseas = [_listed(lost), _listed(open_)]
    _lost_save(clerk, lost, bureau, monkeypatch)
    found = selectors.overview(clerk.enterprise, TODAY)
    status = {r.line.pk: (r.status, r.overdue, r.mismatch, r.bureau_summary) for r in found.rows}
    assert status == {
        lost.pk: ("税务机关已登记", False, "税务机关已登记核对结果，本系统尚未记录",
                  "补缴 910.00：海外仓盘亏"),
        open_.pk: ("未核对", True, "", ""),
    }  # fmt: skip
    assert (found.open_count, found.overdue_count) == (1, 1)


def test_the_bureaus_figures_recorded_without_reporting_again(client, clerk, bureau, monkeypatch):
    line = make_prerefunded(clerk.enterprise, export_date=date(2025, 3, 1))
    _lost_save(clerk, line, bureau, monkeypatch)
    client.force_login(clerk)
    url = reverse("overseas:line", args=[line.pk])
    page = client.get(url).content.decode()
    assert 'id="recorded-at-bureau"' in page and "补缴 910.00：海外仓盘亏" in page
    assert 'id="reconcile-form"' not in page  # typing it again would be refused (409)
    listing = client.get(reverse("overseas:lines")).content.decode()
    assert f'id="recover-{line.pk}"' in listing and "税务机关已登记" in listing
    reports = bureau.calls.count("reconcile_overseas")
    assert client.post(url, {"action": "from-bureau"}).status_code == 302
    record = OverseasReconciliation.objects.get(line=line)
    assert (record.outcome, record.settlement, record.settle_amount, record.reason) == (
        "unsold", "repay", Decimal("910.00"), "海外仓盘亏",
    )  # fmt: skip
    assert record.actor == clerk and bureau.calls.count("reconcile_overseas") == reports
    [row] = selectors.overview(clerk.enterprise, TODAY).rows
    assert (row.status, row.mismatch) == ("已核对", "")
    with pytest.raises(ValidationError, match="已有核对记录"):
        services.record_from_bureau(enterprise=clerk.enterprise, actor=clerk, line=line)


def test_nothing_recorded_when_the_bureau_has_no_record(client, clerk, bureau):
    line = make_prerefunded(clerk.enterprise)
    with pytest.raises(ValidationError, match="税务局没有该明细的核对记录"):
        services.record_from_bureau(enterprise=clerk.enterprise, actor=clerk, line=line)
    client.force_login(clerk)
    url = reverse("overseas:line", args=[line.pk])
    assert client.post(url, {"action": "from-bureau"}).status_code == 302
    assert not OverseasReconciliation.objects.exists()
    page = client.get(url).content.decode()
    assert 'id="reconcile-form"' in page and 'id="recorded-at-bureau"' not in page
    [row] = selectors.overview(clerk.enterprise, TODAY).rows  # not listed, nothing recorded
    assert (row.status, row.mismatch) == ("未核对", "税务局清单中没有该明细")
