"""Load beside a large import (bench/bench_import_load.py): the demo enterprise's clerks browse
and save 委托企业 while another enterprise imports 30,000 rows; visitors open the login page
(which writes a captcha row). Every request is named by page for p50/p95 per page."""

from __future__ import annotations

import itertools
import os
import re

from locust import FastHttpUser, between, task
from stdnum.cn import uscc

from bench import locustfile as base

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ADD = "/ckts/configuration/principal/add/"
_numbers = itertools.count(int(os.environ.get("LOAD_FIRST_ID", "500000")))


def taxpayer_id() -> str:
    body = f"91440300MA5{next(_numbers):06d}"
    return body + uscc.calc_check_digit(body)


class SavingClerk(base.Clerk):
    """Browses as the load scenario's clerk, and saves a 委托企业 now and then (a write)."""

    @task(2)
    def save_principal(self) -> None:
        form = self.client.get(ADD, name="委托企业新建页").text
        token = CSRF.search(form)
        if token is None:
            return
        self.client.post(
            ADD,
            name="委托企业保存",
            allow_redirects=False,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "name": "负载测试委托企业",
                "taxpayer_id": taxpayer_id(),
            },
        )


class Visitor(FastHttpUser):
    """Someone about to sign in: the anonymous login page."""

    wait_time = between(0.5, 2.0)
    weight = 1

    @task
    def login_page(self) -> None:
        self.client.get("/accounts/login/", name="登录页（未登录）")
