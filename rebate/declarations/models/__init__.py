"""Declaration lifecycle records: batches and their packages, doubts, checks, feedback."""

from .batch import DeclarationBatch, Doubt
from .checks import ConsistencyIssue, ConsistencyRun
from .feedback import FeedbackFile, ReviewedLine, ReviewRecord

__all__ = [
    "ConsistencyIssue",
    "ConsistencyRun",
    "DeclarationBatch",
    "Doubt",
    "FeedbackFile",
    "ReviewRecord",
    "ReviewedLine",
]
