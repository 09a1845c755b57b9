"""生成退税申报数据 at 1366×768 (issue 14 points 3 and 4): every 数据一致性检查 problem and 疑点 is
reachable, paged and counted; 确认申报 stays on screen and asks before it declares."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rebate.accounts.services import card_bind
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.services import lifecycle
from rebate.declarations.tests.factories import make_batch
from rebate.declarations.tests.test_results import batch_with_doubts, run_with_issues
from tests.e2e.test_declarations import card_sign_in
from tests.e2e.test_goods import sign_in
from tests.e2e.test_shell import open_function
from tests.e2e.test_shell_tabs import active_frame
from tests.integration.conftest import issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PERIOD = "202503"


def open_generate(page):
    open_function(page, "退税申报", "数据申报", "生成退税申报数据")
    frame = active_frame(page)
    frame.wait_for_selector("#batches")
    return frame


def test_every_problem_and_doubt_is_paged_and_counted(live_server, laptop, shot) -> None:
    page = laptop
    user = make_user(password="pw-Test-2026")
    run_with_issues(user.enterprise)  # 1,400 problems
    batch_with_doubts(user.enterprise, 1234)
    sign_in(page, live_server, user)
    frame = open_generate(page)
    counts = frame.locator("#consistency-counts")
    assert "共 1400 条" in counts.inner_text()
    assert counts.locator('[data-code="LOCAL_RATE_MISMATCH"] b').inner_text() == "700"
    assert counts.locator('[data-level="E"]').inner_text() == "错误 1150"
    assert frame.locator("#consistency-issues tbody tr").count() == 100
    assert "第 1 / 14 页" in frame.locator("#consistency-pager").inner_text()
    shot("decl-ui-01-problem-counts")

    frame.click("#consistency-pager .pager-next")
    frame.wait_for_selector("#consistency-pager:has-text('第 2 / 14 页')")
    counts.locator('[data-code="W_FOB"]').click()
    frame.wait_for_selector("#consistency-counts:has-text('当前显示 250 条')")
    codes = set(frame.locator("#consistency-issues tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.code)"
    ))  # fmt: skip
    assert codes == {"W_FOB"}
    shot("decl-ui-02-one-code")

    frame.click("#tab-doubts-btn")
    assert frame.locator("#doubts-total").inner_text() == "1234"
    assert "共 1234 条" in frame.locator("#doubts-counts").inner_text()
    frame.click("#doubts-pager .pager-next")
    # The reloaded page opens on 疑点反馈, on its second page, the problem list as it was.
    frame.wait_for_selector("#tab-doubts.show #doubts-pager:has-text('第 2 / 13 页')")
    assert "当前显示 250 条" in frame.locator("#consistency-counts").inner_text()
    assert frame.locator("#doubts tbody tr").count() == 100
    # …scrolled so that its tab bar stands at the top of the frame (once the fonts are in).
    tab = frame.locator("#tab-doubts-btn")
    top = page.locator(".pane:not([hidden]) iframe").bounding_box()["y"]
    for _ in range(50):
        if 0 <= tab.bounding_box()["y"] - top < 30:
            break
        page.wait_for_timeout(100)
    assert 0 <= tab.bounding_box()["y"] - top < 30
    shot("decl-ui-03-doubts-page-2")


@pytest.fixture
def checked_batch(settings, tmp_path, monkeypatch):
    """A card-signed clerk with a self-checked batch of 716 lines; the bureau takes 确认申报."""
    settings.MEDIA_ROOT = tmp_path / "media"
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False, password="pw-Test-2026")
    card_no = "CK4403999001"
    card_file = issue_card_file(tmp_path / "card.json", user.enterprise.customs_code, card_no)
    card_bind(user=user, card_no=card_no, signed=None)
    declared: list[str] = []
    bureau = SimpleNamespace(declare=lambda **kw: declared.append(kw["receipt_no"]))
    monkeypatch.setattr(lifecycle, "bureau", lambda: bureau)
    code = user.enterprise.customs_code
    # The month before, as the tour had it: blocked, with many doubts (a wide row).
    batch_with_doubts(
        user.enterprise, 1234, period="202502", status=BatchStatus.BLOCKED, line_count=1402,
        figures={"exempt_credit_refund": "1812345.67", "refund_due": "1612345.67"},
        receipt_no=f"{code}202502001", package_name=f"{code}_202502_scsb.xml",
    )  # fmt: skip
    batch = make_batch(
        user.enterprise, period=PERIOD, status=BatchStatus.CHECKED, line_count=716,
        figures={"exempt_credit_refund": "812345.67", "refund_due": "612345.67"},
        receipt_no=f"{code}{PERIOD}001", package_name=f"{code}_{PERIOD}_scsb.xml",
    )  # fmt: skip
    return SimpleNamespace(
        batch=batch, declared=declared, receipt_no=batch.receipt_no, card_file=card_file
    )


def test_confirm_is_on_screen_and_asks_first(live_server, laptop, shot, checked_batch) -> None:
    page = laptop
    card_sign_in(page, live_server.url, checked_batch.card_file)
    page.wait_for_url("**/ckts/")
    frame = open_generate(page)
    button = frame.locator(f'#batches tr[data-pk="{checked_batch.batch.pk}"] .btn-confirm')
    # In view without scrolling: inside the tab's frame and the 1366-pixel screen.
    frame_box = page.locator(".pane:not([hidden]) iframe").bounding_box()
    box = button.bounding_box()
    assert box["x"] >= frame_box["x"] and box["x"] + box["width"] <= 1366, box
    assert frame.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot("decl-ui-04-confirm-in-view")

    button.click()
    dialog = frame.locator(f"#dlg-confirm-{checked_batch.batch.pk}")
    dialog.wait_for(state="visible")
    text = dialog.inner_text()
    assert PERIOD in text and checked_batch.batch.number in text
    assert dialog.locator(".confirm-lines").inner_text() == "716"
    assert dialog.locator(".figure-refund_due").inner_text() == "612345.67"
    shot("decl-ui-05-confirm-asks")
    dialog.locator("button:has-text('取消')").click()
    dialog.wait_for(state="hidden")
    checked_batch.batch.refresh_from_db()
    assert checked_batch.batch.status == BatchStatus.CHECKED and checked_batch.declared == []

    button.click()
    dialog.wait_for(state="visible")
    dialog.locator(".btn-confirm-ok").click()
    frame.wait_for_selector(".alert-success")
    assert "已确认申报" in frame.locator(".alert-success").inner_text()
    assert DeclarationBatch.objects.get(period=PERIOD).status == BatchStatus.DECLARED
    assert checked_batch.declared == [checked_batch.receipt_no]
    shot("decl-ui-06-confirmed")
