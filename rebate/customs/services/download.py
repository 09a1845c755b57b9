"""信息下载 (DC-02/03): fetch the enterprise's export declarations and store them, idempotently.

Everything is fetched first and stored in one transaction, so a malformed page (the port raises
WireError) or a declaration that is not the enterprise's leaves nothing stored. Storing is
``intake.declarations_store``, the same for the imported files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise, User
from rebate.integrations.wire.customs import ExportDeclaration

from ..ports import CustomsSource, customs_source
from .intake import DownloadSummary, declarations_store

Progress = Callable[[int, int, str], None]


def fetch(
    source: CustomsSource,
    *,
    trade_code: str,
    date_from: date | None = None,
    date_to: date | None = None,
    entry_id: str = "",
    progress: Progress | None = None,
) -> list[ExportDeclaration]:
    """Every declaration asked for; raises what the port raises (nothing is stored yet)."""
    if entry_id:
        found = source.declaration_by_number(trade_code=trade_code, entry_id=entry_id)
        if found is None:
            raise ValidationError(f"海关没有本企业报关单号为{entry_id}的出口报关单")
        return [found]
    if date_from is None or date_to is None or date_from > date_to:
        raise ValidationError("请填写正确的出口日期起止")
    fetched: list[ExportDeclaration] = []
    pages = source.declarations_in_range(
        trade_code=trade_code, date_from=date_from, date_to=date_to
    )
    for page in pages:
        fetched.extend(page)
        if progress:
            progress(len(fetched), len(fetched) + 1, f"已下载{len(fetched)}张报关单")
    return fetched


def declarations_download(
    *,
    enterprise: Enterprise,
    actor: User | None,
    date_from: date | None = None,
    date_to: date | None = None,
    entry_id: str = "",
    source: CustomsSource | None = None,
    progress: Progress | None = None,
) -> DownloadSummary:
    """DC-02 (date range) or DC-03 (one 报关单号): fetch, then store all or nothing."""
    port = source or customs_source()
    fetched = fetch(
        port,
        trade_code=enterprise.customs_code,
        date_from=date_from,
        date_to=date_to,
        entry_id=entry_id.strip(),
        progress=progress,
    )
    if progress:
        progress(len(fetched), len(fetched) + 1, f"正在保存{len(fetched)}张报关单")
    return declarations_store(enterprise=enterprise, actor=actor, declarations=fetched, source=port)
