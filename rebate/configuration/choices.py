"""Enumerations of the 配置 pages."""

from __future__ import annotations

from django.db import models

# The 36 tax regions of the export-rebate administration: 31 provinces and the five
# 计划单列市, with their 行政区划 codes. Enterprise.region stores the name.
TAX_REGIONS: tuple[tuple[str, str], ...] = (
    ("110000", "北京"), ("120000", "天津"), ("130000", "河北"), ("140000", "山西"),
    ("150000", "内蒙古"), ("210000", "辽宁"), ("210200", "大连"), ("220000", "吉林"),
    ("230000", "黑龙江"), ("310000", "上海"), ("320000", "江苏"), ("330000", "浙江"),
    ("330200", "宁波"), ("340000", "安徽"), ("350000", "福建"), ("350200", "厦门"),
    ("360000", "江西"), ("370000", "山东"), ("370200", "青岛"), ("410000", "河南"),
    ("420000", "湖北"), ("430000", "湖南"), ("440000", "广东"), ("440300", "深圳"),
    ("450000", "广西"), ("460000", "海南"), ("500000", "重庆"), ("510000", "四川"),
    ("520000", "贵州"), ("530000", "云南"), ("540000", "西藏"), ("610000", "陕西"),
    ("620000", "甘肃"), ("630000", "青海"), ("640000", "宁夏"), ("650000", "新疆"),
)  # fmt: skip
REGION_NAMES = tuple(name for _, name in TAX_REGIONS)


class YesNo(models.TextChoices):
    YES = "Y", "是"
    NO = "N", "否"


class FilingSource(models.TextChoices):
    FEEDBACK = "feedback", "反馈读入"
    MANUAL = "manual", "手工维护"


PAPERLESS_TYPE = "01"  # 扩展类型代码 of 无纸化标志 (codes/data/additions/extension_types.csv)
