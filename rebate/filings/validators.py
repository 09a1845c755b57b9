"""The 备案 forms' field rules, with the messages the clerk sees at the field."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

DIGITS = re.compile(r"^[0-9]{6,50}$")
PHONE = re.compile(r"^1[3-9][0-9]{9}$")
ID_NO = re.compile(r"^[0-9A-Za-z]{6,30}$")
CUSTOMS_CODE = re.compile(r"^[0-9]{4}[0-9A-Z]{6}$")


def uscc(value: str) -> None:
    try:
        stdnum_uscc.validate(value)
    except InvalidChecksum as exc:
        raise ValidationError("统一社会信用代码校验位错误") from exc
    except StdnumError as exc:
        raise ValidationError("统一社会信用代码应为18位，由数字和大写字母组成") from exc


def bank_account(value: str) -> None:
    if not DIGITS.match(value):
        raise ValidationError("退税开户银行账号只能由数字组成（6至50位）")


def phone(value: str) -> None:
    if not PHONE.match(value):
        raise ValidationError("请输入11位手机号码")


def id_number(value: str) -> None:
    """身份证件号码: an 18-character 居民身份证号 is checked with its check digit (GB 11643);
    other documents (护照, 港澳通行证) only for their characters."""
    if len(value) == 18 and value[:17].isdigit():
        try:
            ric.validate(value)
        except StdnumError as exc:
            raise ValidationError("居民身份证号码校验位错误") from exc
        return
    if not ID_NO.match(value):
        raise ValidationError("身份证件号码应为6至30位数字或字母")


def customs_code(value: str) -> None:
    if not CUSTOMS_CODE.match(value):
        raise ValidationError("海关企业代码应为10位：前4位为数字，后6位为数字或大写字母")
