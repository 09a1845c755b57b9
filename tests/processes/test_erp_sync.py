"""examples/erp_sync.py as a process against live servers (`serve`: gunicorn and a worker;
the simulators in-process): it registers its loopback receiver, makes October's 明细 lines by
数据检查 + 生成退税, runs the period to 确认申报, receives the signed webhooks and reads the
approved refund — only through the API. September is the seed's, already collected."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import REPO, Site, free_port, http_status, wait_for

PERIOD = "202610"


def test_the_erp_example_declares_a_period_through_the_api_and_its_webhooks(
    site: Site, tmp_path
) -> None:
    card = tmp_path / "erp-card.json"
    [client] = site.steps(["erp_client", str(card)])
    port = free_port()
    site.manage("serve", "--port", str(port), "--workers", "1", WEB_CONCURRENCY="2")
    login = f"http://127.0.0.1:{port}/accounts/login/"
    wait_for(lambda: http_status(login) == 200, "the site", 240)  # a loaded machine is slow
    env = {**os.environ, "REBATE_TOKEN": client["token"], "CARD_FILE": str(card),
           "CARD_PIN": client["pin"]}  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "erp_sync.py"),
         "--base", f"http://127.0.0.1:{port}", "--period", PERIOD],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    out = done.stdout
    assert done.returncode == 0, f"{out[-4000:]}\n{done.stderr[-3000:]}\n{site.logs()[-3000:]}"
    for expected in (
        "← 消息推送 declarations.downloaded", "数据检查完成", "生成退税：",
        "← 消息推送 batch.generated", "← 消息推送 batch.self_checked", "确认申报：",
        "← 消息推送 batch.approved", "审核通过推送：",
    ):  # fmt: skip
        assert expected in out, out
    assert "未通过签名验证" not in out
    (REPO / "test-output").mkdir(exist_ok=True)
    (REPO / "test-output" / "erp_sync.txt").write_text(out)
