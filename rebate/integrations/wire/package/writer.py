"""Build a signed declaration package with a streaming writer (lxml ``xmlfile``).

Lines are written (and hashed for the signature) one at a time, so a package of a million
lines needs no more memory than one line.

The IC card signs on the clerk's machine, so the product writes a package in two steps:
``write_unsigned_package`` (the whole document without its ``Signature``; its digest is what
the card signs) and, once the browser sent the card's signature, ``complete_package``, which
copies it with the ``Signature`` record inserted before the closing root tag. A holder of the
key in the same process (the simulators' own cards, tests) calls ``write_package``, which does
both at once; the two ways give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import IO, Any, Protocol

from lxml import etree

from ..canonical import CANONICALIZATION, SIGNATURE_ALGORITHM, CanonicalHasher, Signer, sign_digest
from ..errors import WireError
from ..spec import RecordSpec, record_element
from .envelope import (
    BODY,
    FORM_NAME,
    ROOT,
    SIGNATURE,
    PackageHead,
    PackageInfo,
    SignatureBlock,
    head_spec,
)
from .registry import BusinessSpec, Section, business

# A section's records: mappings keyed by attribute name, or objects with those attributes.
Records = Iterable[Any]


def _markup(text: str) -> str:
    """Element text as markup lxml parses back to the same text (a bare CR would become LF)."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace("\r", "&#13;")
    return text


class _HashingWriter:
    """Writes records to the xmlfile and feeds the same events to the canonical hasher.

    A record is rendered as markup and parsed back into one element (libxml2 in one call)
    rather than built child by child: the same element, a third of the time per line."""

    def __init__(self, xf: Any, hasher: CanonicalHasher, namespace: str) -> None:
        self.xf = xf
        self.hasher = hasher
        self.namespace = namespace
        self.ns = f"{{{namespace}}}"
        self.opening = f' xmlns="{_markup(namespace).replace(chr(34), "&quot;")}">'

    def record(self, spec: RecordSpec, pairs: Iterable[tuple[str, str]]) -> None:
        written = list(pairs)
        self.hasher.flat_record(self.ns + spec.element, self.ns, written)
        # A default-namespace declaration on each streamed record keeps the output unprefixed.
        element = spec.element
        children = "".join(f"<{tag}>{_markup(text)}</{tag}>" for tag, text in written)
        self.xf.write(etree.fromstring(f"<{element}{self.opening}{children}</{element}>"))

    def section(self, section: Section, records: Records, period: str) -> int:
        spec, count = section.record, 0
        tag = self.ns + section.name
        named = {FORM_NAME: section.label_for(period)}
        self.hasher.start(tag, named)
        with self.xf.element(tag, named):
            for record in records:
                mapping = isinstance(record, Mapping)
                pairs = spec.mapping_texts(record) if mapping else spec.texts(record)
                self.record(spec, pairs)
                count += 1
        self.hasher.end(tag)
        return count


def _key(record: Any, key: str) -> Any:
    return record.get(key) if isinstance(record, Mapping) else getattr(record, key)


def _ordered(section: Section, records: Records) -> Records:
    """A keyed section (small by nature) is checked against its rule and written in key order."""
    if not section.key:
        return records
    rows = list(records)
    section.check_keys(_key(row, section.key) for row in rows)
    return sorted(rows, key=lambda row: _key(row, section.key))


CLOSING = b"</DeclarationPackage>"


class ByteSink(Protocol):
    def write(self, data: bytes, /) -> int: ...


_COPY_CHUNK = 1 << 20


