"""Doubt rules as data: how the bureau finds 疑点 in a business it has no code for.

A rule names a business, one of its package sections and a record field (the attribute name
of the wire record, e.g. ``contract_no``); every record of a received package of that business
is tested against it (``doubt_rules.evaluate``), and a match becomes a ``Doubt`` with the
rule's code, level, skippable flag and message. This is how a business registered only in a
test (wire.package.register_business) gets doubts from the simulator.
"""

from __future__ import annotations

from django.db import models


class Operator(models.TextChoices):
    EQUALS = "equals", "等于"
    IN = "in", "属于（逗号分隔的值之一）"
    EMPTY = "empty", "为空"
    DUPLICATE = "duplicate", "与本表前面的记录重复"


class DoubtRule(models.Model):
    business_code = models.CharField("申报业务表代码", max_length=8, db_index=True)
    section = models.CharField("申报表", max_length=20)
    field_name = models.CharField("字段", max_length=40)
    operator = models.CharField(max_length=10, choices=Operator.choices)
    value = models.CharField("比较值", max_length=200, blank=True)
    code = models.CharField("疑点代码", max_length=60)
    level = models.CharField("疑点级别", max_length=1, choices=[("E", "E"), ("I", "I")])
    skippable = models.BooleanField("可挑过", default=False)
    # "{value}" in the message is replaced by the record's value of the field
    message = models.CharField("疑点描述", max_length=1000)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return (
            f"{self.business_code} {self.section}.{self.field_name} {self.operator} → {self.code}"
        )
