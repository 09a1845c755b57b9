"""Read (and verify) a declaration package in one streaming pass.

The document is validated against the XSD while it is parsed, the canonical digest is computed
from the same events, and each 明细表 line is handed to ``on_goods`` and released, so the
bureau checks a package of any size in flat memory. ``verify_signature`` then compares the
recomputed digest with the signed one and checks the card's signature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from lxml import etree

from ..canonical import CanonicalHasher
from ..canonical import verify_signature as verify_digest_signature
from ..errors import WireError
from ..safexml import iterparse, release
from ..spec import build
from .model import GoodsLine, PackageContent, PackageHead, SignatureBlock, SummaryRow
from .specs import HEAD, NAMESPACE, OTHER_FORMS, SBHZ, SCHEMA, SIGNATURE, TSSB, VERSION
from .writer import SUMMARY_ROWS

_NS = f"{{{NAMESPACE}}}"
_NS_LENGTH = len(_NS)
_ROOT, _HEAD, _BODY, _SIGNATURE = (
    _NS + n for n in ("DeclarationPackage", "Head", "Body", "Signature")
)
_RECORDS = {_NS + "Record", _NS + "Row"}

GoodsCallback = Callable[[GoodsLine], None]


class _State:
    def __init__(self, on_goods: GoodsCallback) -> None:
        self.on_goods = on_goods
        self.hasher = CanonicalHasher()
        self.head: PackageHead | None = None
        self.signature: SignatureBlock | None = None
        self.summary: list[SummaryRow] = []
        self.forms: dict[str, list[dict[str, object]]] = {}
        self.section = ""
        self.goods_count = 0


def _record(state: _State, element: etree._Element) -> None:
    if state.section == "TSSB":
        state.on_goods(build(GoodsLine, TSSB.values(element, _NS_LENGTH)))
        state.goods_count += 1
    elif state.section == "SBHZ":
        state.summary.append(build(SummaryRow, SBHZ.values(element, _NS_LENGTH)))
    else:
        spec = OTHER_FORMS[state.section]
        state.forms.setdefault(state.section, []).append(spec.values(element, _NS_LENGTH))
    release(element)


_SECTIONS = {_NS + name: name for name in ("TSSB", "SBHZ", *OTHER_FORMS)}
# Events are limited to these elements; record fields are read (and hashed) at the record's end.
_STRUCTURE = (_ROOT, _HEAD, _BODY, _SIGNATURE, *_SECTIONS, *_RECORDS)
_WHOLE = {_HEAD, _SIGNATURE, *_RECORDS}  # handled completely at their end event


def read_package(
    source: IO[bytes], *, on_goods: GoodsCallback | None = None, verify: bool = True
) -> PackageContent:
    """Parse a package; goods lines go to ``on_goods`` (or are only counted).

    With ``verify`` (the default) the document is validated against the XSD and its canonical
    digest is computed; ``verify=False`` is for re-reading a package the caller already
    verified and stored itself (the digest is then left empty).
    """
    state = _State(on_goods or (lambda line: None))
    hasher = state.hasher if verify else None
    events = iterparse(source, SCHEMA if verify else None, tags=_STRUCTURE)
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag in _WHOLE:
                continue
            if tag == _ROOT and element.get("Version") != VERSION:
                raise WireError(f"不支持的申报数据格式版本：{element.get('Version')}")
            if hasher is not None:
                attributes = element.attrib
                hasher.start(tag, dict(attributes) if len(attributes) else None)  # type: ignore[arg-type]
            state.section = _SECTIONS.get(tag, state.section)
        elif tag == _SIGNATURE:
            state.signature = build(SignatureBlock, SIGNATURE.values(element, _NS_LENGTH))
        elif tag in _WHOLE:
            if hasher is not None:
                hasher.record(element)
            if tag == _HEAD:
                state.head = build(PackageHead, HEAD.values(element, _NS_LENGTH))
            else:
                _record(state, element)
        elif hasher is not None:
            hasher.end(tag, element.text)
    return _content(state, verify)


def _content(state: _State, verified: bool) -> PackageContent:
    if state.head is None or state.signature is None:
        raise WireError("XML不符合数据格式定义：缺少表头或签名", code="malformed")
    rows = sorted(row.row for row in state.summary)
    if rows != list(range(1, SUMMARY_ROWS + 1)):
        raise WireError("免抵退税申报汇总表必须恰好有第1至19栏", code="malformed")
    return PackageContent(
        head=state.head,
        summary=tuple(sorted(state.summary, key=lambda row: row.row)),
        forms=state.forms,
        signature=state.signature,
        digest=state.hasher.hexdigest() if verified else "",
        goods_count=state.goods_count,
    )


def verify_signature(content: PackageContent, public_key_pem: str) -> None:
    """Raise ``WireError`` (code "signature") unless the package is intact and card-signed."""
    if content.digest != content.signature.digest:
        raise WireError("申报数据与签名摘要不一致：数据包已被篡改", code="signature")
    verify_digest_signature(public_key_pem, content.digest, content.signature.value)
