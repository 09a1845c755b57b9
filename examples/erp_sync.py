"""An ERP's side of the REST API, with plain httpx: it creates the period's 明细 lines, runs
the period to 确认申报 against the (simulated) customs and tax bureau, and reads the approved
refund — only through /api/v1/.

    REBATE_TOKEN=rbt_… CARD_FILE=var/cards/CK4403000001.json CARD_PIN=88888888 \\
        python examples/erp_sync.py --base http://127.0.0.1:8000 --period 202609

The token comes from 配置 → 接口集成 → API令牌 (or `manage.py api_token demo --name ERP`). The
IC card stays with its holder: this script unlocks the card's key file with its PIN and signs
what the API hands it (a challenge, or a batch's sign_text), as the clerk's browser does.
Receiving the product's webhooks (消息推送) belongs in `on_event` below.
"""

from __future__ import annotations

import argparse
import base64
import calendar
import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC


class Card:
    """The e-port's PIN-protected key file (AES-256-GCM under PBKDF2-SHA256 of the PIN)."""

    def __init__(self, path: Path, pin: str) -> None:
        data = json.loads(path.read_text())
        kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32,
                         salt=base64.b64decode(data["kdf"]["salt"]),
                         iterations=int(data["kdf"]["iterations"]))  # fmt: skip
        pkcs8 = AESGCM(kdf.derive(pin.encode())).decrypt(
            base64.b64decode(data["cipher"]["iv"]),
            base64.b64decode(data["private_key"]),
            data["card_no"].encode(),
        )
        key = serialization.load_der_private_key(pkcs8, password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        self.key, self.card_no = key, data["card_no"]

    def sign(self, text: str) -> str:
        """ECDSA P-256 / SHA-256 as base64 r‖s (what WebCrypto gives the browser)."""
        r, s = decode_dss_signature(self.key.sign(text.encode(), ec.ECDSA(hashes.SHA256())))
        return base64.b64encode(r.to_bytes(32, "big") + s.to_bytes(32, "big")).decode()


class Api:
    def __init__(self, base: str, token: str, card: Card) -> None:
        self.http = httpx.Client(base_url=base.rstrip("/") + "/api/v1/", timeout=120,
                                 headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        self.card = card

    def call(self, method: str, path: str, **kw: Any) -> Any:
        if method == "POST":  # a retry after a lost answer must not start a second job
            kw.setdefault("headers", {})["Idempotency-Key"] = str(uuid.uuid4())
        for _ in range(5):
            response = self.http.request(method, path, **kw)
            if response.status_code != 429:
                break
            time.sleep(float(response.headers.get("Retry-After", "1")))
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path} → {response.status_code} {response.text[:800]}")
        return response.json() if response.content else None

    def all(self, path: str, **params: Any) -> list[Any]:
        rows, url = [], path
        while url:
            page = self.call("GET", url, params=params if url == path else None)
            rows += page["results"]
            url = page["next"] and page["next"].split("/api/v1/", 1)[1]
        return rows

    def proof(self) -> dict[str, str]:
        text = self.call("POST", "card/challenge")["text"]
        return {"card_no": self.card.card_no, "card_text": text,
                "card_signature": self.card.sign(text)}  # fmt: skip

    def wait(self, job: dict[str, Any]) -> dict[str, Any]:
        while not job["finished"]:
            time.sleep(1)
            job = self.call("GET", f"jobs/{job['id']}")
        if job["status"] != "succeeded":
            raise SystemExit(f"任务失败：{job['label']}：{job['message']}")
        return job


def on_event(event: dict[str, Any]) -> None:
    """Where the ERP would receive the product's webhooks (消息推送, rebate.webhooks)."""


GENERAL_TRADE = ("0110",)  # 一般贸易


def month_range(period: str) -> tuple[str, str]:
    year, month = int(period[:4]), int(period[4:])
    return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]}"


