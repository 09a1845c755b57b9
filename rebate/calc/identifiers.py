"""Identifiers (DOMAIN §12–13): 统一社会信用代码, 海关企业代码, 报关单号, item keys, invoices."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Final

USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 chars: no I, O, S, V, Z
_USCC_WEIGHTS: Final = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}", re.ASCII)
_CUSTOMS_CODE = re.compile(r"\d{4}[0-9A-Z]{6}", re.ASCII)
_DECLARATION_NO = re.compile(r"(\d{4})(\d{4})([01])(\d{9})", re.ASCII)
_ITEM_KEY = re.compile(r"(\d{18})0(\d{2})", re.ASCII)
MAX_ITEM_NO: Final = 50


class IdentifierError(ValueError):
    """An identifier with the wrong format or check character."""


# ----------------------------------------------------------------------------- USCC
def uscc_check_char(first17: str) -> str:
    """Check character of a 统一社会信用代码 (GB 32100-2015) from its first 17 characters."""
    if len(first17) != 17:
        raise IdentifierError("need the first 17 characters of a 统一社会信用代码")
    weighted = zip(first17, _USCC_WEIGHTS, strict=True)
    total = sum(USCC_ALPHABET.index(char) * weight for char, weight in weighted)
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """Check character of the 组织机构代码 part (GB 11714; letters A=10 … Z=35)."""
    if len(first8) != 8:
        raise IdentifierError("need the first 8 characters of a 组织机构代码")
    values = [int(char) if char.isdigit() else ord(char) - 55 for char in first8]
    weighted = zip(values, _ORG_WEIGHTS, strict=True)
    check = 11 - sum(value * weight for value, weight in weighted) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_uscc(code: str, *, check_org_code: bool = True) -> str:
    """Return ``code`` if it is a valid 18-character USCC, else raise ``IdentifierError``.

    Positions 9–17 are the 组织机构代码 with its own check character; ``check_org_code``
    verifies it too [verified on the three sample codes of DOMAIN §13].
    """
    if _USCC.fullmatch(code) is None:
        raise IdentifierError("统一社会信用代码应为18位（数字或大写字母，不含I、O、S、V、Z）")
    if uscc_check_char(code[:17]) != code[17]:
        raise IdentifierError("统一社会信用代码校验位错误 / wrong USCC check character")
    if check_org_code and org_code_check_char(code[8:16]) != code[16]:
        raise IdentifierError("组织机构代码校验位错误 / wrong organisation-code check character")
    return code


def is_valid_uscc(code: str) -> bool:
    try:
        validate_uscc(code)
    except IdentifierError:
        return False
    return True


# ----------------------------------------------------------------------------- customs codes
def validate_customs_code(code: str) -> str:
    """海关企业代码: 10 characters, 4-digit 行政区划 first, then digits or capital letters
    [recalled; examples 4403960A3U, 4419946995 fit]."""
    if _CUSTOMS_CODE.fullmatch(code) is None:
        raise IdentifierError("海关企业代码应为10位：前4位为数字，其余为数字或大写字母")
    return code


class Direction(Enum):
    EXPORT = "0"
    IMPORT = "1"


@dataclass(frozen=True, slots=True)
class DeclarationNumber:
    """报关单号 (海关编号), 18 digits [recalled; sample 530420250040970934 fits]."""

    customs_district: str  # 接受申报海关 (关区), 4 digits
    year: int
    direction: Direction
    sequence: str  # 9 digits

    def __str__(self) -> str:
        return f"{self.customs_district}{self.year:04d}{self.direction.value}{self.sequence}"


def parse_declaration_number(text: str) -> DeclarationNumber:
    match = _DECLARATION_NO.fullmatch(text)
    if match is None:
        raise IdentifierError("报关单号应为18位数字（关区4位+年份4位+进出口标志0/1+顺序号9位）")
    district, year, flag, sequence = match.groups()
    return DeclarationNumber(district, int(year), Direction(flag), sequence)


@dataclass(frozen=True, slots=True)
class ItemKey:
    """An export item in rebate data: 18-digit 报关单号 + "0" + 2-digit 项号 (21 chars)
    [verified: LY-WIKI]."""

    declaration_number: str
    item_no: int  # 项号 1..50

    def __str__(self) -> str:
        return build_item_key(self.declaration_number, self.item_no)


def build_item_key(declaration_number: str, item_no: int) -> str:
    parse_declaration_number(declaration_number)
    if not 1 <= item_no <= MAX_ITEM_NO:
        raise IdentifierError(f"项号应在1至{MAX_ITEM_NO}之间 / item number outside 1..50")
    return f"{declaration_number}0{item_no:02d}"


def parse_item_key(text: str) -> ItemKey:
    match = _ITEM_KEY.fullmatch(text)
    if match is None:
        raise IdentifierError("出口报关单号应为21位：18位海关编号+“0”+2位项号")
    number, item = match.group(1), int(match.group(2))
    parse_declaration_number(number)
    if not 1 <= item <= MAX_ITEM_NO:
        raise IdentifierError(f"项号应在1至{MAX_ITEM_NO}之间 / item number outside 1..50")
    return ItemKey(number, item)


def is_valid_item_key(text: str) -> bool:
    try:
        parse_item_key(text)
    except IdentifierError:
        return False
    return True


# ----------------------------------------------------------------------------- invoices
class InvoiceKind(Enum):
    DIGITAL = "数电票"  # 20 digits
    LEGACY_10 = "10位发票代码"
    LEGACY_12 = "12位发票代码"


@dataclass(frozen=True, slots=True)
class InvoiceNumber:
    kind: InvoiceKind
    year: str  # 2 digits
    region: str  # province (数电票, 10-digit code) or 行政区划 (12-digit code)
    detail: str  # 开具渠道 + sequence, or the rest of the legacy code
    number: str  # the sequence (数电票) or the 8-digit 发票号码


def parse_digital_invoice(text: str) -> InvoiceNumber:
    """数电票: year(2) province(2) 开具渠道(1) sequence(15) [verified: DOMAIN §13]."""
    if re.fullmatch(r"\d{20}", text) is None:
        raise IdentifierError("数电票号码应为20位数字")
    return InvoiceNumber(InvoiceKind.DIGITAL, text[:2], text[2:4], text[4], text[5:])


def parse_legacy_invoice(code: str, number: str) -> InvoiceNumber:
    """发票代码 (10 or 12 digits) + 8-digit 发票号码 [recalled: DOMAIN §13]."""
    if re.fullmatch(r"\d{8}", number) is None:
        raise IdentifierError("发票号码应为8位数字")
    if re.fullmatch(r"\d{10}", code):
        return InvoiceNumber(InvoiceKind.LEGACY_10, code[4:6], code[:4], code[6:], number)
    if re.fullmatch(r"\d{12}", code):
        return InvoiceNumber(InvoiceKind.LEGACY_12, code[5:7], code[1:5], code[7:], number)
    raise IdentifierError("发票代码应为10位或12位数字")


def invoice_format_warning(text: str) -> str | None:
    """出口发票号 is free text in the 明细表: return a warning when it fits no known format.

    Accepted: a 20-digit 数电票 number, or an old 10/12-digit code and 8-digit number
    written together (18 or 20 digits) or separated by a space, "-" or "/".
    """
    compact = text.strip()
    if re.fullmatch(r"\d{20}", compact) or re.fullmatch(r"\d{18}", compact):
        return None
    parts = re.split(r"[\s/\-]+", compact)
    if len(parts) == 2:
        try:
            parse_legacy_invoice(parts[0], parts[1])
        except IdentifierError:
            pass
        else:
            return None
    return f"出口发票号“{text}”不符合数电票（20位）或发票代码+号码的格式"


def validate_tax_classification_code(code: str) -> str:
    """商品和服务税收分类编码: 19 digits."""
    if re.fullmatch(r"\d{19}", code) is None:
        raise IdentifierError("商品和服务税收分类编码应为19位数字")
    return code
