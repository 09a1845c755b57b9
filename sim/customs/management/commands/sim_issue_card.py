"""The e-port card counter: issue an IC card to an enterprise registered at the e-port.

Either the card made its key pair itself (``--public-key-pem``: only the public key is
registered), or the counter hands out a PIN-protected key file (``--pin`` and ``--out``: the
file is what the clerk 插卡s in the browser). Issuing to an existing file re-registers the key
in it instead of replacing it, so ``make run`` can run this every time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sim.customs import cardfile
from sim.customs.registry import RegistryError, register_card


class Command(BaseCommand):
    help = "Issue an IC card at the simulated e-port (register a public key or write a key file)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--customs-code", required=True)
        parser.add_argument("--card-no", required=True)
        parser.add_argument("--public-key-pem", default="")
        parser.add_argument("--pin", default="")
        parser.add_argument("--out", default="")
        parser.add_argument("--iterations", type=int, default=cardfile.DEFAULT_ITERATIONS)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        code, card_no = options["customs_code"], options["card_no"]
        try:
            if options["public_key_pem"]:
                register_card(
                    customs_code=code, card_no=card_no, public_key_pem=options["public_key_pem"]
                )
                self.stdout.write(f"已登记IC卡 {card_no}（{code}）")
                return
            if not (options["pin"] and options["out"]):
                raise CommandError("需要 --public-key-pem，或 --pin 与 --out")
            self._key_file(code, card_no, options)
        except (RegistryError, cardfile.CardFileError) as error:
            raise CommandError(str(error)) from None

    def _key_file(self, code: str, card_no: str, options: dict[str, Any]) -> None:
        out = Path(options["out"])
        if out.exists():
            existing = cardfile.read_card_file(out.read_text(encoding="utf-8"))
            if existing.get("card_no") == card_no:
                register_card(
                    customs_code=code, card_no=card_no, public_key_pem=existing["public_key"]
                )
                self.stdout.write(f"IC卡 {card_no} 已发放：{out}")
                return
        key = ec.generate_private_key(ec.SECP256R1())
        register_card(
            customs_code=code, card_no=card_no, public_key_pem=cardfile.public_key_pem(key)
        )
        data = cardfile.make_card_file(
            card_no=card_no,
            customs_code=code,
            pin=options["pin"],
            key=key,
            iterations=options["iterations"],
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        out.chmod(0o600)
        self.stdout.write(f"已发放IC卡 {card_no}（{code}）：{out}")
