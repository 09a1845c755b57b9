"""Credentials the simulated parties issue to their clients."""

from django.db import models


class Credential(models.Model):
    """One client's API credential at one party (an enterprise at the e-port or the bureau, the
    product's account at the SMS gateway). Only a hash of the secret is kept: the secret is
    shown once, when issued, to whoever onboards the client."""

    party = models.CharField("机构", max_length=20)
    account = models.CharField("接入账号", max_length=40)
    secret_hash = models.CharField("凭证摘要", max_length=64)
    issued_at = models.DateTimeField("签发时间", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["party", "account"], name="sim_credential_once")
        ]