def lines_of(api: Api, period: str, units: dict[str, str]) -> list[dict[str, Any]]:
    """The ERP's 明细 lines for the period: one per exported item, the customs figures."""
    rows = []
    for listed in api.all("customs/declarations", export_month=period):
        declaration = api.call("GET", f"customs/declarations/{listed['id']}")
        if declaration["trade_mode"] not in GENERAL_TRADE:
            continue  # 进料加工 lines wait for the manual's 计划分配率备案 (not this script's)
        for item in declaration["items"]:
            if item["no_refund"] or item["fob_usd"] is None:
                continue
            rows.append({
                "period": period, "item_key": item["item_key"],
                "export_date": declaration["ie_date"], "commodity_code": item["code_ts"],
                "commodity_name": item["g_name"][:100], "unit": units.get(item["first_unit"], ""),
                "quantity": item["first_qty"], "fob_usd": item["fob_usd"],
                "fob_cny": item["fob_cny"], "trade_mode": declaration["trade_mode"],
                "invoice_no": declaration["invoice_no"],
            })  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=os.environ.get("REBATE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--period", required=True, help="所属期 YYYYMM")
    parser.add_argument(
        "--ending-credit", default="", help="期末留抵税额（不填则取税局的增值税纳税申报表）"
    )
    args = parser.parse_args()
    card = Card(Path(os.environ["CARD_FILE"]), os.environ["CARD_PIN"])
    api = Api(args.base, os.environ["REBATE_TOKEN"], card)
    period = args.period
    first, last = month_range(period)

    window = {"mode": "range", "date_from": first, "date_to": last}
    job = api.wait(api.call("POST", "customs/download", json=window))
    print("信息下载：", job["result"].get("summary", job["result"]))
    units = {c["code"]: c["name"] for c in api.all("codes/tables/unit", page_size=500)}
    rows = lines_of(api, period, units)
    # A sync: the product's open lines of the period become the ERP's (re-runnable).
    wanted = {r["item_key"] for r in rows}
    have = {
        line["item_key"]: line
        for line in api.all("records/goods/exportline", period=period, page_size=500)
    }
    stale = [h for k, h in have.items() if k not in wanted and h["status"] == "collected"]
    for line in stale:
        api.call("DELETE", f"records/goods/exportline/{line['id']}")
    new = [r for r in rows if r["item_key"] not in have]
    created = (
        api.call("POST", "records/goods/exportline/bulk", json={"rows": new})["created"]
        if new
        else 0
    )
    print(f"明细：新建 {created} 条，删除 {len(stale)} 条，共 {len(rows)} 条（一般贸易）")

    job = api.call("POST", "families/mdt/consistency-check", json={"period": period})
    print("数据一致性检查：", api.wait(job)["result"]["summary"])
    summary = {"period": period, "vat_transfer_out": "0.00"}
    if args.ending_credit:
        summary["ending_credit"] = args.ending_credit
    done = api.call("POST", "families/mdt/summary", json=summary)
    print("生成汇总数据：", done["message"])
    for _attempt in range(3):  # a doubt-free batch within three rounds
        job = api.call("POST", "families/mdt/generate", json={"period": period, **api.proof()})
        batch_id = api.wait(job)["result"]["batch"]
        batch = api.call("GET", f"batches/{batch_id}")
        signature = card.sign(batch["sign_text"])  # the digest, signed by the card
        batch = api.call(
            "POST", f"batches/{batch_id}/sign",
            json={"card_no": card.card_no, "card_signature": signature},
        )  # fmt: skip
        print(
            f"申报数据 {batch['number']}：{batch['status_display']}，{batch['line_count']} 条明细"
        )
        batch = api.call("POST", f"batches/{batch_id}/self-check", json=api.proof())
        while batch["status"] == "checking":
            time.sleep(2)
            api.call("POST", "families/mdt/self-check-status")
            batch = api.call("GET", f"batches/{batch_id}")
        doubts = api.all("doubts", family="mdt", batch=batch_id)
        blocking = [d for d in doubts if not d["skippable"]]
        state = batch["status_display"]
        print(f"数据自检：{state}，疑点 {len(doubts)} 个（不可跳过 {len(blocking)} 个）")
        if not blocking:
            break
        # The ERP's answer to a line customs does not back: take it out, declare the rest.
        reason = {"reason": "删除不可跳过疑点的明细后重新生成"}
        api.call("POST", f"batches/{batch_id}/revoke", json=reason)
        for record_id in {d["record_id"] for d in blocking if d["record_id"]}:
            api.call("DELETE", f"records/goods/exportline/{record_id}")
        api.call("POST", "families/mdt/summary", json=summary)
    batch = api.call("POST", f"batches/{batch_id}/confirm", json=api.proof())
    print(f"确认申报：{batch['status_display']}")
    for _ in range(30):
        api.call("POST", "families/mdt/self-check-status")
        api.call("POST", "families/mdt/feedback/download", json={"period": period})
        reviews = api.all("reviews", family="mdt", period=period)
        if reviews:
            break
        time.sleep(2)
    for review in reviews:
        figures = json.dumps(review["figures"], ensure_ascii=False)
        print(
            f"审核结果：{review['result_display']}，回执号 {review['receipt_no']}，核准 {figures}"
        )
    for row in api.call("GET", "query", params={"family": "mdt", "period": period}):
        for figure in row["figures"]:
            declared, approved = figure["declared"], figure["approved"]
            print(f"数据查询 {row['period']}：{figure['label']} 申报 {declared} 核准 {approved}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
