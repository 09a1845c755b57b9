"""An ERP's side of the REST API, with plain httpx: it registers its webhook receiver, makes
the period's 明细 lines from the downloaded 报关单 (数据检查 + 生成退税), runs the period to
确认申报 against the (simulated) customs and tax bureau, receives the product's webhooks
(signature and timestamp verified) and reads the approved refund — only through /api/v1/.

    REBATE_TOKEN=rbt_… CARD_FILE=var/cards/CK4403000001.json CARD_PIN=88888888 \\
        python examples/erp_sync.py --base http://127.0.0.1:8000 --period 202609

The token comes from 配置 → 接口集成 → API令牌 (or `manage.py api_token demo --name ERP`). The
IC card stays with its holder: this script unlocks the card's key file with its PIN and signs
what the API hands it (a challenge, or a batch's sign_text), as the clerk's browser does.
The receiver is an http.server on 127.0.0.1 in a thread of this script (plain http is allowed
to loopback only); the product's background worker must be running to send the deliveries.
The endpoint is deleted again at the end.
"""

from __future__ import annotations

import argparse
import base64
import calendar
import hashlib
import hmac
import json
import os
import queue
import sys
import threading
import time
import uuid
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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

    def call(self, method: str, path: str, allow: tuple[int, ...] = (), **kw: Any) -> Any:
        if method == "POST":  # a retry after a lost answer must not start a second job
            kw.setdefault("headers", {})["Idempotency-Key"] = str(uuid.uuid4())
        for _ in range(5):
            response = self.http.request(method, path, **kw)
            if response.status_code != 429:
                break
            time.sleep(float(response.headers.get("Retry-After", "1")))
        if response.status_code >= 400 and response.status_code not in allow:
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


