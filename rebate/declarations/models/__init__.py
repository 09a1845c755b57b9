"""Declaration lifecycle records: batches and their packages, doubts, 汇总表, checks, feedback."""

from .batch import DeclarationBatch, Doubt
from .checks import ConsistencyIssue, ConsistencyRun
from .feedback import FeedbackFile, ReviewedLine, ReviewRecord
from .summary import Summary, SummaryLine

__all__ = [
    "ConsistencyIssue",
    "ConsistencyRun",
    "DeclarationBatch",
    "Doubt",
    "FeedbackFile",
    "ReviewRecord",
    "ReviewedLine",
    "Summary",
    "SummaryLine",
]
