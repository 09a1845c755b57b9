"""Enumerations of 货物采集 that the program's behaviour depends on (DESIGN §4 rule 7).

业务类型 (DOMAIN §7.7): the national code table is not published; the codes the program acts on are
kept here, and a line may carry several, comma-joined as on the tax side (`cktmsywlxdmjh`).
"""

from __future__ import annotations

from django.db import models

from rebate.core.models import RecordStatus


class BusinessType(models.TextChoices):
    HZCJ = "HZCJ", "红字冲减"
    HZCJ_TY = "HZCJ-TY", "红字冲减-退运"
    QYGTS = "QYGTS", "启运港退税"
    BSQ = "BSQ", "经保税区出口"
    DWCB = "DWCB", "对外承包"
    JWTZ = "JWTZ", "境外投资"
    DWYZ = "DWYZ", "对外援助"
    XLXP = "XLXP", "修理修配"
    LMYCL = "LMYCL", "旅游购物贸易方式出口"
    STZC = "STZC", "视同自产"


REVERSAL_TYPES = (BusinessType.HZCJ, BusinessType.HZCJ_TY)


# Where a 明细表 line stands in the declaration lifecycle: the kernel's batch-record status.
LineStatus = RecordStatus


class LineOrigin(models.TextChoices):
    CUSTOMS = "customs", "报关单生成"
    MANUAL = "manual", "手工新建"
    IMPORT = "import", "导入"
    WRITEBACK = "writeback", "货物冲减"
