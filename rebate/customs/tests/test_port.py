"""信息下载 through the real customs client and wire reader (HTTP mocked at the transport).

A malformed page anywhere in a date range rejects the whole download: nothing is stored.
"""

from __future__ import annotations

import io
import json
from datetime import date

import httpx
import pytest

from rebate.customs.models import Declaration, DeclarationItem
from rebate.customs.ports import PortSource
from rebate.customs.services import declarations_download
from rebate.integrations import customs as customs_client
from rebate.integrations.credentials import store_issued
from rebate.integrations.http import PartyError, route_through
from rebate.integrations.wire.customs.writer import write_declarations

from .factories import wire_declaration

pytestmark = pytest.mark.django_db
MARCH = {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}


def page(trade_code: str, declarations, cursor: str = "") -> bytes:
    out = io.BytesIO()
    write_declarations(out, trade_code, declarations, next_cursor=cursor)
    return out.getvalue()


@pytest.fixture
def serve(enterprise):
    """Answer the client's GETs with the given page bodies, by cursor."""
    store_issued(
        json.dumps({"account": enterprise.customs_code, "credentials": {"customs": "x:secret"}})
    )

    def install(pages: dict[str, bytes]) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            assert request.headers["Authorization"] == "Bearer x:secret"
            body = pages[request.url.params.get("cursor", "")]
            return httpx.Response(200, content=body, headers={"Content-Type": "application/xml"})

        route_through(httpx.MockTransport(handler))

    return install


def download(enterprise, user):
    source = PortSource(customs_client.HttpCustomsClient("http://customs"))
    return declarations_download(enterprise=enterprise, actor=user, source=source, **MARCH)


def test_pages_are_read_and_stored(enterprise, user, serve) -> None:
    code = enterprise.customs_code
    first = [wire_declaration(code) for _ in range(2)]
    second = [wire_declaration(code)]
    serve({"": page(code, first, cursor="p2"), "p2": page(code, second)})
    assert download(enterprise, user).new == 3
    assert DeclarationItem.objects.count() == 6


@pytest.mark.parametrize(
    "broken",
    [
        b"<DecDownload",  # not well formed
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><DecDownload/>',  # entities
        b'<DecDownload xmlns="urn:ckts:wire:customs:1" Version="1.0" TradeCode="x">'
        b"<DecMessage><DecHead/></DecMessage></DecDownload>",  # not valid against the XSD
    ],
)
def test_malformed_xml_is_rejected_whole(enterprise, user, serve, broken) -> None:
    code = enterprise.customs_code
    first = [wire_declaration(code) for _ in range(2)]
    serve({"": page(code, first, cursor="p2"), "p2": broken})
    with pytest.raises(PartyError, match="数据格式错误"):
        download(enterprise, user)
    assert not Declaration.objects.exists() and not DeclarationItem.objects.exists()
