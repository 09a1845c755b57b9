"""Keep the credentials a party issued at onboarding, read from stdin (never from arguments,
which other users of the machine can see):

    DJANGO_SETTINGS_MODULE=config.settings.sim manage.py sim_credentials --customs-code X \\
        | manage.py store_credentials
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rebate.integrations.credentials import CredentialDocumentError, store_issued


class Command(BaseCommand):
    help = "登记外部机构签发的接入凭证（从标准输入读取JSON）"

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            stored = store_issued(sys.stdin.read())
        except CredentialDocumentError as error:
            raise CommandError(str(error)) from None
        for party, account in stored:
            self.stdout.write(f"    已登记接入凭证：{party} / {account}")
