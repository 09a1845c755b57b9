"""Document structure of the customs download format (roots and nesting)."""

from __future__ import annotations

from typing import Final

from ..spec import Kind
from ..xsdgen import Attr, Child, Format, Node
from .specs import (
    AMENDMENT,
    DEC_HEAD,
    DEC_LIST,
    MANUAL,
    MANUAL_RECORD,
    NAMESPACE,
    RETURN_RECORD,
    SCHEMA,
    VERSION,
)

_VERSION = Attr("Version", fixed=VERSION)
_TRADE_CODE = Attr("TradeCode")

DEC_MESSAGE: Final = Node(
    "DecMessage",
    "一份报关单（表头+商品项）",
    children=(
        Child(Node("DecHead", "报关单表头", record=DEC_HEAD)),
        Child(
            Node(
                "DecLists",
                "商品项",
                children=(Child(Node("DecList", "商品项", record=DEC_LIST), unbounded=True),),
            )
        ),
    ),
)

FORMAT: Final = Format(
    schema_file=SCHEMA,
    namespace=NAMESPACE,
    version=VERSION,
    title="海关报关单数据下载格式 (customs download)",
    doc_file="customs-1.0.md",
    notes=(
        "Modelled on the Single Window `DecMessage` (DOMAIN §12.2). A date-range download is "
        "paged: `DecDownload/@NextCursor` is the cursor of the next page, empty on the last one. "
        "Amounts are decimal strings; dates are `YYYYMMDD` as customs writes them.",
    ),
    roots=(
        Node(
            "DecDownload",
            "报关单下载（一页）",
            children=(Child(DEC_MESSAGE, min_occurs=0, unbounded=True),),
            attributes=(
                _VERSION,
                _TRADE_CODE,
                Attr("NextCursor", required=False),
                Attr("Count", kind=Kind.INT),
            ),
        ),
        Node(
            "ManualDownload",
            "加工贸易手（账）册下载",
            children=(
                Child(
                    Node(
                        "Manual",
                        "手（账）册",
                        children=(
                            Child(Node("ManualHead", "手（账）册表头", record=MANUAL)),
                            Child(
                                Node(
                                    "ManualRecords",
                                    "进出口记录",
                                    children=(
                                        Child(
                                            Node("ManualRecord", "记录", record=MANUAL_RECORD),
                                            min_occurs=0,
                                            unbounded=True,
                                        ),
                                    ),
                                )
                            ),
                        ),
                    ),
                    min_occurs=0,
                    unbounded=True,
                ),
            ),
            attributes=(_VERSION, _TRADE_CODE),
        ),
        Node(
            "AmendmentDownload",
            "改单记录下载",
            children=(Child(Node("Amendment", "改单", record=AMENDMENT), 0, True),),
            attributes=(_VERSION, _TRADE_CODE),
        ),
        Node(
            "ReturnDownload",
            "退运记录下载",
            children=(Child(Node("ReturnRecord", "退运", record=RETURN_RECORD), 0, True),),
            attributes=(_VERSION, _TRADE_CODE),
        ),
    ),
)
