"""CustomsPort: export declarations, processing-trade manuals, 改单, 退运 and the card authority.

The customs side (China E-Port) answers in the published format ``urn:ckts:wire:customs:1``
(docs/wire/customs-1.0.md); this client turns it into typed dataclasses with Decimal amounts.
Date-range downloads are paged by cursor, so 10,000 declarations arrive as a stream of pages
(``iter_declarations``) without holding the whole range in one document.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from django.conf import settings

from .credentials import authorization
from .http import PartyError, make_client, raise_for_party
from .models import Party
from .wire import WireError
from .wire.customs import Amendment, ExportDeclaration, Manual, ReturnRecord, reader

PARTY = "中国电子口岸"
BASE = "/api/v1"  # under CUSTOMS_ENDPOINT
DEFAULT_PAGE_SIZE = 500
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CardHolder:
    """What the e-port card authority publishes about a card it issued."""

    card_no: str
    customs_code: str
    public_key_pem: str


class CustomsPort(Protocol):
    def iter_declarations(
        self, *, customs_code: str, date_from: date, date_to: date, page_size: int = ...
    ) -> Iterator[ExportDeclaration]:
        """Every export declaration of the enterprise with 出口日期 in the range (DC-02)."""
        ...

    def get_declaration(self, *, customs_code: str, entry_id: str) -> ExportDeclaration | None:
        """One declaration by 报关单号 (DC-03); None when customs has no such declaration."""
        ...

    def download_manuals(self, *, customs_code: str, manual_no: str = "") -> list[Manual]:
        """Processing-trade manuals with their import/export records."""
        ...

    def download_amendments(
        self, *, customs_code: str, date_from: date, date_to: date
    ) -> list[Amendment]:
        """改单 records made in the date range."""
        ...

    def download_returns(
        self, *, customs_code: str, date_from: date, date_to: date
    ) -> list[ReturnRecord]:
        """退运 records dated in the range."""
        ...

    def card_holder(self, *, customs_code: str, card_no: str) -> CardHolder | None:
        """The public key of a card the e-port issued to the enterprise; None when it issued
        none (PartyError with status 403 when it issued it to another enterprise)."""
        ...


class HttpCustomsClient:
    def __init__(self, endpoint: str, *, timeout: float = 60.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout

    def _get(self, path: str, params: dict[str, str], parse: Callable[[io.BytesIO], T]) -> T:
        headers = authorization(Party.CUSTOMS, params["trade_code"])
        with make_client(self.endpoint, timeout=self.timeout) as client:
            response = client.get(BASE + path, params=params, headers=headers)
        raise_for_party(response, PARTY)
        try:
            return parse(io.BytesIO(response.content))
        except WireError as error:
            raise PartyError(f"{PARTY}返回的数据格式错误：{error.message}") from None

    def iter_declarations(
        self,
        *,
        customs_code: str,
        date_from: date,
        date_to: date,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Iterator[ExportDeclaration]:
        cursor = ""
        while True:
            params = {
                "trade_code": customs_code,
                "date_from": date_from.isoformat(),
                "date_to": date_to.isoformat(),
                "limit": str(page_size),
                "cursor": cursor,
            }
            page = self._get("/declarations", params, reader.read_declarations)
            yield from page.declarations
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    def get_declaration(self, *, customs_code: str, entry_id: str) -> ExportDeclaration | None:
        try:
            page = self._get(
                f"/declarations/{entry_id}", {"trade_code": customs_code}, reader.read_declarations
            )
        except PartyError as error:
            if error.status == 404 and "未找到报关单" in str(error):
                return None
            raise
        return page.declarations[0] if page.declarations else None

    def download_manuals(self, *, customs_code: str, manual_no: str = "") -> list[Manual]:
        params = {"trade_code": customs_code, "manual_no": manual_no}
        return self._get("/manuals", params, reader.read_manuals)

    def _range(self, customs_code: str, date_from: date, date_to: date) -> dict[str, str]:
        return {
            "trade_code": customs_code,
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
        }

    def download_amendments(
        self, *, customs_code: str, date_from: date, date_to: date
    ) -> list[Amendment]:
        params = self._range(customs_code, date_from, date_to)
        return self._get("/amendments", params, reader.read_amendments)

    def download_returns(
        self, *, customs_code: str, date_from: date, date_to: date
    ) -> list[ReturnRecord]:
        params = self._range(customs_code, date_from, date_to)
        return self._get("/returns", params, reader.read_returns)

    def card_holder(self, *, customs_code: str, card_no: str) -> CardHolder | None:
        headers = authorization(Party.CUSTOMS, customs_code)
        with make_client(self.endpoint, timeout=self.timeout) as client:
            response = client.get(f"{BASE}/cards/{card_no}", headers=headers)
        if response.status_code == 404:
            return None
        raise_for_party(response, PARTY)
        try:
            body = response.json()
            return CardHolder(
                str(body["card_no"]), str(body["customs_code"]), str(body["public_key_pem"])
            )
        except (ValueError, KeyError, TypeError):
            raise PartyError(f"{PARTY}返回的数据格式错误：IC卡信息不完整") from None


def get_customs_port() -> CustomsPort:
    return HttpCustomsClient(settings.CUSTOMS_ENDPOINT)