class Receiver:
    """The ERP's webhook receiver: answers 2xx at once, verifies, then hands the event on."""

    def __init__(self) -> None:
        self.secret = ""  # set once the endpoint is registered (shown once, at creation)
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: set[str] = set()
        self.refused = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                ok = receiver.verify(dict(self.headers.items()), raw)
                self.send_response(204 if ok else 401)
                self.end_headers()
                if not ok:
                    receiver.refused += 1
                    return
                delivery = self.headers.get("X-Rebate-Delivery", "")
                if delivery not in receiver.seen:  # a retry or 重新发送 of one already handled
                    receiver.seen.add(delivery)
                    receiver.events.put(json.loads(raw))

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/rebate/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verify(self, headers: dict[str, str], body: bytes, tolerance: int = 300) -> bool:
        """docs/webhooks.md: HMAC-SHA256 of timestamp + "." + the raw body, a fresh timestamp."""
        stamp = headers.get("X-Rebate-Timestamp", "")
        if not self.secret or not stamp.isdigit() or abs(time.time() - int(stamp)) > tolerance:
            return False  # stale or missing timestamp: a replay
        mac = hmac.new(self.secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
        expected = "v1=" + mac.hexdigest()
        return hmac.compare_digest(expected, headers.get("X-Rebate-Signature", ""))

    def wait_for(self, event: str, batch: str = "", timeout: float = 180) -> dict[str, Any]:
        """The next verified event of that name (for that batch number), printing each one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                got = self.events.get(timeout=max(deadline - time.monotonic(), 0.1))
            except queue.Empty:
                break
            data = got["data"]
            number = data.get("batch", {}).get("number", "")
            about = f" {number}" if number else ""
            print(f"  ← 消息推送 {got['event']}{about}（签名、时间戳已验证）")
            if got["event"] == event and (not batch or number == batch):
                return got
        raise SystemExit(f"未在{timeout:.0f}秒内收到消息推送 {event} {batch}")


GENERAL_TRADE = ("0110",)  # 一般贸易
EVENTS = ["declarations.downloaded", "batch.generated", "batch.self_checked",
          "batch.approved", "batch.returned"]  # fmt: skip


def month_range(period: str) -> tuple[str, str]:
    year, month = int(period[:4]), int(period[4:])
    return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]}"


def erp_invoice(declaration: dict[str, Any]) -> str:
    """The ERP's 20-digit 数电票 number of the shipment (made up here from the declaration)."""
    return f"2644{int(declaration['entry_id'][-16:]):016d}"


def make_lines(api: Api, period: str) -> None:
    """The period's 一般贸易 报关单 not yet generated: 数据检查, then 生成退税 of those that
    passed — the page's two buttons, each declaration's lines from its items. A declaration
    without its 出口发票号 gets the ERP's in the 生成退税 dialog, one declaration at a time."""
    listed = api.all("customs/declarations", export_month=period, page_size=500)
    ticked = [d["id"] for d in listed
              if d["trade_mode"] in GENERAL_TRADE and d["generation_status"] == "0"]  # fmt: skip
    if not ticked:
        print("生成退税：没有未生成的一般贸易报关单")
        return
    checked = api.call("POST", "customs/declarations/check", json={"declaration_ids": ticked})
    print(checked["message"])
    chosen = set(ticked)
    passed = [d for d in api.all("customs/declarations", export_month=period, page_size=500)
              if d["id"] in chosen and d["check_status"] == "passed"]  # fmt: skip
    calls = [([d["id"] for d in passed if d["invoice_no"]], "")]
    calls += [([d["id"]], erp_invoice(d)) for d in passed if not d["invoice_no"]]
    made, lines, refused = 0, 0, []
    for ids, invoice_no in calls:
        if not ids:
            continue
        body = {"declaration_ids": ids, "period": period, "invoice_no": invoice_no}
        done = api.call("POST", "customs/declarations/generate", allow=(400,), json=body)
        if "code" in done:  # none of them could be generated: the reasons, nothing changed
            done = {"declarations": 0, "lines": 0, "refused": [done["message"]]}
        made, lines, refused = (
            made + done["declarations"],
            lines + done["lines"],
            [*refused, *done["refused"]],
        )
    print(f"生成退税：{made}张报关单，生成出口明细{lines}条；未生成{len(refused)}张")
    for reason in refused[:3]:
        print(f"  {reason}")


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
    receiver = Receiver()
    hook = {"name": "ERP同步示例", "url": receiver.url, "events": EVENTS}
    endpoint = api.call("POST", "webhooks/endpoints", json=hook)
    receiver.secret = endpoint["secret"]  # shown this once; the ERP keeps it
    print(f"消息推送地址：{endpoint['url']}（密钥 …{endpoint['secret_hint']}）")
    try:
        return run(api, card, receiver, period, (first, last), args.ending_credit)
    finally:
        api.call("DELETE", f"webhooks/endpoints/{endpoint['id']}")
        receiver.server.shutdown()


def run(api: Api, card: Card, receiver: Receiver, period: str, window: tuple[str, str],
        ending_credit: str) -> int:  # fmt: skip
    body = {"mode": "range", "date_from": window[0], "date_to": window[1]}
    job = api.wait(api.call("POST", "customs/download", json=body))
    print("信息下载：", job["result"].get("summary", job["result"]))
    receiver.wait_for("declarations.downloaded")
    make_lines(api, period)
    lines = api.all("records/goods/exportline", period=period, page_size=500)
    print(f"明细：所属期{period}共 {len(lines)} 条")

    job = api.call("POST", "families/mdt/consistency-check", json={"period": period})
    print("数据一致性检查：", api.wait(job)["result"]["summary"])
    summary = {"period": period, "vat_transfer_out": "0.00"}
    if ending_credit:
        summary["ending_credit"] = ending_credit
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
        receiver.wait_for("batch.generated", batch["number"])
        batch = api.call("POST", f"batches/{batch_id}/self-check", json=api.proof())
        while batch["status"] == "checking":
            time.sleep(2)
            api.call("POST", "families/mdt/self-check-status")
            batch = api.call("GET", f"batches/{batch_id}")
        doubts = api.all("doubts", family="mdt", batch=batch_id)
        blocking = [d for d in doubts if not d["skippable"]]
        state = batch["status_display"]
        print(f"数据自检：{state}，疑点 {len(doubts)} 个（不可跳过 {len(blocking)} 个）")
        checked = receiver.wait_for("batch.self_checked", batch["number"])["data"]
        doubt_count, blocking_count = checked["doubt_count"], checked["blocking_count"]
        print(f"  自检完成推送：疑点 {doubt_count} 个，不可跳过 {blocking_count} 个")
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
    pushed = receiver.wait_for("batch.approved", batch["number"])["data"]
    for figure in pushed["approved"]:  # amounts are decimal strings: parse them as decimals
        print(f"审核通过推送：{figure['label']} {Decimal(figure['value']):,.2f}")
    for row in api.call("GET", "query", params={"family": "mdt", "period": period}):
        for figure in row["figures"]:
            declared, approved = figure["declared"], figure["approved"]
            print(f"数据查询 {row['period']}：{figure['label']} 申报 {declared} 核准 {approved}")
    if receiver.refused:
        raise SystemExit(f"{receiver.refused} 个推送未通过签名验证")
    return 0


if __name__ == "__main__":
    sys.exit(main())
