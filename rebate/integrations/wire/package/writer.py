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

from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any, Protocol

from lxml import etree

from ..canonical import CANONICALIZATION, SIGNATURE_ALGORITHM, CanonicalHasher, Signer, sign_digest
from ..errors import WireError
from ..spec import RecordSpec, record_element
from .model import GoodsLine, PackageHead, PackageInfo, SignatureBlock, SummaryRow, package_filename
from .specs import HEAD, NAMESPACE, OTHER_FORMS, SBHZ, SIGNATURE, TSSB, VERSION

_NS = f"{{{NAMESPACE}}}"
SUMMARY_ROWS = 19


class _HashingWriter:
    """Writes records to the xmlfile and feeds the same events to the canonical hasher."""

    def __init__(self, xf: Any, hasher: CanonicalHasher) -> None:
        self.xf = xf
        self.hasher = hasher

    def record(self, spec: RecordSpec, pairs: Iterable[tuple[str, str]]) -> None:
        written = list(pairs)
        tag = _NS + spec.element
        self.hasher.start(tag)
        for child_tag, text in written:
            self.hasher.leaf(_NS + child_tag, text)
        self.hasher.end(tag)
        self.xf.write(record_element(None, spec, iter(written), NAMESPACE))

    def section(self, name: str, spec: RecordSpec, pair_lists: Iterable[Iterable[Any]]) -> int:
        count = 0
        tag = _NS + name
        self.hasher.start(tag)
        with self.xf.element(tag):
            for pairs in pair_lists:
                self.record(spec, pairs)
                count += 1
        self.hasher.end(tag)
        return count


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


def signature_record(card_no: str, digest: str, value: str) -> bytes:
    """The ``Signature`` record exactly as the streaming writer writes it."""
    block = SignatureBlock(
        card_no=card_no,
        algorithm=SIGNATURE_ALGORITHM,
        canonicalization=CANONICALIZATION,
        digest=digest,
        value=value,
    )
    element = record_element(None, SIGNATURE, SIGNATURE.texts(block), NAMESPACE)
    return bytes(etree.tostring(element, encoding="utf-8", xml_declaration=False))


def write_package(
    out: IO[bytes],
    head: PackageHead,
    *,
    goods: Iterable[GoodsLine],
    summary: Sequence[SummaryRow],
    card_no: str,
    signer: Signer,
    other_forms: Mapping[str, Iterable[Mapping[str, object]]] | None = None,
) -> PackageInfo:
    """Write the signed package to ``out`` (the signer holds the key in this process)."""
    sink = _WithheldClosing(out)
    info = write_unsigned_package(sink, head, goods=goods, summary=summary, other_forms=other_forms)
    sink.close_with(signature_record(card_no, info.digest, sign_digest(signer, info.digest)))
    return info


def complete_package(
    unsigned: IO[bytes], out: IO[bytes], *, card_no: str, digest: str, value: str
) -> None:
    """Copy an unsigned package to ``out`` with the card's signature (base64 DER) of ``digest``."""
    sink = _WithheldClosing(out)
    while chunk := unsigned.read(_COPY_CHUNK):
        sink.write(chunk)
    sink.close_with(signature_record(card_no, digest, value))


def write_unsigned_package(
    out: ByteSink,
    head: PackageHead,
    *,
    goods: Iterable[GoodsLine],
    summary: Sequence[SummaryRow],
    other_forms: Mapping[str, Iterable[Mapping[str, object]]] | None = None,
) -> PackageInfo:
    """Write the package without its signature; the digest in the result is what gets signed."""
    forms = dict(other_forms or {})
    unknown = set(forms) - set(OTHER_FORMS)
    if unknown:
        raise WireError(f"未知的申报表：{sorted(unknown)}")
    if sorted(row.row for row in summary) != list(range(1, SUMMARY_ROWS + 1)):
        raise WireError("免抵退税申报汇总表必须恰好有第1至19栏")
    hasher = CanonicalHasher()
    root = _NS + "DeclarationPackage"
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(root, {"Version": VERSION}, nsmap={None: NAMESPACE}):
            hasher.start(root, {"Version": VERSION})
            writer = _HashingWriter(xf, hasher)
            writer.record(HEAD, HEAD.texts(head))
            body = _NS + "Body"
            hasher.start(body)
            with xf.element(body):
                goods_count = writer.section("TSSB", TSSB, (TSSB.texts(line) for line in goods))
                rows = sorted(summary, key=lambda row: row.row)
                writer.section("SBHZ", SBHZ, (SBHZ.texts(row) for row in rows))
                for name, spec in OTHER_FORMS.items():
                    if name in forms:
                        records = (spec.mapping_texts(values) for values in forms[name])
                        writer.section(name, spec, records)
            hasher.end(body)
            hasher.end(root)
            digest = hasher.hexdigest()
    return PackageInfo(package_filename(head.customs_code, head.period), digest, goods_count)
