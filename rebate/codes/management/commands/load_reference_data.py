"""Load every reference library the product needs (idempotent, fast: `make run` calls it)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from rebate.codes import services


class Command(BaseCommand):
    help = (
        "加载参考数据：海关参数代码表、2020年商品编码、样例退税率文库（SAMPLE，非官方）"
        "与默认申报期限规则。可重复执行。汇率由 download_exchange_rates 从汇率来源下载。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        results = services.load_customs_tables()
        loaded = [r for r in results if r.created]
        self.stdout.write(
            f"    海关参数代码表 {len(results)} 张，本次新加载 {len(loaded)} 张"
            f"（{sum(r.rows for r in loaded)} 条）"
        )
        commodities = services.load_commodities()
        self.stdout.write(
            f"    商品编码 {commodities.rows} 条（版本 {commodities.version}"
            f"{'，新加载' if commodities.created else '，已存在'}）"
        )
        library, created = services.load_sample_library()
        self.stdout.write(
            f"    样例退税率文库 {library.version}（非官方，仅供演示）{library.row_count} 条"
            f"{'，新建' if created else '，已存在'}"
        )
        rules = services.load_default_deadline_rules()
        self.stdout.write(f"    申报期限规则新增 {rules} 条")
        self.stdout.write(f"    用时 {time.perf_counter() - started:.1f} 秒")
