"""Package signatures: a streaming canonical form of the document and ECDSA P-256 / SHA-256.

Canonical form ``ckts-c14n-1`` (documented in docs/wire/signature.md): the document is read as
the sequence of its element events in document order, leaving out the ``Signature`` element
and everything inside it. Each start event contributes ``<{ns}tag a="v"…>`` (attributes sorted by
their Clark name), each end event contributes the element's text when it is not whitespace
only, then ``</{ns}tag>``. Text and attribute values are escaped (& < > "). The SHA-256 of the
UTF-8 bytes is the digest. Because whitespace-only text is ignored, re-indenting a package does
not break its signature; changing any value, tag or attribute does.

Both sides compute it while streaming (the writer as it writes, the reader from iterparse
events), so a package of any size is signed and verified in constant memory. The card signs
``SIGNED_INFO_PREFIX + hex digest`` (ECDSA P-256, SHA-256, DER signature), which binds the
algorithm names to the signature as well.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from .errors import WireError

CANONICALIZATION = "ckts-c14n-1"
SIGNATURE_ALGORITHM = "ECDSA-P256-SHA256"
SIGNED_INFO_PREFIX = f"{CANONICALIZATION};SHA256;"
_FLUSH_AT = 512

Signer = Callable[[bytes], bytes]


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text or '"' in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace('"', "&quot;")
    return text


class CanonicalHasher:
    """Feeds element events into SHA-256 in the ``ckts-c14n-1`` form."""

    __slots__ = ("_digest", "_parts")

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._parts: list[str] = []

    def start(self, tag: str, attributes: Mapping[str, str] | None = None) -> None:
        if attributes:
            rendered = "".join(
                f' {name}="{_escape(attributes[name])}"' for name in sorted(attributes)
            )
            self._parts.append(f"<{tag}{rendered}>")
        else:
            self._parts.append(f"<{tag}>")

    def end(self, tag: str, text: str | None = None) -> None:
        if text and not text.isspace():
            self._parts.append(_escape(text))
        self._parts.append(f"</{tag}>")
        if len(self._parts) >= _FLUSH_AT:
            self._flush()

    def record(self, element: Any) -> None:
        """A flat record element (children are leaves), exactly as start/leaf…/end would."""
        attributes = element.attrib
        self.start(element.tag, dict(attributes) if len(attributes) else None)
        parts = self._parts
        for child in element:
            tag, text = child.tag, child.text
            if text and not text.isspace():
                parts.append(f"<{tag}>{_escape(text)}</{tag}>")
            else:
                parts.append(f"<{tag}></{tag}>")
        self.end(element.tag)

    def flat_record(self, tag: str, ns: str, children: list[tuple[str, str]]) -> None:
        """A record of leaves as start(tag), leaf(ns + child, text)…, end(tag) would feed it."""
        parts = self._parts
        parts.append(f"<{tag}>")
        for child, text in children:
            shown = _escape(text) if text and not text.isspace() else ""
            parts.append(f"<{ns}{child}>{shown}</{ns}{child}>")
        self.end(tag)

    def leaf(self, tag: str, text: str) -> None:
        self._parts.append(f"<{tag}>")
        self.end(tag, text)

    def _flush(self) -> None:
        self._digest.update("".join(self._parts).encode())
        self._parts.clear()

    def hexdigest(self) -> str:
        self._flush()
        return self._digest.hexdigest()


def signed_info(digest_hex: str) -> bytes:
    return (SIGNED_INFO_PREFIX + digest_hex).encode("ascii")


def sign_digest(signer: Signer, digest_hex: str) -> str:
    """The base64 signature of a digest made by ``signer`` (e.g. the IC card)."""
    return base64.b64encode(signer(signed_info(digest_hex))).decode("ascii")


def verify_signature(public_key_pem: str, digest_hex: str, signature_b64: str) -> None:
    """Raise ``WireError`` unless the signature is the card's signature of the digest."""
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode())
        signature = base64.b64decode(signature_b64, validate=True)
    except ValueError:
        raise WireError("签名或公钥格式错误", code="signature") from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise WireError("公钥不是ECDSA P-256公钥", code="signature")
    try:
        key.verify(signature, signed_info(digest_hex), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise WireError("数字签名验证失败：申报数据被篡改或签名卡不符", code="signature") from None


P256_RAW_SIGNATURE_BYTES = 64


def der_from_raw(raw_b64: str) -> str:
    """A browser's ECDSA signature (WebCrypto gives r‖s, 2×32 bytes) as the package's DER form."""
    try:
        raw = base64.b64decode(raw_b64, validate=True)
    except ValueError:
        raise WireError("签名格式错误", code="signature") from None
    if len(raw) != P256_RAW_SIGNATURE_BYTES:
        raise WireError("签名格式错误", code="signature")
    half = P256_RAW_SIGNATURE_BYTES // 2
    der = encode_dss_signature(int.from_bytes(raw[:half]), int.from_bytes(raw[half:]))
    return base64.b64encode(der).decode("ascii")


def private_key_signer(private_key: ec.EllipticCurvePrivateKey) -> Signer:
    """A signer over a key in memory (tests, the simulators' own cards)."""

    def sign(data: bytes) -> bytes:
        return private_key.sign(data, ec.ECDSA(hashes.SHA256()))

    return sign


def public_key_pem(private_key: ec.EllipticCurvePrivateKey) -> str:
    return (
        private_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
