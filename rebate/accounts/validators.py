"""Identifier validation with the messages the clerk sees."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

from rebate.calc import identifiers

PHONE = re.compile(r"^1[3-9][0-9]{9}$")


def validate_uscc(value: str) -> None:
    try:
        stdnum_uscc.validate(value)
    except InvalidChecksum as exc:
        raise ValidationError({"uscc": "统一社会信用代码校验位错误"}) from exc
    except StdnumError as exc:
        raise ValidationError({"uscc": "统一社会信用代码应为18位，由数字和大写字母组成"}) from exc


def validate_customs_code(value: str) -> None:
    """The format rule is rebate.calc.identifiers'; this gives it the field and the words."""
    try:
        identifiers.validate_customs_code(value)
    except identifiers.IdentifierError as exc:
        raise ValidationError(
            {"customs_code": "海关企业代码应为10位：前4位为数字，后6位为数字或大写字母"}
        ) from exc


def validate_phone(value: str) -> None:
    if not PHONE.match(value):
        raise ValidationError({"phone": "请输入11位手机号码"})
