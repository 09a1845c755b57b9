"""单证申报 (SPEC DZ-01…DZ-16): the certificates (证明类, A02xxxxx, DOMAIN §6.1) the enterprise
asks the tax bureau for, as one family of seven businesses on the lifecycle engine.

Each business's 申请表 is one model (models.py; its docstring names the field source), its
record pages and wire section (records.py, wire.py), its printed form (prints.py) and its
place in the family (family.py). Other families never import this app; where a certificate
counts elsewhere (退运 → HZCJ_TY, 代理证明号 on a 明细 line) the lower layer exposes a hook
that this app fills (hooks.py).
"""

KEY = "certificates"  # the family key, the URL namespace and the app label
