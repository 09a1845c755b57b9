"""The customs download format ``urn:ckts:wire:customs:1`` (docs/wire/customs-1.0.md)."""

from .model import (
    Amendment,
    DeclarationItem,
    DeclarationPage,
    ExportDeclaration,
    Manual,
    ManualRecord,
    ReturnRecord,
)

__all__ = [
    "Amendment",
    "DeclarationItem",
    "DeclarationPage",
    "ExportDeclaration",
    "Manual",
    "ManualRecord",
    "ReturnRecord",
]
