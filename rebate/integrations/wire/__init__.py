"""Published wire formats shared by the product's clients and the simulators.

Three versioned XML formats, each with an XSD in ``schemas/`` rendered from the record
specifications (``xsdgen``) and documented in docs/wire/:

* ``customs`` — the customs download (DecMessage-like declarations, manuals, 改单, 退运);
* ``package`` — the signed declaration package: one envelope, one registered spec (and XSD)
  per business (免抵退 ``…_scsb.xml`` is one of them);
* ``feedback`` — the bureau's doubt lists, review, 加贸 and filing feedback.

Everything is read through ``safexml`` (no DTD, no entities, no network) and validated while
parsed. Signatures use ``canonical`` (streaming canonical form + ECDSA P-256/SHA-256).
The simulators may import this package (and rebate.calc) but nothing else of the product.
"""

from .errors import WireError

__all__ = ["WireError"]
