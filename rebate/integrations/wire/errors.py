"""The one error of the wire layer: bad input described in Chinese for the user."""

from __future__ import annotations


class WireError(ValueError):
    """A document that is not well formed, not valid against its XSD, or wrongly signed.

    ``message`` is shown to the user as is (Chinese); ``code`` lets callers map the error to an
    HTTP status without parsing the text.
    """

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
