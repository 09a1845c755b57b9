"""Credentials the outside parties issued to the product's enterprises (and to the product)."""

from django.db import models


class Party(models.TextChoices):
    CUSTOMS = "customs", "中国电子口岸"
    TAXBUREAU = "taxbureau", "税务局"
    SMS = "sms", "短信网关"
    RATES = "rates", "中国外汇交易中心"


class PartyCredential(models.Model):
    """Sent as ``Authorization: Bearer …`` with every request to the party, for the account.

    The account is the enterprise's 海关企业代码 at the e-port and the bureau, the product's own
    account name at the SMS gateway. The token is a secret: kept encrypted (Fernet, with a key
    derived from SECRET_KEY: rebate.integrations.credentials), shown by no page, form, list or
    log; written only by ``store_credentials`` (the onboarding step) and read by the clients.
    """

    party = models.CharField("机构", max_length=20, choices=Party.choices)
    account = models.CharField("接入账号", max_length=40)
    sealed_token = models.TextField("接入凭证（密文）")
    stored_at = models.DateTimeField("登记时间", auto_now=True)

    class Meta:
        verbose_name = "外部机构接入凭证"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["party", "account"], name="party_credential_once")
        ]

    def __repr__(self) -> str:  # never the token
        return f"<PartyCredential {self.party} {self.account}>"

    __str__ = __repr__
