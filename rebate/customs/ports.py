"""What 信息下载 needs from customs, as a Protocol, and the port that provides it.

The real adapter is ``rebate.integrations.customs`` (HTTP to the e-port at CUSTOMS_ENDPOINT: the
real one, or the simulators' server under `make run`); tests may pass any object with these three
methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import Protocol

from rebate.integrations.customs import CustomsPort, get_customs_port
from rebate.integrations.wire.customs import Amendment, ExportDeclaration


class CustomsSource(Protocol):
    def declarations_in_range(
        self, *, trade_code: str, date_from: date, date_to: date
    ) -> Iterator[tuple[ExportDeclaration, ...]]:
        """The enterprise's export declarations by 出口日期, a batch at a time."""
        ...

    def declaration_by_number(self, *, trade_code: str, entry_id: str) -> ExportDeclaration | None:
        """One 报关单 of the enterprise by 报关单号, or None."""
        ...

    def amendments(self, *, trade_code: str, date_from: date, date_to: date) -> list[Amendment]:
        """改单 records made in the date range."""
        ...


class PortSource:
    """Adapts ``rebate.integrations.customs.CustomsPort`` to ``CustomsSource``."""

    batch = 500

    def __init__(self, port: CustomsPort) -> None:
        self.port = port

    def declarations_in_range(
        self, *, trade_code: str, date_from: date, date_to: date
    ) -> Iterator[tuple[ExportDeclaration, ...]]:
        stream = self.port.iter_declarations(
            customs_code=trade_code, date_from=date_from, date_to=date_to
        )
        while chunk := tuple(islice(stream, self.batch)):
            yield chunk

    def declaration_by_number(self, *, trade_code: str, entry_id: str) -> ExportDeclaration | None:
        return self.port.get_declaration(customs_code=trade_code, entry_id=entry_id)

    def amendments(self, *, trade_code: str, date_from: date, date_to: date) -> list[Amendment]:
        return self.port.download_amendments(
            customs_code=trade_code, date_from=date_from, date_to=date_to
        )


def customs_source() -> CustomsSource:
    """The configured customs port (settings.CUSTOMS_ENDPOINT, with the enterprise's credential)."""
    return PortSource(get_customs_port())
