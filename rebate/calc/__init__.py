"""Pure rules of the 生产企业 免抵退 export-rebate system (DOMAIN.md).

Standard library only; no Django and no other ``rebate`` package is imported here (a test
walks the modules with ``ast`` to keep it so). Money is ``Decimal`` end to end, rounded only
at the points named in ``rebate.calc.money``.

Modules: ``money`` (parsing, rounding), ``periods``, ``exchange``, ``fob``, ``mdt`` (line
amounts, 汇总表, VAT link, 本年累计), ``allocation`` (分配率, 核销), ``deadlines``,
``identifiers``, ``checks`` (疑点 rules), ``cli`` (``python -m rebate.calc``).
"""
