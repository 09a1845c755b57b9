"""The 2026 regime in the browser at 1366×768 (issue 20): the 明细 list shows each line's
deadlines by its 出口日期 either side of 2026-01-01, and the line's page lists them with rule and
consequence."""

from __future__ import annotations

from datetime import date

import pytest

from rebate.accounts.tests.factories import make_user
from rebate.goods.tests.factories import make_export_line
from tests.e2e.test_goods import sign_in
from tests.e2e.test_goods_list import column
from tests.e2e.test_shell import open_function
from tests.e2e.test_shell_tabs import active_frame

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_line_deadlines_by_regime(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    make_export_line(user.enterprise, period="202512", export_date=date(2025, 12, 31))
    new = make_export_line(user.enterprise, period="202601", export_date=date(2026, 1, 1))
    sign_in(page, live_server, user)
    open_function(page, "退税申报", "货物采集", "出口货物明细采集")
    frame = active_frame(page)
    shown = column(frame, "申报期限")
    assert "申报期限 2026-04-15；收汇期限 2026-04-15" in shown
    assert "正常申报期限 2027-04-15；收汇期限 2027-04-30；最终申报期限 2029-01-31" in shown
    frame.locator("table.record-table thead th").last.scroll_into_view_if_needed()
    shot("law-01-line-deadlines")
    frame.dblclick(f"table.record-table tbody tr[data-pk='{new.pk}']")
    frame.wait_for_selector("#record-facts")
    facts = frame.inner_text("#record-facts")
    assert "最终申报期限" in facts and "视同内销" in facts and "R2026_APRIL30" in facts
    frame.locator("#record-facts").scroll_into_view_if_needed()
    shot("law-02-line-detail")
