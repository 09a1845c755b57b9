"""Build a signed declaration package with a streaming writer (lxml ``xmlfile``).

Lines are written (and hashed for the signature) one at a time, so a package of a million
lines needs no more memory than one line. The product calls ``write_package`` with its
明细表 lines as an iterator and the card's signer, e.g.
``signer=lambda data: cardreader.sign(card_no, data)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

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
    """Write the package to ``out`` and return its file name, digest and line count."""
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
            signature = SignatureBlock(
                card_no=card_no,
                algorithm=SIGNATURE_ALGORITHM,
                canonicalization=CANONICALIZATION,
                digest=digest,
                value=sign_digest(signer, digest),
            )
            xf.write(record_element(None, SIGNATURE, SIGNATURE.texts(signature), NAMESPACE))
    return PackageInfo(package_filename(head.customs_code, head.period), digest, goods_count)