class _WithheldClosing:
    """A byte sink passing everything on except the document's closing root tag."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.tail = b""

    def write(self, data: bytes) -> int:
        buffer = self.tail + bytes(data)
        cut = max(0, len(buffer) - len(CLOSING))
        if cut:
            self.out.write(buffer[:cut])
        self.tail = buffer[cut:]
        return len(data)

    def flush(self) -> None:
        self.out.flush()

    def close_with(self, record: bytes) -> None:
        if self.tail != CLOSING:
            raise WireError("申报文件不完整：缺少结束标记")
        self.out.write(record + CLOSING)


_NAMESPACE = re.compile(rb'<DeclarationPackage\b[^>]*?\bxmlns="([^"]+)"')


def signature_record(namespace: str, card_no: str, digest: str, value: str) -> bytes:
    """The ``Signature`` record exactly as the streaming writer writes it."""
    block = SignatureBlock(
        card_no=card_no,
        algorithm=SIGNATURE_ALGORITHM,
        canonicalization=CANONICALIZATION,
        digest=digest,
        value=value,
    )
    element = record_element(None, SIGNATURE, SIGNATURE.texts(block), namespace)
    return bytes(etree.tostring(element, encoding="utf-8", xml_declaration=False))


def write_package(
    out: IO[bytes],
    head: PackageHead,
    *,
    sections: Mapping[str, Records],
    card_no: str,
    signer: Signer,
) -> PackageInfo:
    """Write the signed package to ``out`` (the signer holds the key in this process)."""
    sink = _WithheldClosing(out)
    info = write_unsigned_package(sink, head, sections=sections)
    signature = sign_digest(signer, info.digest)
    namespace = business(head.business_code).namespace
    sink.close_with(signature_record(namespace, card_no, info.digest, signature))
    return info


def complete_package(
    unsigned: IO[bytes], out: IO[bytes], *, card_no: str, digest: str, value: str
) -> None:
    """Copy an unsigned package to ``out`` with the card's signature (base64 DER) of ``digest``."""
    sink = _WithheldClosing(out)
    namespace = ""
    while chunk := unsigned.read(_COPY_CHUNK):
        if not namespace:
            found = _NAMESPACE.search(chunk)
            if found is None:
                raise WireError("申报文件不完整：缺少数据包根元素")
            namespace = found.group(1).decode()
        sink.write(chunk)
    sink.close_with(signature_record(namespace, card_no, digest, value))


def write_unsigned_package(
    out: ByteSink, head: PackageHead, *, sections: Mapping[str, Records]
) -> PackageInfo:
    """Write the package without its signature; the digest in the result is what gets signed.

    ``sections`` maps section names of the head's business to their records; sections are
    written in the business's order, a required one must be given (it may be empty).
    """
    spec = _business_of(head)
    _check_sections(spec, sections)
    hasher = CanonicalHasher()
    ns = f"{{{spec.namespace}}}"
    root, body, version = ns + ROOT, ns + BODY, spec.version
    head_record = head_spec(spec)
    counts: dict[str, int] = {}
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(root, {"Version": version}, nsmap={None: spec.namespace}):
            hasher.start(root, {"Version": version})
            writer = _HashingWriter(xf, hasher, spec.namespace)
            writer.record(head_record, head_record.texts(head))
            hasher.start(body)
            with xf.element(body):
                for section in spec.sections:
                    if section.name in sections:
                        records = _ordered(section, sections[section.name])
                        counts[section.name] = writer.section(section, records, head.period)
            hasher.end(body)
            hasher.end(root)
            digest = hasher.hexdigest()
    filename = spec.filename(head.customs_code, head.period)
    return PackageInfo(filename, digest, counts.get(spec.main.name, 0), counts)


def _business_of(head: PackageHead) -> BusinessSpec:
    spec = business(head.business_code)
    if head.short_name != spec.short_name:
        raise WireError(f"业务{spec.code}的业务简称应为{spec.short_name}，不是{head.short_name}")
    spec.period_slot(head.period)  # the period must fit the business's kind
    return spec


def _check_sections(spec: BusinessSpec, sections: Mapping[str, Records]) -> None:
    known = {section.name for section in spec.sections}
    unknown = set(sections) - known
    if unknown:
        raise WireError(
            f"未知的申报表：{sorted(unknown)}（业务{spec.code}的申报表：{sorted(known)}）"
        )
    missing = [s.name for s in spec.sections if s.required and s.name not in sections]
    if missing:
        raise WireError(f"缺少申报表：{missing}")
