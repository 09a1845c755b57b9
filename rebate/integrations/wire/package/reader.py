"""Read (and verify) a declaration package of any registered business in one streaming pass.

The business is known from the root element's namespace (read ahead from the first bytes), the
document is validated against that business's XSD while it is parsed, the canonical digest is
computed from the same events, and each record of the main section is handed to ``on_main``
and released, so the bureau checks a package of any size in flat memory. ``verify_signature``
then compares the recomputed digest with the signed one and checks the card's signature.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

from lxml import etree

from ..canonical import CanonicalHasher
from ..canonical import verify_signature as verify_digest_signature
from ..errors import WireError
from ..safexml import HEAD_BYTES, Rejoined, iterparse, refuse_doctype_bytes, release
from ..spec import build
from .envelope import (
    BODY,
    FORM_NAME,
    HEAD_ELEMENT,
    ROOT,
    SIGNATURE,
    SIGNATURE_ELEMENT,
    PackageContent,
    PackageHead,
    SignatureBlock,
    head_spec,
)
from .registry import BusinessSpec, Section, business_by_namespace

MainCallback = Callable[[Any], None]
RecordCallback = Callable[[str, Any], None]  # (section name, record)
_NAMESPACE = re.compile(rb'<DeclarationPackage\b[^>]*?\bxmlns="([^"]+)"')


class _Layout:
    """The element names of one business's documents (built per read; a few dozen strings)."""

    def __init__(self, spec: BusinessSpec) -> None:
        ns = f"{{{spec.namespace}}}"
        self.ns_length = len(ns)
        self.root, self.head, self.body = ns + ROOT, ns + HEAD_ELEMENT, ns + BODY
        self.signature = ns + SIGNATURE_ELEMENT
        self.sections = {ns + section.name: section for section in spec.sections}
        self.records = {ns + section.record.element for section in spec.sections}
        self.structure = (self.root, self.head, self.body, self.signature, *self.sections,
                          *self.records)  # fmt: skip
        self.whole = {self.head, self.signature, *self.records}  # handled at their end event


class _State:
    def __init__(self, spec: BusinessSpec, on_main: MainCallback, on_record: RecordCallback | None):
        self.spec = spec
        self.main = spec.main.name
        self.on_main = on_main
        self.on_record = on_record
        self.hasher = CanonicalHasher()
        self.head: PackageHead | None = None
        self.signature: SignatureBlock | None = None
        self.collected: dict[str, list[Any]] = {}
        self.keys: dict[str, list[Any]] = {}
        self.counts: dict[str, int] = {}
        self.section: Section | None = None
        self.form_names: dict[str, str] = {}

    def record(self, element: etree._Element, ns_length: int) -> None:
        section = self.section
        if section is None:
            raise WireError("XML不符合数据格式定义：记录不在申报表内", code="malformed")
        values = section.record.values(element, ns_length)
        record = build(section.record_type, values) if section.record_type else values
        name = section.name
        self.counts[name] = self.counts.get(name, 0) + 1
        if section.key:
            self.keys.setdefault(name, []).append(values.get(section.key))
        if name == self.main:
            self.on_main(record)
        elif self.on_record is not None:
            self.on_record(name, record)
        else:
            self.collected.setdefault(name, []).append(record)
        release(element)


def _business_ahead(source: IO[bytes]) -> tuple[BusinessSpec, IO[bytes]]:
    head = source.read(HEAD_BYTES)
    refuse_doctype_bytes(head)
    if not head.strip():
        raise WireError("XML格式错误：文档为空", code="malformed")
    found = _NAMESPACE.search(head)
    if found is None:
        raise WireError(
            "XML不符合数据格式定义：不是申报数据包（DeclarationPackage）", code="malformed"
        )
    spec = business_by_namespace(found.group(1).decode("ascii", "replace"))
    return spec, Rejoined(head, source)  # type: ignore[return-value]


def read_package(
    source: IO[bytes],
    *,
    on_main: MainCallback | None = None,
    on_record: RecordCallback | None = None,
    verify: bool = True,
) -> PackageContent:
    """Parse a package; main-section records go to ``on_main`` (or are only counted).

    Records of the other sections go to ``on_record`` when given, else they are collected into
    ``PackageContent.sections``. With ``verify`` (the default) the document is validated
    against the business's XSD and its canonical digest is computed; ``verify=False`` is for
    re-reading a package the caller already verified and stored itself (digest left empty).
    """
    spec, source = _business_ahead(source)
    layout = _Layout(spec)
    state = _State(spec, on_main or (lambda record: None), on_record)
    hasher = state.hasher if verify else None
    head_record, ns_length = head_spec(spec), layout.ns_length
    events = iterparse(source, spec.xml_schema() if verify else None, tags=layout.structure)
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag in layout.whole:
                continue
            if tag == layout.root and element.get("Version") != spec.version:
                raise WireError(f"不支持的申报数据格式版本：{element.get('Version')}")
            if hasher is not None:
                attributes = element.attrib
                hasher.start(tag, dict(attributes) if len(attributes) else None)  # type: ignore[arg-type]
            state.section = layout.sections.get(tag, state.section)
            if tag in layout.sections and element.get(FORM_NAME) is not None:
                state.form_names[state.section.name] = element.get(FORM_NAME, "")  # type: ignore[union-attr]
        elif tag == layout.signature:
            state.signature = build(SignatureBlock, SIGNATURE.values(element, ns_length))
        elif tag in layout.whole:
            if hasher is not None:
                hasher.record(element)
            if tag == layout.head:
                state.head = build(PackageHead, head_record.values(element, ns_length))
            else:
                state.record(element, ns_length)
        elif hasher is not None:
            hasher.end(tag, element.text)
    return _content(state, verify)


def _content(state: _State, verified: bool) -> PackageContent:
    if state.head is None or state.signature is None:
        raise WireError("XML不符合数据格式定义：缺少表头或签名", code="malformed")
    sections: dict[str, tuple[Any, ...]] = {}
    for section in state.spec.sections:
        if section.key:
            section.check_keys(state.keys.get(section.name, ()))
        records = state.collected.get(section.name, [])
        if section.key:
            records.sort(
                key=lambda r: r[section.key] if isinstance(r, dict) else getattr(r, section.key)
            )
        if section.name != state.main:
            sections[section.name] = tuple(records)
    return PackageContent(
        head=state.head,
        business=state.spec,
        sections=sections,
        signature=state.signature,
        digest=state.hasher.hexdigest() if verified else "",
        line_count=state.counts.get(state.main, 0),
        record_counts=state.counts,
        version=state.spec.version,
        form_names=state.form_names,
    )


def verify_signature(content: PackageContent, public_key_pem: str) -> None:
    """Raise ``WireError`` (code "signature") unless the package is intact and card-signed."""
    if content.digest != content.signature.digest:
        raise WireError("申报数据与签名摘要不一致：数据包已被篡改", code="signature")
    verify_digest_signature(public_key_pem, content.digest, content.signature.value)
