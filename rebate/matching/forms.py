"""The 出口发票 and 收汇记录 forms, with the manual's conventions (hints, date inputs)."""

from __future__ import annotations

from rebate.core.forms import ConventionModelForm, date_input

from .models import ExportInvoice, ForeignReceipt


class ExportInvoiceForm(ConventionModelForm):
    class Meta:
        model = ExportInvoice
        fields = [
            "invoice_no", "issued_on", "buyer", "buyer_country", "currency", "amount",
            "contract_no", "note",
        ]  # fmt: skip
        widgets = {"issued_on": date_input()}
        help_texts = {
            "buyer": "发票上的外商名称，与收汇的付汇人比对",
            "buyer_country": "海关国别代码，如 USA，与报关单运抵国比对",
            "currency": "成交币种字母代码，如 USD",
            "amount": "发票总金额（原币）",
            "contract_no": "与报关单合同协议号比对",
        }


class ForeignReceiptForm(ConventionModelForm):
    class Meta:
        model = ForeignReceipt
        fields = [
            "received_on", "payer", "payer_country", "currency", "amount", "bank_reference",
            "voucher_no", "note",
        ]  # fmt: skip
        widgets = {"received_on": date_input()}
        help_texts = {
            "payer": "银行收汇凭证上的付汇人，与发票购买方比对",
            "amount": "实际入账的原币金额（已扣境外银行费用）",
            "bank_reference": "银行业务编号，每笔收汇唯一",
        }
